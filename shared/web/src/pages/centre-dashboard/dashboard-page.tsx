import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Col, Form, Row, Select, Space, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { PageLoading } from '../../components/page-loading';
import { ProblemAlert } from '../../components/problem-alert';
import { saveBlob } from '../../lib/save-file';
import { serverNow } from '../../lib/server-clock';
import { useSession } from '../../lib/session';
import { showBeijing } from '../../lib/time';
import {
  fetchTradeReport,
  fetchTradeReportFile,
  type ReportFileFormat,
  type ReportPeriod,
  reportFileName,
} from '../../services/reports';
import { BreakdownSection } from './breakdown-section';
import { KpiCards } from './kpi-cards';
import { RightsSection } from './rights-section';
import './dashboard.css';

/** How many years back the year picker offers. */
const YEARS_BACK = 9;

/** The year in Beijing of the server's clock (the report years are Beijing years). */
function currentYear(): number {
  return Number(
    new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(serverNow()),
  );
}

/** Reads the period from the address (?year=2022&month=3), so a report can be bookmarked and shared. */
function readPeriod(params: URLSearchParams): ReportPeriod {
  const year = Number(params.get('year'));
  const month = Number(params.get('month'));
  return {
    year: Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : currentYear(),
    month: Number.isInteger(month) && month >= 1 && month <= 12 ? month : undefined,
  };
}

/** The period picker (年度, 月份) and the two downloads. */
function PeriodBar({ period, onChange }: { period: ReportPeriod; onChange(next: ReportPeriod): void }) {
  const { user } = useSession();
  const download = useMutation({
    mutationFn: async (format: ReportFileFormat) => {
      const blob = await fetchTradeReportFile(period, format, user?.token ?? '');
      saveBlob(blob, reportFileName(period, format));
    },
  });
  const latest = currentYear();
  const years = Array.from({ length: YEARS_BACK + 1 }, (_, i) => latest - i);
  if (!years.includes(period.year)) years.push(period.year);
  years.sort((a, b) => b - a);
  return (
    <>
      <Row gutter={[16, 8]} align="bottom">
        <Col xs={12} sm={8} md={5}>
          <Form.Item label="年度" htmlFor="report-year" layout="vertical" style={{ marginBottom: 0 }}>
            <Select
              id="report-year"
              virtual={false}
              value={period.year}
              options={years.map((year) => ({ value: year, label: `${year}年` }))}
              onChange={(year: number) => onChange({ year, month: period.month })}
            />
          </Form.Item>
        </Col>
        <Col xs={12} sm={8} md={5}>
          <Form.Item label="月份" htmlFor="report-month" layout="vertical" style={{ marginBottom: 0 }}>
            <Select
              id="report-month"
              virtual={false}
              value={period.month ?? 0}
              options={[
                { value: 0, label: '全年' },
                ...Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: `${i + 1}月` })),
              ]}
              onChange={(month: number) => onChange({ year: period.year, month: month || undefined })}
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={24} md={14}>
          <Space wrap className="dashboard-downloads">
            <Button
              type="primary"
              loading={download.isPending && download.variables === 'xlsx'}
              onClick={() => download.mutate('xlsx')}
            >
              下载 Excel 报表
            </Button>
            <Button
              loading={download.isPending && download.variables === 'csv'}
              onClick={() => download.mutate('csv')}
            >
              下载 CSV
            </Button>
          </Space>
        </Col>
      </Row>
      <ProblemAlert error={download.error} />
    </>
  );
}

/** The period in words: 2022年全年 or 2022年3月. */
function describePeriod(period: ReportPeriod): string {
  return period.month === undefined ? `${period.year}年全年` : `${period.year}年${period.month}月`;
}

/**
 * 报表 — the centre's dashboard: for a year or a month, the headline figures (项目数, 成交金额, 节约资金
 * and their rates, SME shares, the fully-electronic rate, progress against the target, editable),
 * 成交金额 and 节约资金 by month, category, method and purchasing unit, and the land and mining-rights
 * transfers' deals and premiums — each chart with a table of the same figures — and the CSV and Excel
 * exports. Every figure is the report API's; the page only formats it.
 */
export function DashboardPage() {
  const [params, setParams] = useSearchParams();
  const period = readPeriod(params);
  const report = useQuery({
    queryKey: ['reports', 'trade', period.year, period.month ?? 'year'],
    queryFn: ({ signal }) => fetchTradeReport(period, signal),
    placeholderData: keepPreviousData,
  });
  const choose = (next: ReportPeriod) => {
    const search = new URLSearchParams({ year: String(next.year) });
    if (next.month !== undefined) search.set('month', String(next.month));
    setParams(search);
  };
  const data = report.data;
  const stale = report.isPlaceholderData;
  const monthly = period.month !== undefined;
  const noTrades = data !== undefined && data.totals.count === 0 && data.totals.rightsCount === 0;
  return (
    <div className="dashboard">
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        交易统计报表
      </Typography.Title>
      <PeriodBar period={period} onChange={choose} />
      <ProblemAlert error={report.error} />
      {report.isPending && <PageLoading label="正在读取报表…" />}
      {data && (
        <div aria-busy={stale} className={stale ? 'dashboard-body is-stale' : 'dashboard-body'}>
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }} role="status">
            {stale
              ? `正在读取${describePeriod(period)}的报表…`
              : `统计范围：${describePeriod({ year: data.year, month: data.month })} · 数据生成于 ${showBeijing(data.generatedAt)}（北京时间）`}
          </Typography.Paragraph>
          {noTrades && (
            <Alert
              type="info"
              showIcon
              title={`${describePeriod(period)}尚无成交的项目`}
              description="采购人确认中标（成交）结果后，项目即计入报表；也可在上方选择其他年度或月份。"
              style={{ marginBottom: 16 }}
            />
          )}
          <Typography.Title level={2} style={{ fontSize: 20 }}>
            主要指标
          </Typography.Title>
          <KpiCards report={data} monthly={monthly} />
          {!noTrades && (
            <>
              <Typography.Title level={2} style={{ fontSize: 20, marginTop: 24 }}>
                成交金额与节约资金
              </Typography.Title>
              <Row gutter={[16, 16]}>
                {!monthly && (
                  <Col xs={24}>
                    <BreakdownSection
                      title="按月份"
                      dimension="月份"
                      lines={data.breakdowns.byMonth}
                      totals={data.totals}
                      axisLabel={(line) => line.label.replace(/^\d+年/, '')}
                      emptyText="本年度没有政府采购成交项目。"
                    />
                  </Col>
                )}
                <Col xs={24}>
                  <BreakdownSection
                    side
                    title="按品目"
                    dimension="品目"
                    lines={data.breakdowns.byCategory}
                    totals={data.totals}
                    emptyText="本期没有政府采购成交项目。"
                  />
                </Col>
                <Col xs={24}>
                  <BreakdownSection
                    side
                    title="按采购方式"
                    dimension="采购方式"
                    lines={data.breakdowns.byMethod}
                    totals={data.totals}
                    horizontal
                    emptyText="本期没有政府采购成交项目。"
                  />
                </Col>
                <Col xs={24}>
                  <BreakdownSection
                    title="按采购单位"
                    dimension="采购单位"
                    lines={data.breakdowns.byUnit}
                    totals={data.totals}
                    horizontal
                    emptyText="本期没有政府采购成交项目。"
                  />
                </Col>
              </Row>
              <Typography.Title level={2} style={{ fontSize: 20, marginTop: 24 }}>
                土地矿权出让
              </Typography.Title>
              <RightsSection report={data} />
            </>
          )}
        </div>
      )}
    </div>
  );
}
