import type { TableColumnsType as ColumnsType } from 'antd';
import { Card, Col, Empty, Row, Table, Typography } from 'antd';
import type { ReportLineView, TradeReportView } from '../../services/reports';
import { BarChart } from './bar-chart';
import { plotWanYuan, showWanYuanDigits } from './figures';

/** Colours of the two series: dark enough on white (WCAG 1.4.11), named in the legend and the table. */
export const SERIES_COLORS = { deal: '#2f54eb', savings: '#ad4e00', premium: '#9e1068' } as const;

/** The totals row the API gives, shaped as a line for the table's 合计. */
type Totals = TradeReportView['totals'];

/** Props of {@link BreakdownSection}. */
export interface BreakdownSectionProps {
  /** Section heading, e.g. 按月份. */
  title: string;
  /** The dimension's column header, e.g. 月份. */
  dimension: string;
  /** The lines, as the API gives them. */
  lines: ReportLineView[];
  /** The totals of the period (the table's 合计 row). */
  totals: Totals;
  /** A shorter axis label of a line (e.g. 3月 for 2022年3月). */
  axisLabel?: (line: ReportLineView) => string;
  /** Bars left to right, names down the side (long names). */
  horizontal?: boolean;
  /** Shown when no line has a government-procurement trade. */
  emptyText: string;
  /** The table beside the chart on wide screens (few lines), instead of under it. */
  side?: boolean;
}

/** The figure columns of a government-procurement table: the API's figures, formatted. */
function figureColumns(): ColumnsType<ReportLineView> {
  return [
    { title: '项目数', dataIndex: 'count', align: 'right' },
    {
      title: '预算金额（万元）',
      key: 'budget',
      align: 'right',
      render: (_v, line) => showWanYuanDigits(line.budgetFen),
    },
    {
      title: '成交金额（万元）',
      key: 'deal',
      align: 'right',
      render: (_v, line) => showWanYuanDigits(line.dealFen),
    },
    {
      title: '节约资金（万元）',
      key: 'savings',
      align: 'right',
      render: (_v, line) => showWanYuanDigits(line.savingsFen),
    },
    { title: '节约率', key: 'rate', align: 'right', render: (_v, line) => line.formatted.savingsRate },
  ];
}

/**
 * One breakdown of 成交金额 and 节约资金 (by month, category, method or purchasing unit): a stacked bar
 * chart (成交 + 节约 = 预算) and under it a table with the same figures and the period's 合计.
 *
 * Lines without any government-procurement trade (a unit that only transferred land) are left out
 * here; the land and mining-rights transfers have their own section.
 */
export function BreakdownSection(props: BreakdownSectionProps) {
  const { title, dimension, totals } = props;
  const lines = props.lines.filter((line) => line.count > 0 || line.budgetFen > 0 || line.dealFen > 0);
  const columns: ColumnsType<ReportLineView> = [
    { title: dimension, dataIndex: 'label', key: 'label', fixed: 'left' },
    ...figureColumns(),
  ];
  return (
    <Card variant="outlined" className="dashboard-section">
      <Typography.Title level={3} style={{ fontSize: 16, marginTop: 0 }}>
        {title}
      </Typography.Title>
      {lines.length === 0 ? (
        <Empty description={props.emptyText} />
      ) : (
        <Row gutter={[16, 12]} align="middle">
          <Col xs={24} xl={props.side ? 10 : 24}>
            <BarChart
              label={`${title}的成交金额与节约资金柱状图（成交金额与节约资金叠加为预算金额），共 ${lines.length} 项，数字见下表`}
              categories={lines.map((line) => (props.axisLabel ? props.axisLabel(line) : line.label))}
              stacked
              horizontal={props.horizontal === true}
              series={[
                {
                  name: '成交金额',
                  color: SERIES_COLORS.deal,
                  values: lines.map((line) => plotWanYuan(line.formatted.dealWanYuan)),
                  texts: lines.map((line) => `${showWanYuanDigits(line.dealFen)} 万元`),
                },
                {
                  name: '节约资金',
                  color: SERIES_COLORS.savings,
                  values: lines.map((line) => plotWanYuan(line.formatted.savingsWanYuan)),
                  texts: lines.map((line) => `${showWanYuanDigits(line.savingsFen)} 万元`),
                },
              ]}
              notes={lines.map(
                (line) =>
                  `预算 ${showWanYuanDigits(line.budgetFen)} 万元 · 节约率 ${line.formatted.savingsRate} · ${line.count} 个项目`,
              )}
            />
          </Col>
          <Col xs={24} xl={props.side ? 14 : 24}>
            <Table<ReportLineView>
              size="small"
              rowKey="key"
              columns={columns}
              dataSource={lines}
              pagination={false}
              scroll={{ x: 'max-content' }}
              summary={() => (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>
                    <strong>合计</strong>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">
                    <strong>{totals.count}</strong>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">
                    <strong>{showWanYuanDigits(totals.budgetFen)}</strong>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right">
                    <strong>{showWanYuanDigits(totals.dealFen)}</strong>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={4} align="right">
                    <strong>{showWanYuanDigits(totals.savingsFen)}</strong>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={5} align="right">
                    <strong>{totals.formatted.savingsRate}</strong>
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              )}
            />
          </Col>
        </Row>
      )}
    </Card>
  );
}
