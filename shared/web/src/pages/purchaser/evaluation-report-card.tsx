import { Alert, Card, Descriptions, Typography } from 'antd';
import { EVALUATION_METHOD_LABELS } from '../../../../schemas/labels';
import { ToneTag } from '../../components/public-tags';
import { showYuan } from '../../lib/money';
import { showBeijing } from '../../lib/time';
import type { EvaluationReportView, ManagedTender, RankedBid } from '../../services/purchaser-award';
import { type AwardColumn, AwardTable } from './award-table';
import { ShortDigest } from './opening-record-card';

/**
 * Shows an amount the report gives in 分 with decimals ("270000005.50") in 元, exactly, without a
 * float: "2,700,000.055 元".
 */
export function showFenText(text: string | null): string {
  if (text === null) return '—';
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return `${text} 分`;
  const [, whole = '0', fraction = ''] = match;
  const yuan = showYuan(Number(whole));
  const extra = fraction.replace(/0+$/, '');
  return extra ? yuan.replace(/ 元$/, `${extra} 元`) : yuan;
}

/** The criteria's names by the report's ids (`c1`, `c2`, … in the tender's order). */
export function criterionNames(tender: ManagedTender): Map<string, string> {
  return new Map(tender.content.evaluation.criteria.map((c, i) => [`c${i + 1}`, c.name]));
}

/** Which candidate a bid is (1-based), or 0 when it is not one. */
export function candidateOrder(report: EvaluationReportView, bidId: string): number {
  return report.candidates.indexOf(bidId) + 1;
}

/** The ranking's columns: only those the method fills (no price score under 最低评标价法). */
function rankingColumns(report: EvaluationReportView, tender: ManagedTender): AwardColumn<RankedBid>[] {
  const names = criterionNames(tender);
  const comprehensive = report.ranking.some((r) => r.total !== null);
  const deducted = report.ranking.some((r) => r.deductionApplied);
  const columns: AwardColumn<RankedBid>[] = [
    { key: 'rank', title: '排名', render: (r) => `第 ${r.rank} 名${r.tied ? '（并列）' : ''}` },
    { key: 'name', title: '投标人', render: (r) => r.supplierName },
    { key: 'price', title: '投标报价', render: (r) => showYuan(r.priceFen) },
  ];
  if (deducted) {
    columns.push({
      key: 'evaluated',
      title: '评审价格',
      render: (r) =>
        r.deductionApplied
          ? `${showFenText(r.evaluatedPriceFen)}（小微企业扣除后）`
          : showFenText(r.evaluatedPriceFen),
    });
  }
  if (comprehensive) {
    columns.push({ key: 'priceScore', title: '价格得分', render: (r) => r.priceScore ?? '—' });
    const ids = [...new Set(report.ranking.flatMap((r) => Object.keys(r.criteriaScores)))].sort(
      (a, b) => Number(a.slice(1)) - Number(b.slice(1)),
    );
    for (const id of ids) {
      columns.push({ key: id, title: names.get(id) ?? id, render: (r) => r.criteriaScores[id] ?? '—' });
    }
    columns.push({
      key: 'total',
      title: '总分',
      render: (r) => <Typography.Text strong>{r.total ?? '—'}</Typography.Text>,
    });
  }
  columns.push({
    key: 'candidate',
    title: '推荐',
    render: (r) => {
      const n = candidateOrder(report, r.bidId);
      return n > 0 ? <ToneTag tone="blue">第 {n} 中标候选人</ToneTag> : '—';
    },
  });
  return columns;
}

/** A member's seat in the report's order (members the report does not list come last). */
function seatOf(report: EvaluationReportView, expertId: string): number {
  const index = report.members.findIndex((m) => m.expertId === expertId);
  return index < 0 ? Number.MAX_SAFE_INTEGER : index;
}

/** A member's label: the name once public, else the seat. */
function memberLabel(report: EvaluationReportView, expertId: string): string {
  const index = report.members.findIndex((m) => m.expertId === expertId);
  const member = report.members[index];
  if (member?.name) return member.name;
  return index >= 0 ? `第 ${index + 1} 席` : expertId;
}

/**
 * 评标报告 (87号令第五十八条): the method and base price, the ranking with every score, the candidates in
 * order, the invalid bids with their reasons, the outlier scores with the members' confirmations and
 * each locked score sheet's digest.
 */
