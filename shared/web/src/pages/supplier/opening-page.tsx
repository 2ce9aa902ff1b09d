import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Result, Space, Tag, Typography, Upload } from 'antd';
import { useRef, useState } from 'react';
import { useParams } from 'react-router';
import { type BidKeyFile, BidKeyFileSchema } from '../../../../schemas/bid-key-file';
import { Countdown } from '../../components/countdown';
import { PageLoading } from '../../components/page-loading';
import { ProblemAlert } from '../../components/problem-alert';
import { ToneTag } from '../../components/public-tags';

import { SupplierOpeningRecord } from '../../components/supplier-opening-record';
import { SupplierTenderHeader, useSupplierTender } from '../../components/supplier-tender-header';
import { findBidKeys } from '../../lib/bid-keys';
import { showYuan } from '../../lib/money';
import { useSession } from '../../lib/session';
import { showBeijing } from '../../lib/time';
import {
  fetchMyBids,
  fetchOpeningRecord,
  type MyBid,
  type OpeningRecordView,
  type RevealResultView,
  revealBid,
} from '../../services/supplier';

/** A key at hand for the reveal, and where it came from. */
interface KeyChoice {
  file: BidKeyFile;
  source: 'browser' | 'file';
  fileName?: string;
}

/** The checks of a reveal, in the order a bidder reads them. */
function RevealChecks({ result }: { result: Omit<RevealResultView, 'status' | 'reason' | 'attempt'> }) {
  const check = (ok: boolean | undefined, yes: string, no: string) =>
    ok === undefined ? (
      <Tag>未检查</Tag>
    ) : ok ? (
      <ToneTag tone="green">{yes}</ToneTag>
    ) : (
      <ToneTag tone="red">{no}</ToneTag>
    );
  return (
    <Descriptions size="small" column={{ xs: 1, sm: 2, md: 4 }} data-testid="reveal-checks">
      <Descriptions.Item label="报价">
        {check(result.priceMatches, '报价一致', '报价不一致')}
      </Descriptions.Item>
      <Descriptions.Item label="密钥">{check(result.keyMatches, '密钥一致', '密钥不匹配')}</Descriptions.Item>
      <Descriptions.Item label="文件">
        {check(result.documentsDecrypt, '文件可解密', '文件无法解密')}
      </Descriptions.Item>
      <Descriptions.Item label="存储完整">
        {check(result.documentsIntact, '密文完好', '密文被篡改')}
      </Descriptions.Item>
    </Descriptions>
  );
}

/** Reads a picked key file: JSON in the key file schema, for this tender and this bid; or why not. */
async function readKeyFile(
  file: File,
  tenderId: string,
  bid: MyBid,
): Promise<{ ok: true; file: BidKeyFile } | { ok: false; message: string }> {
  let json: unknown;
  try {
    json = JSON.parse(await file.text());
  } catch {
    return { ok: false, message: '所选文件不是投标密钥文件（不是有效的 JSON）' };
  }
  const parsed = BidKeyFileSchema.safeParse(json);
  if (!parsed.success) return { ok: false, message: '所选文件不是投标密钥文件（格式不符 ggzy-bid-key/1）' };
  if (parsed.data.tenderId !== tenderId)
    return { ok: false, message: `该密钥文件属于另一个项目（${parsed.data.tenderId}），不能用于本项目` };
  if (parsed.data.supplierId !== bid.supplierOrgId)
    return { ok: false, message: '该密钥文件属于另一家投标人，不能用于您的投标' };
  if (parsed.data.bidId !== null && parsed.data.bidId !== bid.id)
    return {
      ok: false,
      message: `该密钥文件属于另一份投标（${parsed.data.bidId}），不是您当前有效的投标（${bid.id}）；请选择当前投标的密钥文件`,
    };
  return { ok: true, file: parsed.data };
}

/**
 * 不见面开标大厅: the countdown to the opening, the reveal with the bidder's key (this browser's copy
 * or a picked key file) inside the decryption window, the opening record as soon as it is published,
 * and the bidder's answer to it.
 */
