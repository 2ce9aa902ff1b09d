import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Grid, Input, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { showYuan } from '../lib/money';
import { showBeijing } from '../lib/time';
import { type OpeningRecordView, respondToOpening, SCALE_LABELS } from '../services/supplier';
import { Countdown } from './countdown';
import { ProblemAlert } from './problem-alert';
import { ToneTag } from './public-tags';

/** One line of the opening record. */
type Entry = OpeningRecordView['entries'][number];

/** An entry's verdict as a tag with words. */
function showVerdict(entry: Entry) {
  return entry.status === 'valid' ? (
    <ToneTag tone="green">有效</ToneTag>
  ) : (
    <ToneTag tone="red">无效：{entry.reasonLabel ?? '未说明'}</ToneTag>
  );
}

/**
 * The opening record (开标记录) as a bidder reads it, with its answer: 确认 or 提出异议 with a reason,
 * inside the confirmation window.
 */
export function SupplierOpeningRecord({
  record,
  tenderId,
  orgId,
  canRespond,
}: {
  record: OpeningRecordView;
  tenderId: string;
  orgId: string;
  canRespond: boolean;
}) {
  const queryClient = useQueryClient();
  const screens = Grid.useBreakpoint();
  const [objecting, setObjecting] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const respond = useMutation({
    mutationFn: (body: { decision: 'confirm' } | { decision: 'object'; reason: string }) =>
      respondToOpening(tenderId, body),
    onSuccess: (updated) => {
      queryClient.setQueryData(['supplier', 'opening-record', tenderId], updated);
      void queryClient.invalidateQueries({ queryKey: ['supplier', 'tender', tenderId] });
    },
  });
  const mine = record.responses.find((r) => r.supplierOrgId === orgId);
  return (
    <Card variant="outlined" style={{ marginBottom: 16 }} data-testid="opening-record">
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 0 }}>
        开标记录
      </Typography.Title>
      <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label="公布时间">{showBeijing(record.publishedAt)}</Descriptions.Item>
        <Descriptions.Item label="有效投标">
          {record.validCount} 家 / 共 {record.entries.length} 家
        </Descriptions.Item>
        <Descriptions.Item label="确认截止">{showBeijing(record.confirmationEndsAt)}</Descriptions.Item>
        <Descriptions.Item label="确认剩余">
          <Countdown to={record.confirmationEndsAt} doneText="确认时间已结束" />
        </Descriptions.Item>
      </Descriptions>
      {!screens.md && (
        <ul aria-label="开标记录" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {record.entries.map((entry) => (
            <li key={entry.bidId} style={{ borderTop: '1px solid #f0f0f0', padding: '8px 0' }}>
              <Descriptions size="small" column={1}>
                <Descriptions.Item label="投标人">
                  {entry.supplierName}
                  {entry.supplierOrgId === orgId && <ToneTag tone="blue">本单位</ToneTag>}
                </Descriptions.Item>
                <Descriptions.Item label="企业规模">{SCALE_LABELS[entry.supplierScale]}</Descriptions.Item>
                <Descriptions.Item label="投标报价">
                  {entry.priceFen === null ? '—' : showYuan(entry.priceFen)}
                </Descriptions.Item>
                <Descriptions.Item label="结果">{showVerdict(entry)}</Descriptions.Item>
                <Descriptions.Item label="解密时间">
                  {entry.revealedAt ? showBeijing(entry.revealedAt) : '—'}
                </Descriptions.Item>
              </Descriptions>
            </li>
          ))}
        </ul>
      )}
      {screens.md && (
        <Table<Entry>
          rowKey="bidId"
          size="small"
          pagination={false}
          scroll={{ x: true }}
          dataSource={record.entries}
          columns={[
            {
              title: '投标人',
              render: (_, entry) => (
                <Space wrap>
                  {entry.supplierName}
                  {entry.supplierOrgId === orgId && <ToneTag tone="blue">本单位</ToneTag>}
                </Space>
              ),
            },
            { title: '企业规模', render: (_, entry) => SCALE_LABELS[entry.supplierScale] },
            {
              title: '投标报价',
              render: (_, entry) => (entry.priceFen === null ? '—' : showYuan(entry.priceFen)),
            },
            { title: '结果', render: (_, entry) => showVerdict(entry) },
            {
              title: '解密时间',
              render: (_, entry) => (entry.revealedAt ? showBeijing(entry.revealedAt) : '—'),
            },
          ]}
        />
      )}
      <Typography.Title level={3} style={{ fontSize: 16, marginTop: 16 }}>
        我的答复
      </Typography.Title>
      {mine && (
        <Alert
          type={mine.decision === 'confirm' ? 'success' : 'warning'}
          showIcon
          title={mine.decision === 'confirm' ? '已确认开标记录' : '已提出异议'}
          description={`${showBeijing(mine.at)}${mine.reason ? `：${mine.reason}` : ''}`}
        />
      )}
      {!mine && !canRespond && (
        <Typography.Paragraph>确认时间已结束，未答复视为无异议。</Typography.Paragraph>
      )}
      {!mine && canRespond && (
        <>
          <ProblemAlert error={respond.error} />
          <Typography.Paragraph>
            请核对开标记录，在确认截止前确认或提出异议（87号令第四十二条）。
          </Typography.Paragraph>
          {!objecting && (
            <Space wrap>
              <Button
                type="primary"
                loading={respond.isPending}
                onClick={() => respond.mutate({ decision: 'confirm' })}
              >
                确认开标记录
              </Button>
              <Button onClick={() => setObjecting(true)}>提出异议</Button>
            </Space>
          )}
          {objecting && (
            <Form
              form={form}
              layout="vertical"
              onFinish={(values) => respond.mutate({ decision: 'object', reason: values.reason.trim() })}
            >
              <Form.Item
                label="异议理由"
                name="reason"
                rules={[
                  { required: true, message: '提出异议须说明理由' },
                  { min: 2, max: 2000, message: '理由须为 2–2000 个字' },
                ]}
              >
                <Input.TextArea rows={3} />
              </Form.Item>
              <Space wrap>
                <Button type="primary" htmlType="submit" loading={respond.isPending}>
                  提交异议
                </Button>
                <Button onClick={() => setObjecting(false)}>取消</Button>
              </Space>
            </Form>
          )}
        </>
      )}
    </Card>
  );
}
