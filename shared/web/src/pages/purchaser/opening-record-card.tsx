import { Alert, Card, Descriptions, Space, Typography } from 'antd';
import { Countdown } from '../../components/countdown';
import { ToneTag } from '../../components/public-tags';
import { showYuan } from '../../lib/money';
import { showBeijing } from '../../lib/time';
import type { PurchaserOpeningRecord } from '../../services/purchaser-award';
import { SCALE_LABELS } from '../../services/supplier';
import { AwardTable } from './award-table';

/** One line of the opening record. */
type Entry = PurchaserOpeningRecord['entries'][number];
/** One bidder's answer to the record. */
type Response = PurchaserOpeningRecord['responses'][number];

/** A long hex digest shortened for a table cell, whole in its title and for copying. */
export function ShortDigest({ hex, testId }: { hex: string; testId?: string }) {
  return (
    <Typography.Text
      copyable={{ text: hex, tooltips: ['复制完整摘要', '已复制'] }}
      title={hex}
      data-testid={testId}
      style={{ fontFamily: 'monospace' }}
    >
      {hex.slice(0, 12)}…
    </Typography.Text>
  );
}

/** An entry's verdict as a tag with words. */
function showVerdict(entry: Entry) {
  return entry.status === 'valid' ? (
    <ToneTag tone="green">有效</ToneTag>
  ) : (
    <ToneTag tone="red">无效：{entry.reasonLabel ?? '未说明'}</ToneTag>
  );
}

/** How many times the bidder tried to decrypt, and how the last try went. */
function showAttempts(entry: Entry): string {
  const attempts = entry.revealAttempts ?? [];
  if (attempts.length === 0) return entry.revealedAt ? '1 次' : '未解密';
  const failed = attempts.filter((a) => a.status === 'invalid').length;
  return failed > 0 ? `${attempts.length} 次（${failed} 次未通过）` : `${attempts.length} 次`;
}

/** A bidder's answer as a tag with words; silence after the window counts as no objection. */
function showAnswer(response: Response | undefined, windowOpen: boolean) {
  if (!response) {
    return windowOpen ? (
      <ToneTag tone="grey">尚未答复</ToneTag>
    ) : (
      <ToneTag tone="grey">未答复（视为无异议）</ToneTag>
    );
  }
  return response.decision === 'confirm' ? (
    <ToneTag tone="green">已确认</ToneTag>
  ) : (
    <ToneTag tone="orange">提出异议</ToneTag>
  );
}

/**
 * The opening record (开标记录) as the purchasing unit reads it: every bid with its price and verdict,
 * the confirmation window on the server's clock, and each bidder's confirmation or objection with its
 * reason (87号令第四十二条).
 */
export function OpeningRecordCard({
  record,
  confirmationOpen,
  onWindowEnd,
}: {
  record: PurchaserOpeningRecord;
  confirmationOpen: boolean;
  onWindowEnd?: () => void;
}) {
  const answers = new Map(record.responses.map((r) => [r.supplierOrgId, r]));
  const objections = record.responses.filter((r) => r.decision === 'object');
  const confirmed = record.responses.length - objections.length;
  const silent = record.entries.filter((e) => !answers.has(e.supplierOrgId)).length;
  return (
    <>
      <Card variant="outlined" style={{ marginBottom: 16 }} data-testid="opening-record">
        <Typography.Title level={2} style={{ fontSize: 18, marginTop: 0 }}>
          开标记录
        </Typography.Title>
        <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }} style={{ marginBottom: 12 }}>
          <Descriptions.Item label="公布时间">{showBeijing(record.publishedAt)}</Descriptions.Item>
          <Descriptions.Item label="有效投标">
            {record.validCount} 家 / 共 {record.entries.length} 家
          </Descriptions.Item>
          <Descriptions.Item label="解密截止">{showBeijing(record.decryptionEndsAt)}</Descriptions.Item>
        </Descriptions>
        <AwardTable<Entry>
          label="开标记录"
          testId="opening-entries"
          rows={record.entries}
          rowKey={(e) => e.bidId}
          empty="截止时没有收到投标。"
          columns={[
            { key: 'name', title: '投标人', render: (e) => e.supplierName },
            { key: 'scale', title: '企业规模', render: (e) => SCALE_LABELS[e.supplierScale] },
            {
              key: 'price',
              title: '投标报价',
              render: (e) => (e.priceFen === null ? '—' : showYuan(e.priceFen)),
            },
            { key: 'verdict', title: '开标结果', render: showVerdict },
            {
              key: 'revealed',
              title: '解密时间',
              render: (e) => (e.revealedAt ? showBeijing(e.revealedAt) : '—'),
            },
            { key: 'attempts', title: '解密次数', render: showAttempts },
            { key: 'receipt', title: '回执摘要', render: (e) => <ShortDigest hex={e.receiptDigest} /> },
          ]}
        />
      </Card>

      <Card variant="outlined" style={{ marginBottom: 16 }} data-testid="opening-responses">
        <Typography.Title level={2} style={{ fontSize: 18, marginTop: 0 }}>
          投标人确认与异议
        </Typography.Title>
        <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }} style={{ marginBottom: 12 }}>
          <Descriptions.Item label="确认截止">{showBeijing(record.confirmationEndsAt)}</Descriptions.Item>
          <Descriptions.Item label="确认剩余">
            {confirmationOpen ? (
              <Countdown
                to={record.confirmationEndsAt}
                doneText="确认时间已结束"
                {...(onWindowEnd ? { onDone: onWindowEnd } : {})}
              />
            ) : (
              <ToneTag tone="grey">已结束</ToneTag>
            )}
          </Descriptions.Item>
          <Descriptions.Item label="答复情况">
            <Space wrap size={4}>
              <span>已确认 {confirmed} 家</span>
              <span>异议 {objections.length} 家</span>
              <span>未答复 {silent} 家</span>
            </Space>
          </Descriptions.Item>
        </Descriptions>
        {objections.length > 0 && (
          <Alert
            type="warning"
            showIcon
            title={`有 ${objections.length} 家投标人对开标记录提出异议`}
            description="异议及理由已记入开标记录，随评审材料一并提交评标委员会和交易中心（87号令第四十二条）。"
            style={{ marginBottom: 12 }}
          />
        )}
        <AwardTable<Entry>
          label="投标人答复"
          testId="opening-answers"
          rows={record.entries}
          rowKey={(e) => e.bidId}
          empty="没有需要答复的投标人。"
          columns={[
            { key: 'name', title: '投标人', render: (e) => e.supplierName },
            {
              key: 'answer',
              title: '答复',
              render: (e) => showAnswer(answers.get(e.supplierOrgId), confirmationOpen),
            },
            {
              key: 'at',
              title: '答复时间',
              render: (e) => {
                const r = answers.get(e.supplierOrgId);
                return r ? showBeijing(r.at) : '—';
              },
            },
            {
              key: 'reason',
              title: '异议理由',
              render: (e) => (
                <span style={{ overflowWrap: 'anywhere' }}>
                  {answers.get(e.supplierOrgId)?.reason ?? '—'}
                </span>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