function OpeningRoomPageContent() {
  const { tenderId = '' } = useParams();
  const { user } = useSession();
  const queryClient = useQueryClient();
  const tender = useSupplierTender(tenderId, 3000);
  const bids = useQuery({
    queryKey: ['supplier', 'my-bids', tenderId],
    queryFn: ({ signal }) => fetchMyBids(tenderId, signal),
  });
  const storedKeys = useQuery({
    queryKey: ['supplier', 'stored-keys', tenderId],
    queryFn: () => findBidKeys(tenderId),
  });
  const etag = useRef<string | null>(null);
  const published = tender.data?.opening?.recordPublishedAt !== undefined;
  const record = useQuery({
    queryKey: ['supplier', 'opening-record', tenderId],
    enabled: published,
    refetchInterval: 4000,
    queryFn: async ({ signal }): Promise<OpeningRecordView | null> => {
      const previous = queryClient.getQueryData<OpeningRecordView | null>([
        'supplier',
        'opening-record',
        tenderId,
      ]);
      const answer = await fetchOpeningRecord(tenderId, previous ? etag.current : null, signal);
      if (answer.status === 304 || answer.data === undefined) return previous ?? null;
      etag.current = answer.etag;
      return answer.data;
    },
  });
  const [picked, setPicked] = useState<KeyChoice | null>(null);
  const [pickError, setPickError] = useState<string | null>(null);
  const reveal = useMutation({
    mutationFn: ({ bid, key }: { bid: MyBid; key: BidKeyFile }) =>
      revealBid(tenderId, bid.id, { priceFen: key.priceFen, nonce: key.nonce, key: key.keyHex }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['supplier', 'my-bids', tenderId] }),
  });

  if (tender.isPending || bids.isPending) return <PageLoading />;
  if (!tender.data) return <ProblemAlert error={tender.error} />;
  const t = tender.data;
  const bid = (bids.data ?? []).find((b) => b.current && b.status === 'submitted');
  const decryptionEndsAt = t.opening?.decryptionEndsAt;
  const windowOpen = t.status === 'opening' && decryptionEndsAt !== undefined && !published;
  const fromBrowser = bid
    ? (storedKeys.data ?? []).find((k) => k.keyCommitment === bid.keyCommitment)
    : undefined;
  const key: KeyChoice | null = picked ?? (fromBrowser ? { file: fromBrowser, source: 'browser' } : null);
  const keyMismatch = key && bid && key.file.keyCommitment !== bid.keyCommitment;
  const revealed = bid?.reveal;

  return (
    <div>
      <SupplierTenderHeader heading="不见面开标大厅" tender={t} />
      <ProblemAlert error={bids.error ?? storedKeys.error ?? record.error} />

      <Typography.Title level={2} style={{ fontSize: 18 }}>
        开标与解密
      </Typography.Title>
      {!bid && (
        <Alert
          type="info"
          showIcon
          title="您在本项目没有有效的投标"
          description="只有在投标截止前递交且未撤回的投标才参加开标。"
          style={{ marginBottom: 16 }}
        />
      )}
      {t.status === 'tendering' && (
        <Card variant="outlined" style={{ marginBottom: 16 }}>
          <Typography.Paragraph>
            开标时间为投标截止时间 {showBeijing(t.content.timeline.bidDeadline)}。开标后解密时限{' '}
            {t.content.timeline.decryptionWindowMinutes} 分钟，请在时限内用投标密钥解密投标。
          </Typography.Paragraph>
          <Typography.Paragraph>
            距开标：
            <Countdown to={t.content.timeline.bidDeadline} doneText="开标时间已到，正在开标…" />
          </Typography.Paragraph>
        </Card>
      )}
      {bid && windowOpen && decryptionEndsAt && (
        <Card variant="outlined" style={{ marginBottom: 16 }} data-testid="decryption">
          <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
            <Descriptions.Item label="解密截止">{showBeijing(decryptionEndsAt)}</Descriptions.Item>
            <Descriptions.Item label="解密剩余">
              <Countdown to={decryptionEndsAt} doneText="解密时间已到" />
            </Descriptions.Item>
          </Descriptions>
          {revealed ? (
            <Result
              status="success"
              title="已解密，报价和文件与承诺一致"
              subTitle={`解密时间 ${showBeijing(revealed.revealedAt)}；报价 ${showYuan(revealed.priceFen)}`}
              extra={<RevealChecks result={revealed} />}
            />
          ) : (
            <>
              {key ? (
                <Alert
                  type={keyMismatch ? 'warning' : 'info'}
                  showIcon
                  title={
                    key.source === 'browser'
                      ? '已在本浏览器找到该投标的投标密钥'
                      : `已读取投标密钥文件 ${key.fileName ?? ''}`
                  }
                  description={
                    keyMismatch
                      ? '该密钥文件的密钥承诺与您递交的投标不一致，解密很可能失败；如有正确的密钥文件，请改选。'
                      : `报价 ${showYuan(key.file.priceFen)}，密钥承诺 ${key.file.keyCommitment.slice(0, 16)}…`
                  }
                  style={{ margin: '12px 0' }}
                />
              ) : (
                <Alert
                  type="error"
                  showIcon
                  title="本浏览器中没有该投标的投标密钥"
                  description={
                    <div>
                      解密须用递交投标时保存的投标密钥文件。请选择该文件（投标密钥-{tenderId}….json）。
                      没有密钥文件，投标无法解密，解密时限结束时将记录为无效投标（未解密）；
                      密钥只在您手中，任何人，包括平台，都无法找回。
                    </div>
                  }
                  style={{ margin: '12px 0' }}
                />
              )}
              {pickError && (
                <Alert
                  type="error"
                  showIcon
                  role="alert"
                  title="不能使用所选文件"
                  description={pickError}
                  style={{ marginBottom: 12 }}
                />
              )}
              <Space wrap>
                <Upload
                  accept=".json,application/json"
                  showUploadList={false}
                  beforeUpload={async (file) => {
                    const read = await readKeyFile(file, tenderId, bid);
                    if (read.ok) {
                      setPickError(null);
                      setPicked({ file: read.file, source: 'file', fileName: file.name });
                      reveal.reset();
                    } else setPickError(read.message);
                    return false;
                  }}
                >
                  <Button>选择投标密钥文件</Button>
                </Upload>
                {key && (
                  <Button
                    type="primary"
                    loading={reveal.isPending}
                    onClick={() => reveal.mutate({ bid, key: key.file })}
                  >
                    解密
                  </Button>
                )}
              </Space>
              <ProblemAlert error={reveal.error} />
              {reveal.data && reveal.data.status === 'invalid' && (
                <Alert
                  type="error"
                  showIcon
                  role="alert"
                  title="解密未通过：与递交的承诺不一致"
                  description={
                    <div>
                      <RevealChecks result={reveal.data} />
                      解密时限内可以用正确的投标密钥文件再次解密；时限结束仍未通过的，投标无效。
                    </div>
                  }
                  style={{ marginTop: 12 }}
                />
              )}
            </>
          )}
        </Card>
      )}
      {bid && revealed && !windowOpen && (
        <Card variant="outlined" style={{ marginBottom: 16 }}>
          <Typography.Paragraph>
            已于 {showBeijing(revealed.revealedAt)} 解密，报价 {showYuan(revealed.priceFen)}。
          </Typography.Paragraph>
          <RevealChecks result={revealed} />
        </Card>
      )}
      {t.status === 'opening' && published === false && !decryptionEndsAt && (
        <Typography.Paragraph>正在开标，请稍候…</Typography.Paragraph>
      )}
      {!published && t.status !== 'tendering' && (
        <Typography.Paragraph>开标记录将在解密时限结束后公布，本页会自动更新。</Typography.Paragraph>
      )}
      {record.data && user && (
        <SupplierOpeningRecord
          record={record.data}
          tenderId={tenderId}
          orgId={user.orgId}
          canRespond={t.status === 'opening'}
        />
      )}
    </div>
  );
}

/** The page inside the portal's readable greys (see SupplierContrast). */
export function OpeningRoomPage() {
  return <OpeningRoomPageContent />;
}
