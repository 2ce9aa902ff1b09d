import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Typography } from 'antd';
import { useParams } from 'react-router';
import { LinkButton } from '../../components/link-button';
import { PageLoading } from '../../components/page-loading';
import { ProblemAlert } from '../../components/problem-alert';
import {
  AWARD_KEYS,
  fetchEvaluationReport,
  fetchOpenedBids,
  fetchPurchaserOpeningRecord,
} from '../../services/purchaser-award';
import {
  AWARDED_STATUSES,
  AwardTenderHeader,
  OPENED_STATUSES,
  REPORTED_STATUSES,
  usePurchaserTender,
} from './award-tender-header';
import { EvaluationBidCard } from './evaluation-bid-card';
import { EvaluationCommitteeCard } from './evaluation-committee-card';
import { EvaluationReportCard } from './evaluation-report-card';

/**
 * 评审 (purchasing unit): the decrypted bids — revealed prices, and each document decrypted in the
 * browser with the revealed key and re-hashed against the receipt — the committee and the re-run of
 * its draw, and the evaluation report with the ranking of the candidates.
 */
export function PurchaserEvaluationPage() {
  const { tenderId = '' } = useParams();
  const tender = usePurchaserTender(tenderId, 10_000);
  const t = tender.data;
  const opened = t !== undefined && OPENED_STATUSES.includes(t.status);
  const reported = t !== undefined && REPORTED_STATUSES.includes(t.status);
  const bids = useQuery({
    queryKey: AWARD_KEYS.bids(tenderId),
    queryFn: ({ signal }) => fetchOpenedBids(tenderId, signal),
    enabled: opened,
  });
  const record = useQuery({
    queryKey: AWARD_KEYS.opening(tenderId),
    queryFn: ({ signal }) => fetchPurchaserOpeningRecord(tenderId, signal),
    enabled: opened,
  });
  const report = useQuery({
    queryKey: AWARD_KEYS.report(tenderId, t?.status),
    queryFn: ({ signal }) => fetchEvaluationReport(tenderId, signal),
    enabled: reported,
  });

  if (tender.isPending) return <PageLoading />;
  if (!t) return <ProblemAlert error={tender.error} />;
  const valid = new Set(record.data?.entries.filter((e) => e.status === 'valid').map((e) => e.bidId));
  const ordered = [...(bids.data ?? [])].sort(
    (a, b) =>
      Number(valid.has(b.id)) - Number(valid.has(a.id)) || a.supplierName.localeCompare(b.supplierName),
  );

  return (
    <div>
      <AwardTenderHeader heading="评审" tender={t} stage="evaluation" />
      <ProblemAlert error={tender.error} />
      {!opened && (
        <Alert
          type="info"
          showIcon
          title={t.status === 'failed' ? '项目已废标，没有评审' : '项目尚未进入评审'}
          description="开标记录确认结束后项目进入评审；届时可在此查看解密的投标、评标委员会和评标报告。"
          style={{ marginBottom: 16 }}
        />
      )}
      {t.status === 'evaluating' && (
        <Alert
          type="info"
          showIcon
          title="评标委员会正在评审"
          description="评审专家全部提交评分表后生成评标报告，本页会自动更新。"
          style={{ marginBottom: 16 }}
        />
      )}
      {t.status === 'awarding' && (
        <Alert
          type="success"
          showIcon
          title="评审已结束，请确定成交供应商"
          description={
            <div>
              <div>请在评标报告送达后 5 个工作日内按候选人排序确定成交供应商（87号令第六十八条）。</div>
              <LinkButton type="primary" to={`/purchaser/tenders/${tenderId}/award`} style={{ marginTop: 8 }}>
                去确定成交
              </LinkButton>
            </div>
          }
          style={{ marginBottom: 16 }}
        />
      )}

      {opened && (
        <section aria-labelledby="decrypted-bids-heading" style={{ marginBottom: 16 }}>
          <Typography.Title level={2} id="decrypted-bids-heading" style={{ fontSize: 18 }}>
            解密的投标
          </Typography.Title>
          <Typography.Paragraph>
            投标文件在存储中始终是密文。本页在您的浏览器中下载每个文件，先核对其 SHA-256
            与投标回执登记的一致，再用开标时公开的投标密钥解密；平台不经手明文。
          </Typography.Paragraph>
          <ProblemAlert error={bids.error ?? record.error} />
          {bids.isPending && <PageLoading label="正在读取投标…" />}
          {bids.data && bids.data.length === 0 && (
            <Card variant="outlined">
              <Typography.Paragraph style={{ marginBottom: 0 }}>没有解密的投标。</Typography.Paragraph>
            </Card>
          )}
          {ordered.map((bid) => (
            <EvaluationBidCard key={bid.id} bid={bid} valid={valid.has(bid.id)} />
          ))}
        </section>
      )}

      {opened && (
        <EvaluationCommitteeCard
          tenderId={tenderId}
          report={report.data}
          namesPublic={AWARDED_STATUSES.includes(t.status)}
        />
      )}

      {opened && !reported && (
        <Card variant="outlined" style={{ marginBottom: 16 }}>
          <Typography.Title level={2} style={{ fontSize: 18, marginTop: 0 }}>
            评标报告
          </Typography.Title>
          <Typography.Paragraph style={{ marginBottom: 0 }}>
            评审结束后在此显示评标报告：排名、各项得分和推荐的中标候选人。
          </Typography.Paragraph>
        </Card>
      )}
      <ProblemAlert error={report.error} />
      {reported && report.isPending && <PageLoading label="正在读取评标报告…" />}
      {report.data && <EvaluationReportCard report={report.data} tender={t} />}
    </div>
  );
}
