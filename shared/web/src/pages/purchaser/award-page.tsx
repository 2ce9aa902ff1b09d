import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Typography } from 'antd';
import { useParams } from 'react-router';
import { LinkButton } from '../../components/link-button';
import { PageLoading } from '../../components/page-loading';
import { ProblemAlert } from '../../components/problem-alert';
import { AWARD_KEYS, fetchEvaluationReport, fetchTenderResult } from '../../services/purchaser-award';
import { AwardCandidates } from './award-candidates';
import { AwardContractForm } from './award-contract-form';
import { AwardResultCard } from './award-result-card';
import {
  AWARDED_STATUSES,
  AwardTenderHeader,
  REPORTED_STATUSES,
  usePurchaserTender,
} from './award-tender-header';

/**
 * 确定成交与合同 (purchasing unit): the report's candidates in order with the award (another candidate
 * only with a written reason), then the contract — its signed file hashed in the browser and uploaded,
 * its amount and date recorded — and the result with 节约资金 and 节约率 as the API gives them.
 */
export function AwardPage() {
  const { tenderId = '' } = useParams();
  const tender = usePurchaserTender(tenderId, 10_000);
  const t = tender.data;
  const reported = t !== undefined && REPORTED_STATUSES.includes(t.status);
  const awarded = t !== undefined && AWARDED_STATUSES.includes(t.status);
  const report = useQuery({
    queryKey: AWARD_KEYS.report(tenderId, t?.status),
    queryFn: ({ signal }) => fetchEvaluationReport(tenderId, signal),
    enabled: t?.status === 'awarding',
  });
  const result = useQuery({
    queryKey: [...AWARD_KEYS.result(tenderId), t?.status],
    queryFn: ({ signal }) => fetchTenderResult(tenderId, signal),
    enabled: awarded,
  });

  if (tender.isPending) return <PageLoading />;
  if (!t) return <ProblemAlert error={tender.error} />;

  return (
    <div>
      <AwardTenderHeader heading="确定成交与合同" tender={t} stage="award" />
      <ProblemAlert error={tender.error} />
      {!reported && (
        <Alert
          type="info"
          showIcon
          title={t.status === 'failed' ? '项目已废标，没有成交结果' : '评审尚未结束'}
          description={
            t.status === 'failed'
              ? '有效投标或合格候选人不足，项目废标并已发布废标公告。'
              : '评标报告生成后，可在此按候选人排序确定成交供应商并登记合同。'
          }
          {...(t.status === 'failed'
            ? {}
            : { action: <LinkButton to={`/purchaser/tenders/${tenderId}/evaluation`}>查看评审</LinkButton> })}
          style={{ marginBottom: 16 }}
        />
      )}
      {t.status === 'awarding' && (
        <>
          <ProblemAlert error={report.error} />
          {report.isPending && <PageLoading label="正在读取评标报告…" />}
          {report.data && <AwardCandidates tenderId={tenderId} report={report.data} />}
        </>
      )}
      {awarded && (
        <>
          <ProblemAlert error={result.error} />
          {result.isPending && <PageLoading label="正在读取成交结果…" />}
          {t.status === 'complete' && (
            <Alert
              type="success"
              showIcon
              title="合同已登记，项目完成"
              description="合同公告已发布；项目计入成交金额、节约资金和全流程电子化统计。"
              style={{ marginBottom: 16 }}
            />
          )}
          {result.data && t.status === 'awarded' && (
            <AwardContractForm tenderId={tenderId} result={result.data} />
          )}
          {result.data && <AwardResultCard result={result.data} />}
        </>
      )}
      {t.status === 'awarding' && (
        <Card variant="outlined" style={{ marginBottom: 16 }}>
          <Typography.Title level={2} style={{ fontSize: 18, marginTop: 0 }}>
            合同登记
          </Typography.Title>
          <Typography.Paragraph style={{ marginBottom: 0 }}>
            确定成交供应商并发布结果公告后，在此上传合同文本并登记合同。
          </Typography.Paragraph>
        </Card>
      )}
    </div>
  );
}
