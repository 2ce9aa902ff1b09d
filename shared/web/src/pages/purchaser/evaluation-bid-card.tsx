import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Space, Typography } from 'antd';
import { manifestDigest, verifyReveal } from '../../../../domain/sealing';
import { DecryptedBidDocuments } from '../../components/decrypted-bid-documents';
import { ToneTag } from '../../components/public-tags';
import { showYuan } from '../../lib/money';
import { showBeijing } from '../../lib/time';
import { fetchSealedBidDocument, type OpenedBid } from '../../services/purchaser-award';
import { SCALE_LABELS } from '../../services/supplier';
import { ShortDigest } from './opening-record-card';

/** What the browser re-checks of a bid: its manifest against the receipt, the reveal against the commitments. */
interface BidChecks {
  manifestMatches: boolean | null;
  priceMatches: boolean | null;
  keyMatches: boolean | null;
}

/** Re-checks a bid in the browser, trusting nothing the server computed. */
async function checkBid(bid: OpenedBid): Promise<BidChecks> {
  const manifestMatches = bid.receipt
    ? (await manifestDigest({
        tenderId: bid.tenderId,
        bidId: bid.id,
        supplierId: bid.supplierOrgId,
        priceCommitment: bid.priceCommitment,
        keyCommitment: bid.keyCommitment,
        documents: bid.documents.map((d) => ({ name: d.fileName, sha256: d.sha256, size: d.size })),
      })) === bid.receipt.manifestDigest
    : null;
  if (!bid.reveal) return { manifestMatches, priceMatches: null, keyMatches: null };
  const reveal = await verifyReveal({
    tenderId: bid.tenderId,
    supplierId: bid.supplierOrgId,
    priceFen: bid.reveal.priceFen,
    nonce: bid.reveal.nonce,
    keyHex: bid.reveal.keyHex,
    priceCommitment: bid.priceCommitment,
    keyCommitment: bid.keyCommitment,
  });
  return { manifestMatches, ...reveal };
}

/** A check's outcome as a tag with words. */
function CheckTag({ ok, yes, no }: { ok: boolean | null | undefined; yes: string; no: string }) {
  if (ok === undefined) return <ToneTag tone="grey">正在复核…</ToneTag>;
  if (ok === null) return <ToneTag tone="grey">无可复核</ToneTag>;
  return ok ? <ToneTag tone="green">{yes}</ToneTag> : <ToneTag tone="red">{no}</ToneTag>;
}

/**
 * One opened bid as the purchasing unit reviews it: the revealed price, the receipt, the browser's own
 * check of the manifest and the commitments, and each document downloaded, re-hashed against the
 * receipt's SHA-256 and decrypted with the revealed key.
 */
export function EvaluationBidCard({ bid, valid }: { bid: OpenedBid; valid: boolean }) {
  const checks = useQuery({
    queryKey: ['purchaser', 'award', 'bid-checks', bid.id, bid.version],
    queryFn: () => checkBid(bid),
    staleTime: Number.POSITIVE_INFINITY,
  });
  return (
    <Card
      variant="outlined"
      size="small"
      style={{ marginBottom: 12 }}
      data-testid="decrypted-bid"
      title={
        <Space wrap size={4} style={{ whiteSpace: 'normal' }}>
          <Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>
            {bid.supplierName}
          </Typography.Title>
          {valid ? <ToneTag tone="green">有效投标</ToneTag> : <ToneTag tone="red">无效投标</ToneTag>}
        </Space>
      }
    >
      <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }} style={{ marginBottom: 8 }}>
        <Descriptions.Item label="企业规模">{SCALE_LABELS[bid.supplierScale]}</Descriptions.Item>
        <Descriptions.Item label="解密报价">
          {bid.reveal ? <Typography.Text strong>{showYuan(bid.reveal.priceFen)}</Typography.Text> : '未解密'}
        </Descriptions.Item>
        <Descriptions.Item label="解密时间">
          {bid.reveal ? showBeijing(bid.reveal.revealedAt) : '—'}
        </Descriptions.Item>
        <Descriptions.Item label="递交时间">
          {bid.submittedAt ? showBeijing(bid.submittedAt) : '—'}
        </Descriptions.Item>
        <Descriptions.Item label="回执清单摘要">
          {bid.receipt ? <ShortDigest hex={bid.receipt.manifestDigest} /> : '—'}
        </Descriptions.Item>
      </Descriptions>
      <Space wrap size={[0, 8]} style={{ marginBottom: 8 }} data-testid="bid-checks">
        <span>浏览器复核：</span>
        <CheckTag ok={checks.data?.manifestMatches} yes="文件清单与回执一致" no="文件清单与回执不一致" />
        <CheckTag ok={checks.data?.priceMatches} yes="报价与承诺一致" no="报价与承诺不一致" />
        <CheckTag ok={checks.data?.keyMatches} yes="密钥与承诺一致" no="密钥与承诺不一致" />
        {checks.error && <ToneTag tone="red">复核出错：{String((checks.error as Error).message)}</ToneTag>}
      </Space>
      <DecryptedBidDocuments
        documents={bid.documents}
        keyHex={bid.reveal?.keyHex}
        bidderName={bid.supplierName}
        fetchDocument={(documentId, signal) =>
          fetchSealedBidDocument(bid.tenderId, bid.id, documentId, signal)
        }
      />
    </Card>
  );
}
