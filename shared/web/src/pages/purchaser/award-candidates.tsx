import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { ProblemAlert } from '../../components/problem-alert';
import { ToneTag } from '../../components/public-tags';
import { showYuan } from '../../lib/money';
import {
  AWARD_KEYS,
  awardTender,
  type EvaluationReportView,
  type RankedBid,
} from '../../services/purchaser-award';
import { SCALE_LABELS } from '../../services/supplier';
import { AwardTable } from './award-table';

/** One candidate in the report's order. */
interface Candidate {
  order: number;
  line: RankedBid;
}

/** The report's candidates in order, each with its ranked line. */
export function candidatesOf(report: EvaluationReportView): Candidate[] {
  return report.candidates.flatMap((bidId, i) => {
    const line = report.ranking.find((r) => r.bidId === bidId);
    return line ? [{ order: i + 1, line }] : [];
  });
}

/** The confirmation of one candidate: a plain confirmation for the first, a written reason for any other. */
function AwardDialog({
  tenderId,
  candidate,
  onClose,
}: {
  tenderId: string;
  candidate: Candidate;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reason?: string }>();
  const outOfOrder = candidate.order > 1;
  const award = useMutation({
    mutationFn: (reason: string | undefined) =>
      awardTender(tenderId, { bidId: candidate.line.bidId, ...(reason ? { outOfOrderReason: reason } : {}) }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: AWARD_KEYS.all });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={outOfOrder ? `不按排序确定：第 ${candidate.order} 中标候选人` : '确定成交供应商'}
      okText="确定并发布结果公告"
      cancelText="取消"
      confirmLoading={award.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
        <Descriptions.Item label="供应商">{candidate.line.supplierName}</Descriptions.Item>
        <Descriptions.Item label="候选人顺序">第 {candidate.order} 中标候选人</Descriptions.Item>
        <Descriptions.Item label="成交金额">{showYuan(candidate.line.dealPriceFen)}</Descriptions.Item>
      </Descriptions>
      {outOfOrder && (
        <Alert
          type="warning"
          showIcon
          title="应当按候选人排序确定成交供应商"
          description="不选排名第一的候选人，须书面说明理由；理由记入审计日志并随结果备查（87号令第六十八条）。"
          style={{ marginBottom: 12 }}
        />
      )}
      {!outOfOrder && (
        <Typography.Paragraph>
          确定后将发布中标（成交）结果公告，公告中列明成交金额和评审专家名单。
        </Typography.Paragraph>
      )}
      <ProblemAlert error={award.error} />
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={(values) => award.mutate(values.reason?.trim() || undefined)}
      >
        {outOfOrder && (
          <Form.Item
            label="不按排序确定的理由"
            name="reason"
            rules={[
              { required: true, whitespace: true, message: '不按排序确定须书面说明理由（87号令第六十八条）' },
              { min: 5, max: 2000, message: '理由须为 5–2000 个字' },
            ]}
          >
            <Input.TextArea rows={4} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/**
 * 确定成交供应商 (87号令第六十八条): the report's candidates in order, each with its deal amount; the first
 * is confirmed with one click, any other only with a written reason.
 */
export function AwardCandidates({ tenderId, report }: { tenderId: string; report: EvaluationReportView }) {
  const [chosen, setChosen] = useState<Candidate | null>(null);
  const candidates = candidatesOf(report);
  return (
    <Card variant="outlined" style={{ marginBottom: 16 }} data-testid="candidates">
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 0 }}>
        确定成交供应商
      </Typography.Title>
      <Typography.Paragraph>
        请按评标报告推荐的候选人排序确定成交供应商；成交金额为该供应商自己的投标报价（小微企业价格扣除只用于评审）。
      </Typography.Paragraph>
      <AwardTable<Candidate>
        label="中标候选人"
        rows={candidates}
        rowKey={(c) => c.line.bidId}
        empty="评标报告没有推荐候选人。"
        columns={[
          {
            key: 'order',
            title: '候选人顺序',
            render: (c) => <ToneTag tone={c.order === 1 ? 'blue' : 'grey'}>第 {c.order} 中标候选人</ToneTag>,
          },
          { key: 'name', title: '供应商', render: (c) => c.line.supplierName },
          {
            key: 'scale',
            title: '企业规模',
            render: (c) =>
              SCALE_LABELS[c.line.supplierScale as keyof typeof SCALE_LABELS] ?? c.line.supplierScale,
          },
          { key: 'deal', title: '成交金额', render: (c) => showYuan(c.line.dealPriceFen) },
          { key: 'total', title: '总分', render: (c) => c.line.total ?? '—' },
          {
            key: 'action',
            title: '操作',
            render: (c) => (
              <Button
                type={c.order === 1 ? 'primary' : 'default'}
                onClick={() => setChosen(c)}
                aria-label={`${c.order === 1 ? '确定为成交供应商' : '不按排序确定'}：${c.line.supplierName}`}
              >
                {c.order === 1 ? '确定为成交供应商' : '不按排序确定'}
              </Button>
            ),
          },
        ]}
      />
      {chosen && <AwardDialog tenderId={tenderId} candidate={chosen} onClose={() => setChosen(null)} />}
    </Card>
  );
}
