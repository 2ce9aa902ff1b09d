import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Steps, Typography } from 'antd';
import { useCallback } from 'react';
import { useParams } from 'react-router';
import { Countdown } from '../../components/countdown';
import { PageLoading } from '../../components/page-loading';
import { ProblemAlert } from '../../components/problem-alert';
import { ToneTag } from '../../components/public-tags';
import { showBeijing } from '../../lib/time';
import {
  AWARD_KEYS,
  fetchOpenedBids,
  fetchPurchaserOpeningRecord,
  fetchRegistrations,
  type ManagedTender,
  type OpenedBid,
  type RegistrationView,
} from '../../services/purchaser-award';
import { SCALE_LABELS } from '../../services/supplier';
import { AwardTable } from './award-table';
import { AwardTenderHeader, OPENED_STATUSES, usePurchaserTender } from './award-tender-header';
import { OpeningRecordCard, ShortDigest } from './opening-record-card';

/** Statuses before the deadline, when nobody may learn who registered (87号令第二十八条). */
const SEALED_STATUSES: readonly ManagedTender['status'][] = ['draft', 'tendering', 'cancelled'];

/** Where the opening stands: 0 before the deadline, 1 decrypting, 2 confirming, 3 over. */
function openingStep(tender: ManagedTender): number {
  if (SEALED_STATUSES.includes(tender.status)) return 0;
  if (tender.status === 'opening') return tender.opening?.recordPublishedAt ? 2 : 1;
  return 3;
}

/** The opening's steps with their instants and, for the current one, a countdown on the server's clock. */
function OpeningProgress({ tender, onStepEnd }: { tender: ManagedTender; onStepEnd: () => void }) {
  const { timeline } = tender.content;
  const step = openingStep(tender);
  const failed = tender.status === 'failed';
  const decryptionEndsAt =
    tender.opening?.decryptionEndsAt ??
    new Date(Date.parse(timeline.bidDeadline) + timeline.decryptionWindowMinutes * 60_000).toISOString();
  const confirmationEndsAt = tender.opening?.confirmationEndsAt;
  return (
    <Card variant="outlined" style={{ marginBottom: 16 }} data-testid="opening-progress">
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 0 }}>
        开标进度
      </Typography.Title>
      <Steps
        size="small"
        responsive
        current={step}
        {...(failed ? { status: 'error' as const } : {})}
        style={{ marginBottom: 16 }}
        items={[
          { title: '投标截止（开标）', content: showBeijing(timeline.bidDeadline) },
          { title: '投标人解密', content: `${timeline.decryptionWindowMinutes} 分钟内` },
          { title: '确认开标记录', content: `${timeline.confirmationWindowMinutes} 分钟内` },
          { title: failed ? '废标' : '进入评审' },
        ]}
      />
      <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }}>
        {step === 0 && (
          <Descriptions.Item label="距开标">
            <Countdown to={timeline.bidDeadline} doneText="开标时间已到，正在开标…" onDone={onStepEnd} />
          </Descriptions.Item>
        )}
        <Descriptions.Item label="解密截止">{showBeijing(decryptionEndsAt)}</Descriptions.Item>
        <Descriptions.Item label="解密剩余">
          {step <= 1 ? (
            <Countdown to={decryptionEndsAt} doneText="解密时间已到，正在生成开标记录…" onDone={onStepEnd} />
          ) : (
            <ToneTag tone="grey">已结束</ToneTag>
          )}
        </Descriptions.Item>
        {confirmationEndsAt && (
          <Descriptions.Item label="确认截止">{showBeijing(confirmationEndsAt)}</Descriptions.Item>
        )}
        {confirmationEndsAt && (
          <Descriptions.Item label="确认剩余">
            {step === 2 ? (
              <Countdown to={confirmationEndsAt} doneText="确认时间已到，正在进入评审…" onDone={onStepEnd} />
            ) : (
              <ToneTag tone="grey">已结束</ToneTag>
            )}
          </Descriptions.Item>
        )}
      </Descriptions>
      {step === 0 && (
        <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0 }}>
          投标截止时间即开标时间（87号令第三十九条）。开标后投标人在解密时限内自行解密，平台在此之前无法得知任何报价。
        </Typography.Paragraph>
      )}
      {step === 1 && (
        <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0 }}>
          投标人正在解密。解密时限结束后平台生成开标记录，未解密或解密不一致的投标记为无效。本页会自动更新。
        </Typography.Paragraph>
      )}
      {failed && (
        <Alert
          type="error"
          showIcon
          title="项目废标"
          description="有效投标不足 3 家，项目废标并已发布废标公告（政府采购法第三十六条；87号令第四十三条）。"
          style={{ marginTop: 12 }}
        />
      )}
    </Card>
  );
}

/**
 * 开标 (purchasing unit): the opening's progress with the decryption and confirmation windows counted
 * down on the server's clock, the registered suppliers, the opening record with each bid's verdict and
 * each bidder's confirmation or objection, and the bids received with their receipts.
 */
