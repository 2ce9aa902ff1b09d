import { Button, Card, Col, Row, Statistic, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import type { TradeReportView } from '../../services/reports';
import { showWanYuanDigits } from './figures';
import { TargetDialog } from './target-dialog';

/** One KPI card: a title, the figure, and a line saying what it is made of. */
function KpiCard({
  title,
  value,
  suffix,
  note,
  testId,
}: {
  title: string;
  value: string;
  suffix?: string;
  note?: ReactNode;
  testId: string;
}) {
  return (
    <Card variant="outlined" size="small" className="dashboard-kpi" data-testid={testId}>
      <Statistic
        title={title}
        value={value}
        {...(suffix ? { suffix } : {})}
        classNames={{
          content: 'dashboard-kpi-value',
          title: 'dashboard-kpi-title',
          suffix: 'dashboard-kpi-suffix',
        }}
      />
      {note && <div className="dashboard-kpi-note">{note}</div>}
    </Card>
  );
}

/**
 * The headline figures of the period as the report API gives them: projects, budget, deal amount,
 * savings and their rate, the SME and small/micro shares, the fully-electronic rate and the target.
 *
 * Amounts come in 分 and are only formatted here; rates are the API's own strings.
 */
export function KpiCards({ report, monthly }: { report: TradeReportView; monthly: boolean }) {
  const { totals, target } = report;
  const shown = totals.formatted;
  const [editing, setEditing] = useState(false);
  const half = { xs: 12, md: 8 } as const;
  return (
    <>
      <Row gutter={[12, 12]}>
        <Col {...half}>
          <KpiCard
            testId="kpi-count"
            title="项目数"
            value={shown.count}
            suffix="个"
            note="政府采购成交项目"
          />
        </Col>
        <Col {...half}>
          <KpiCard
            testId="kpi-deal"
            title="成交金额"
            value={showWanYuanDigits(totals.dealFen)}
            suffix="万元"
            note="中标（成交）金额合计"
          />
        </Col>
        <Col {...half}>
          <KpiCard
            testId="kpi-savings"
            title="节约资金"
            value={showWanYuanDigits(totals.savingsFen)}
            suffix="万元"
            note="预算金额 − 成交金额"
          />
        </Col>
        <Col {...half}>
          <KpiCard
            testId="kpi-budget"
            title="预算金额"
            value={showWanYuanDigits(totals.budgetFen)}
            suffix="万元"
            note="成交项目的预算合计"
          />
        </Col>
        <Col {...half}>
          <KpiCard
            testId="kpi-savings-rate"
            title="节约率"
            value={shown.savingsRate}
            note="节约资金 ÷ 预算金额"
          />
        </Col>
        <Col {...half}>
          <KpiCard
            testId="kpi-target"
            title="目标完成率"
            value={target ? target.progressPercent : '未设定'}
            note={
              <>
                {target
                  ? `${monthly ? '本月 ' : ''}${shown.count} ÷ 年度目标 ${target.projects} 个`
                  : `尚未设定${report.year}年目标`}
                <Button
                  type="link"
                  size="small"
                  onClick={() => setEditing(true)}
                  style={{ paddingInline: 4, height: 'auto' }}
                >
                  {target ? '修改目标' : '设定目标'}
                </Button>
              </>
            }
          />
        </Col>
        <Col {...half}>
          <KpiCard
            testId="kpi-sme"
            title="中小企业合同金额"
            value={showWanYuanDigits(totals.smeDealFen)}
            suffix="万元"
            note={`占成交金额 ${shown.smeShare}`}
          />
        </Col>
        <Col {...half}>
          <KpiCard
            testId="kpi-small-micro"
            title="小微企业合同金额"
            value={showWanYuanDigits(totals.smallMicroDealFen)}
            suffix="万元"
            note={`占成交金额 ${shown.smallMicroShare}`}
          />
        </Col>
        <Col xs={24} md={8}>
          <KpiCard
            testId="kpi-electronic"
            title="全流程电子化率"
            value={shown.electronicRate}
            note={`${shown.electronicCount} / ${shown.count} 个项目全流程电子化`}
          />
        </Col>
      </Row>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        金额单位：万元。以上数字均为报表接口的统计结果，页面不作任何重新计算。
      </Typography.Paragraph>
      <TargetDialog
        open={editing}
        year={report.year}
        current={target?.projects}
        onClose={() => setEditing(false)}
      />
    </>
  );
}
