import { Button, Card, Descriptions, Space, Typography } from 'antd';
import { downloadJson } from '../lib/bid-keys';
import { showBeijing } from '../lib/time';
import type { BidReceiptView } from '../services/supplier';

/** Hides everything but the receipt when it is printed. */
const PRINT_STYLE = `@media print {
  body * { visibility: hidden !important; }
  .bid-receipt, .bid-receipt * { visibility: visible !important; }
  .bid-receipt { position: absolute; inset: 0 auto auto 0; width: 100%; border: none !important; }
  .bid-receipt .no-print { display: none !important; }
}`;

/**
 * The 投标回执: when the bid was received, the manifest digest, where it sits in the audit chain and
 * the bid id; printable and downloadable.
 *
 * Why both: the receipt is the bidder's proof of what the server recorded; a paper copy and a JSON
 * copy serve an objection or a complaint equally.
 */
export function SupplierBidReceipt({
  receipt,
  title = '投标回执',
}: {
  receipt: BidReceiptView;
  title?: string;
}) {
  return (
    <Card className="bid-receipt" title={title} variant="outlined" style={{ marginBottom: 16 }}>
      <style>{PRINT_STYLE}</style>
      <Descriptions column={{ xs: 1, md: 2 }} size="small">
        <Descriptions.Item label="递交时间（北京时间）">{showBeijing(receipt.submittedAt)}</Descriptions.Item>
        <Descriptions.Item label="投标编号">
          <Typography.Text copyable style={{ fontFamily: 'monospace' }}>
            {receipt.bidId}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="清单摘要（manifestDigest）" span="filled">
          <Typography.Text
            copyable
            data-testid="manifest-digest"
            style={{ fontFamily: 'monospace', wordBreak: 'break-all' }}
          >
            {receipt.manifestDigest}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="审计位置">第 {receipt.auditSeq} 条</Descriptions.Item>
        <Descriptions.Item label="审计哈希">
          <Typography.Text style={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>
            {receipt.auditHash}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="项目编号">
          <span style={{ fontFamily: 'monospace' }}>{receipt.tenderId}</span>
        </Descriptions.Item>
      </Descriptions>
      <Space wrap className="no-print" style={{ marginTop: 12 }}>
        <Button onClick={() => window.print()}>打印回执</Button>
        <Button onClick={() => downloadJson(`投标回执-${receipt.bidId}.json`, receipt)}>
          下载回执（JSON）
        </Button>
      </Space>
    </Card>
  );
}