export function PurchaserOpeningPage() {
  const { tenderId = '' } = useParams();
  const queryClient = useQueryClient();
  const tender = usePurchaserTender(tenderId);
  const t = tender.data;
  const afterDeadline = t !== undefined && !SEALED_STATUSES.includes(t.status);
  const published = t?.opening?.recordPublishedAt !== undefined;
  const opened = t !== undefined && OPENED_STATUSES.includes(t.status);
  const registrations = useQuery({
    queryKey: AWARD_KEYS.registrations(tenderId),
    queryFn: ({ signal }) => fetchRegistrations(tenderId, signal),
    enabled: afterDeadline,
  });
  const record = useQuery({
    queryKey: AWARD_KEYS.opening(tenderId),
    queryFn: ({ signal }) => fetchPurchaserOpeningRecord(tenderId, signal),
    enabled: published,
    refetchInterval: t?.status === 'opening' ? 5000 : false,
  });
  const bids = useQuery({
    queryKey: AWARD_KEYS.bids(tenderId),
    queryFn: ({ signal }) => fetchOpenedBids(tenderId, signal),
    enabled: opened,
  });
  const refresh = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: AWARD_KEYS.tender(tenderId) });
  }, [queryClient, tenderId]);

  if (tender.isPending) return <PageLoading />;
  if (!t) return <ProblemAlert error={tender.error} />;

  return (
    <div>
      <AwardTenderHeader heading="开标" tender={t} stage="opening" />
      <ProblemAlert error={tender.error} />
      <OpeningProgress tender={t} onStepEnd={refresh} />

      <Card variant="outlined" style={{ marginBottom: 16 }} data-testid="registrations">
        <Typography.Title level={2} style={{ fontSize: 18, marginTop: 0 }}>
          报名供应商
        </Typography.Title>
        {!afterDeadline && (
          <Typography.Paragraph style={{ marginBottom: 0 }}>
            投标截止前不得透露报名供应商的名称和数量（87号令第二十八条），截止后在此列出。
          </Typography.Paragraph>
        )}
        <ProblemAlert error={registrations.error} />
        {afterDeadline && registrations.isPending && <PageLoading label="正在读取报名情况…" />}
        {registrations.data && (
          <>
            <Typography.Paragraph>共 {registrations.data.length} 家供应商报名。</Typography.Paragraph>
            <AwardTable<RegistrationView>
              label="报名供应商"
              rows={registrations.data}
              rowKey={(r) => r.supplierOrgId}
              empty="没有供应商报名。"
              columns={[
                { key: 'name', title: '供应商', render: (r) => r.supplierName },
                { key: 'scale', title: '企业规模', render: (r) => SCALE_LABELS[r.supplierScale] },
                { key: 'at', title: '报名时间', render: (r) => showBeijing(r.registeredAt) },
              ]}
            />
          </>
        )}
      </Card>

      {!published && afterDeadline && (
        <Card variant="outlined" style={{ marginBottom: 16 }}>
          <Typography.Title level={2} style={{ fontSize: 18, marginTop: 0 }}>
            开标记录
          </Typography.Title>
          <Typography.Paragraph style={{ marginBottom: 0 }}>
            解密时限结束后平台生成并公布开标记录，列出每家投标人的报价和开标结果。
          </Typography.Paragraph>
        </Card>
      )}
      <ProblemAlert error={record.error} />
      {record.data && (
        <OpeningRecordCard
          record={record.data}
          confirmationOpen={t.status === 'opening'}
          onWindowEnd={refresh}
        />
      )}

      <Card variant="outlined" style={{ marginBottom: 16 }} data-testid="received-bids">
        <Typography.Title level={2} style={{ fontSize: 18, marginTop: 0 }}>
          收到的投标
        </Typography.Title>
        {!opened && (
          <Typography.Paragraph style={{ marginBottom: 0 }}>
            {t.status === 'failed'
              ? '项目已废标，投标文件不进入评审。'
              : '投标文件在开标记录确认结束、项目进入评审后方可查看（87号令第二十八条、第四十一条）。'}
          </Typography.Paragraph>
        )}
        <ProblemAlert error={bids.error} />
        {opened && bids.isPending && <PageLoading label="正在读取投标…" />}
        {bids.data && (
          <AwardTable<OpenedBid>
            label="收到的投标"
            rows={bids.data}
            rowKey={(b) => b.id}
            empty="没有收到投标。"
            columns={[
              { key: 'name', title: '投标人', render: (b) => b.supplierName },
              {
                key: 'submitted',
                title: '递交时间',
                render: (b) => (b.submittedAt ? showBeijing(b.submittedAt) : '—'),
              },
              {
                key: 'files',
                title: '投标文件',
                render: (b) => (
                  <span style={{ overflowWrap: 'anywhere' }}>
                    {b.documents.length} 个：{b.documents.map((d) => d.fileName).join('、')}
                  </span>
                ),
              },
              {
                key: 'receipt',
                title: '回执清单摘要',
                render: (b) => (b.receipt ? <ShortDigest hex={b.receipt.manifestDigest} /> : '—'),
              },
              {
                key: 'revealed',
                title: '解密',
                render: (b) =>
                  b.reveal ? <ToneTag tone="green">已解密</ToneTag> : <ToneTag tone="red">未解密</ToneTag>,
              },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
