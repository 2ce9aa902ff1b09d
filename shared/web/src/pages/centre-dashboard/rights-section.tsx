import { Card, Empty, Table, type TableColumnsType, Typography } from 'antd';
import type { ReportLineView, TradeReportView } from '../../services/reports';
import { BarChart } from './bar-chart';
import { SERIES_COLORS } from './breakdown-section';
import { plotWanYuan, showWanYuanDigits } from './figures';

/** The columns of the transfers' table: the API's figures, formatted. */
const COLUMNS: TableColumnsType<ReportLineView> = [
  { title: '出让宗数', dataIndex: 'rightsCount', align: 'right' },
  {
    title: '起始价合计（万元）',
    key: 'reserve',
    align: 'right',
    render: (_v, line) => showWanYuanDigits(line.startPriceFen),
  },
  {
    title: '成交金额（万元）',
    key: 'deal',
    align: 'right',
    render: (_v, line) => showWanYuanDigits(line.rightsDealFen),
  },
  {
    title: '溢价（万元）',
    key: 'premium',
    align: 'right',
    render: (_v, line) => showWanYuanDigits(line.premiumFen),
  },
  { title: '溢价率', key: 'rate', align: 'right', render: (_v, line) => line.formatted.premiumRate },
];

/**
 * 土地矿权出让: the transfers' deal amounts and premiums (溢价 = 成交 − 起始价), by month for a year
 * (by trade type for one month), as a bar chart and a table with the period's 合计.
 */
export function RightsSection({ report }: { report: TradeReportView }) {
  const { totals, breakdowns } = report;
  const byMonth = report.month === undefined;
  const lines = (byMonth ? breakdowns.byMonth : breakdowns.byTradeType).filter(
    (line) => line.rightsCount > 0,
  );
  const types = breakdowns.byTradeType.filter((line) => line.rightsCount > 0);
  const dimension = byMonth ? '月份' : '交易类型';
  const columns: TableColumnsType<ReportLineView> = [
    { title: dimension, dataIndex: 'label', key: 'label', fixed: 'left' },
    ...COLUMNS,
  ];
  return (
    <Card variant="outlined" className="dashboard-section">
      {lines.length === 0 ? (
        <Empty description="本期没有成交的土地、矿业权出让。" />
      ) : (
        <>
          <Typography.Paragraph>
            {types.map((line) => (
              <span key={line.key} style={{ display: 'block' }}>
                {line.label}：{line.rightsCount} 宗，成交 {showWanYuanDigits(line.rightsDealFen)} 万元，溢价{' '}
                {showWanYuanDigits(line.premiumFen)} 万元（溢价率 {line.formatted.premiumRate}）
              </span>
            ))}
          </Typography.Paragraph>
          <BarChart
            label={`土地矿权出让${byMonth ? '按月份' : '按交易类型'}的成交金额与溢价柱状图，共 ${lines.length} 项，数字见下表`}
            categories={lines.map((line) => (byMonth ? line.label.replace(/^\d+年/, '') : line.label))}
            series={[
              {
                name: '成交金额',
                color: SERIES_COLORS.deal,
                values: lines.map((line) => plotWanYuan(line.formatted.rightsDealWanYuan)),
                texts: lines.map((line) => `${showWanYuanDigits(line.rightsDealFen)} 万元`),
              },
              {
                name: '溢价',
                color: SERIES_COLORS.premium,
                values: lines.map((line) => plotWanYuan(line.formatted.premiumWanYuan)),
                texts: lines.map((line) => `${showWanYuanDigits(line.premiumFen)} 万元`),
              },
            ]}
            notes={lines.map(
              (line) =>
                `起始价 ${showWanYuanDigits(line.startPriceFen)} 万元 · 溢价率 ${line.formatted.premiumRate} · ${line.rightsCount} 宗`,
            )}
          />
          <Table<ReportLineView>
            size="small"
            rowKey="key"
            columns={columns}
            dataSource={lines}
            pagination={false}
            scroll={{ x: 'max-content' }}
            style={{ marginTop: 12 }}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>
                  <strong>合计</strong>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  <strong>{totals.rightsCount}</strong>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  <strong>{showWanYuanDigits(totals.startPriceFen)}</strong>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">
                  <strong>{showWanYuanDigits(totals.rightsDealFen)}</strong>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">
                  <strong>{showWanYuanDigits(totals.premiumFen)}</strong>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={5} align="right">
                  <strong>{totals.formatted.premiumRate}</strong>
                </Table.Summary.Cell>
              </Table.Summary.Row>
            )}
          />
        </>
      )}
    </Card>
  );
}
