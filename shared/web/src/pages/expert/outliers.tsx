import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Table, Typography } from 'antd';
import { ProblemAlert } from '../../components/problem-alert';
import { showBeijing } from '../../lib/time';
import { confirmOutliers, type EvaluationSessionView } from '../../services/expert';

/** One of the member's own flagged scores. */
type Outlier = EvaluationSessionView['outliers'][number];

/**
 * 异常评分确认: once every sheet is locked, the member's own scores more than 30% of a criterion's
 * points from the committee's median are flagged; the member confirms them with a note before the
 * report is made. A locked sheet never changes.
 */
export function OutliersSection({ session }: { session: EvaluationSessionView }) {
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ note: string }>();
  const confirm = useMutation({
    mutationFn: (note: string) => confirmOutliers(session.tenderId, { note }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['expert'] }),
  });
  const locked = session.sheet?.status === 'submitted';
  if (session.outliers.length === 0) {
    return (
      <Typography.Paragraph>
        {locked && session.status === 'evaluating'
          ? '您的评分表已锁定。全部委员锁定后系统汇总计算；若您的某项评分与全体委员的中位数相差超过该项满分的 30%，会在此请您确认。本页每隔几秒自动刷新。'
          : '您没有需要确认的异常评分。'}
      </Typography.Paragraph>
    );
  }
  const bidName = (bidId: string) => session.bids.find((b) => b.bidId === bidId)?.supplierName ?? bidId;
  const criterionName = (id: string) => session.criteria.find((c) => c.id === id)?.name ?? id;
  return (
    <div>
      <Alert
        type="warning"
        showIcon
        title={`您有 ${session.outliers.length} 项评分与全体委员的中位数相差较大`}
        description="相差超过该项满分的 30% 的评分须由打分的委员确认并说明理由后才计入评标报告；已锁定的评分表不会改变。"
        style={{ marginBottom: 12 }}
      />
      <Table<Outlier>
        rowKey={(o) => `${o.bidId}-${o.criterionId}`}
        size="small"
        pagination={false}
        scroll={{ x: true }}
        dataSource={session.outliers}
        aria-label="需确认的异常评分"
        columns={[
          { title: '投标人', key: 'bid', render: (_, o) => bidName(o.bidId) },
          { title: '评审因素', key: 'criterion', render: (_, o) => criterionName(o.criterionId) },
          { title: '我的评分', dataIndex: 'points' },
          { title: '全体委员中位数', dataIndex: 'median' },
        ]}
        style={{ marginBottom: 12 }}
      />
      {session.outliersConfirmedAt ? (
        <Alert
          type="success"
          showIcon
          title={`您已于 ${showBeijing(session.outliersConfirmedAt)} 确认上述评分`}
          description={
            session.status === 'evaluating' ? '等待其他委员确认后生成评标报告。' : '评标报告已生成，见下文。'
          }
        />
      ) : (
        <Form form={form} layout="vertical" onFinish={(values) => confirm.mutate(values.note.trim())}>
          <ProblemAlert error={confirm.error} />
          <Form.Item
            label="确认说明"
            name="note"
            rules={[
              { required: true, whitespace: true, message: '请说明维持上述评分的理由' },
              { min: 2, message: '请至少写 2 个字' },
            ]}
          >
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={confirm.isPending}>
            确认上述评分
          </Button>
        </Form>
      )}
    </div>
  );
}