export function EvaluationReportCard({
  report,
  tender,
}: {
  report: EvaluationReportView;
  tender: ManagedTender;
}) {
  const names = criterionNames(tender);
  const bidName = (bidId: string) => report.ranking.find((r) => r.bidId === bidId)?.supplierName ?? bidId;
  const method =
    EVALUATION_METHOD_LABELS[report.method as keyof typeof EVALUATION_METHOD_LABELS]?.zh ?? report.method;
  return (
    <Card variant="outlined" style={{ marginBottom: 16 }} data-testid="evaluation-report">
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 0 }}>
        评标报告
      </Typography.Title>
      <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label="评审方法">{method}</Descriptions.Item>
        <Descriptions.Item label="报告时间">{showBeijing(report.createdAt)}</Descriptions.Item>
        <Descriptions.Item label="评审基准价">{showFenText(report.base)}</Descriptions.Item>
        <Descriptions.Item label="中标候选人">
          {report.candidates.length > 0
            ? report.candidates.map((id, i) => `${i + 1}. ${bidName(id)}`).join('；')
            : '无'}
        </Descriptions.Item>
      </Descriptions>
      {report.failed && (
        <Alert
          type="error"
          showIcon
          title="评审结论：废标"
          description={report.failureReason ?? '没有合格的候选人。'}
          style={{ marginBottom: 12 }}
        />
      )}
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        排名与得分
      </Typography.Title>
      <AwardTable<RankedBid>
        label="排名与得分"
        testId="ranking"
        rows={report.ranking}
        rowKey={(r) => r.bidId}
        empty="没有进入评审排名的投标。"
        columns={rankingColumns(report, tender)}
      />
      {report.invalidBids.length > 0 && (
        <>
          <Typography.Title level={3} style={{ fontSize: 16, marginTop: 16 }}>
            未通过审查的投标
          </Typography.Title>
          <AwardTable
            label="未通过审查的投标"
            rows={report.invalidBids}
            rowKey={(b) => b.bidId}
            empty="无。"
            columns={[
              { key: 'name', title: '投标人', render: (b) => b.supplierName },
              { key: 'reason', title: '原因', render: (b) => b.reason.split(' / ')[0] },
            ]}
          />
        </>
      )}
      {report.outliers.length > 0 && (
        <>
          <Typography.Title level={3} style={{ fontSize: 16, marginTop: 16 }}>
            偏离较大的评分
          </Typography.Title>
          <AwardTable
            label="偏离较大的评分"
            rows={report.outliers}
            rowKey={(o) => `${o.memberId}-${o.bidId}-${o.criterionId}`}
            empty="无。"
            columns={[
              { key: 'member', title: '评委', render: (o) => memberLabel(report, o.memberId) },
              { key: 'bid', title: '投标人', render: (o) => bidName(o.bidId) },
              { key: 'criterion', title: '评分项', render: (o) => names.get(o.criterionId) ?? o.criterionId },
              { key: 'points', title: '分值 / 中位数', render: (o) => `${o.points} / ${o.median}` },
              { key: 'note', title: '评委确认', render: (o) => o.note ?? '未确认' },
            ]}
          />
        </>
      )}
      <Typography.Title level={3} style={{ fontSize: 16, marginTop: 16 }}>
        评分表
      </Typography.Title>
      <AwardTable
        label="评分表"
        rows={[...report.sheets].sort((a, b) => seatOf(report, a.expertId) - seatOf(report, b.expertId))}
        rowKey={(s) => s.expertId}
        empty="没有评分表。"
        columns={[
          { key: 'member', title: '评委', render: (s) => memberLabel(report, s.expertId) },
          {
            key: 'status',
            title: '状态',
            render: (s) =>
              s.status === 'submitted' ? (
                <ToneTag tone="green">已锁定</ToneTag>
              ) : (
                <ToneTag tone="grey">草稿</ToneTag>
              ),
          },
          { key: 'at', title: '提交时间', render: (s) => (s.submittedAt ? showBeijing(s.submittedAt) : '—') },
          {
            key: 'digest',
            title: '评分表摘要',
            render: (s) => (s.digest ? <ShortDigest hex={s.digest} /> : '—'),
          },
        ]}
      />
    </Card>
  );
}
