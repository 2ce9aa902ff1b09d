import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Grid, Table, Typography } from 'antd';
import { EVALUATION_METHOD_LABELS } from '../../../../schemas/labels';
import { PageLoading } from '../../components/page-loading';
import { ProblemAlert } from '../../components/problem-alert';
import { ToneTag } from '../../components/public-tags';
import { showYuan } from '../../lib/money';
import { showBeijing } from '../../lib/time';
import {
  type EvaluationReportView,
  type EvaluationSessionView,
  getEvaluationReport,
} from '../../services/expert';

/** One line of the ranking. */
type RankedBid = EvaluationReportView['ranking'][number];

/** The statuses in which the report has been made. */
const REPORTED = ['awarding', 'awarded', 'complete', 'failed'];

/** Shows an amount of 分 given with two decimals ("270000000.00") as 元, exactly. */
function showFenText(text: string | null): string {
  if (text === null) return '—';
  const [whole = '0', fraction = '00'] = text.split('.');
  if (/^0*$/.test(fraction)) return showYuan(Number(whole));
  return `${showYuan(Number(whole))} 又 0.${fraction} 分`;
}

/**
 * 评标报告: the ranking, the candidates and the invalid bids. Only the committee's result is shown,
 * never another member's sheet.
 */
export function ReportSection({ session }: { session: EvaluationSessionView }) {
  const screens = Grid.useBreakpoint();
  const ready = REPORTED.includes(session.status);
  const report = useQuery({
    queryKey: ['expert', 'report', session.tenderId],
    queryFn: ({ signal }) => getEvaluationReport(session.tenderId, signal),
    enabled: ready,
  });
  if (!ready) {
    return (
      <Typography.Paragraph>
        全部委员锁定评分表、异常评分均已确认后，系统生成评标报告，届时显示在这里。
      </Typography.Paragraph>
    );
  }
  if (report.isPending) return <PageLoading label="正在读取评标报告…" />;
  if (!report.data) return <ProblemAlert error={report.error} />;
  const data = report.data;
  const candidates = new Set(data.candidates);
  const comprehensive = data.method === 'comprehensive';
  return (
    <div>
      {data.failed && (
        <Alert
          type="error"
          showIcon
          title="评审失败（废标）"
          description={(data.failureReason ?? '').split(' / ')[0]}
          style={{ marginBottom: 12 }}
        />
      )}
      <Descriptions column={{ xs: 1, sm: 2, md: 3 }} size="small" style={{ marginBottom: 12 }}>
        <Descriptions.Item label="出具时间">{showBeijing(data.createdAt)}</Descriptions.Item>
        <Descriptions.Item label="评标方法">{EVALUATION_METHOD_LABELS[session.method].zh}</Descriptions.Item>
        <Descriptions.Item label="评标基准价">{showFenText(data.base)}</Descriptions.Item>
        <Descriptions.Item label="推荐中标候选人">{data.candidates.length} 名</Descriptions.Item>
        <Descriptions.Item label="经确认的异常评分">{data.outliers.length} 项</Descriptions.Item>
      </Descriptions>
      {data.ranking.length > 0 && !screens.md && (
        <ul aria-label="评审排名" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {data.ranking.map((row) => (
            <li key={row.bidId}>
              <Card size="small" style={{ marginBottom: 8 }}>
                <Typography.Text strong>
                  第 {row.rank} 名{row.tied ? '（并列）' : ''}：{row.supplierName}
                </Typography.Text>
                {candidates.has(row.bidId) && (
                  <div>
                    <ToneTag tone="green">中标候选人</ToneTag>
                  </div>
                )}
                <Descriptions column={1} size="small" style={{ marginTop: 4 }}>
                  <Descriptions.Item label="投标报价">{showYuan(row.priceFen)}</Descriptions.Item>
                  <Descriptions.Item label="评审价格">
                    {showFenText(row.evaluatedPriceFen)}
                    {row.deductionApplied ? '（已扣除小微企业价格）' : ''}
                  </Descriptions.Item>
                  {comprehensive && (
                    <Descriptions.Item label="价格得分">{row.priceScore ?? '—'}</Descriptions.Item>
                  )}
                  {comprehensive && <Descriptions.Item label="总得分">{row.total ?? '—'}</Descriptions.Item>}
                </Descriptions>
              </Card>
            </li>
          ))}
        </ul>
      )}
      {data.ranking.length > 0 && screens.md && (
        <Table<RankedBid>
          rowKey="bidId"
          size="small"
          pagination={false}
          scroll={{ x: true }}
          dataSource={data.ranking}
          aria-label="评审排名"
          columns={[
            {
              title: '排名',
              key: 'rank',
              render: (_, row) => `第 ${row.rank} 名${row.tied ? '（并列）' : ''}`,
            },
            {
              title: '投标人',
              key: 'supplier',
              render: (_, row) => (
                <span>
                  {row.supplierName}
                  {candidates.has(row.bidId) && (
                    <div>
                      <ToneTag tone="green">中标候选人</ToneTag>
                    </div>
                  )}
                </span>
              ),
            },
            { title: '投标报价', key: 'price', render: (_, row) => showYuan(row.priceFen) },
            {
              title: '评审价格',
              key: 'evaluated',
              render: (_, row) =>
                `${showFenText(row.evaluatedPriceFen)}${row.deductionApplied ? '（已扣除小微企业价格）' : ''}`,
            },
            ...(comprehensive
              ? [
                  {
                    title: '价格得分',
                    key: 'priceScore',
                    render: (_: unknown, row: RankedBid) => row.priceScore ?? '—',
                  },
                  { title: '总得分', key: 'total', render: (_: unknown, row: RankedBid) => row.total ?? '—' },
                ]
              : []),
          ]}
          style={{ marginBottom: 12 }}
        />
      )}
      {data.invalidBids.length > 0 && (
        <>
          <Typography.Title level={3} style={{ fontSize: 16 }}>
            评审认定的无效投标
          </Typography.Title>
          <ul>
            {data.invalidBids.map((bid) => (
              <li key={bid.bidId}>
                {bid.supplierName}：{bid.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
