import { Descriptions, Grid, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { ResponseOf } from '../lib/api';
import { showPercent, showYuan } from '../lib/money';
import { showBeijing } from '../lib/time';
import { showFileSize } from './public-documents';

/** A tender's public result. */
type TenderResult = ResponseOf<'getTenderResult'>;

/** Names of the supplier scales (政府采购促进中小企业发展管理办法). */
const SCALE_LABELS: Record<TenderResult['award']['supplierScale'], string> = {
  large: '大型企业',
  medium: '中型企业',
  small: '小型企业',
  micro: '微型企业',
};

/**
 * 成交结果: the supplier, the amount, and what it saved against the budget (节约资金, 节约率) — or,
 * when the deal exceeds the budget or reserve, the premium (溢价, 溢价率).
 */
export function PublicResult({ result }: { result: TenderResult }) {
  const { award } = result;
  const deal = award.dealAmountFen;
  const base = result.budgetFen ?? result.startPriceFen;
  const items: { key: string; label: string; children: ReactNode }[] = [
    // A transfer (with a start price, no budget) has a 竞得人, a procurement a 成交供应商
    {
      key: 'supplier',
      label: result.startPriceFen !== undefined ? '竞得人' : '成交供应商',
      children: award.supplierName,
    },
    { key: 'scale', label: '企业规模', children: SCALE_LABELS[award.supplierScale] },
    { key: 'deal', label: '成交金额', children: showYuan(deal) },
    { key: 'awardedAt', label: '确定时间', children: showBeijing(award.awardedAt) },
  ];
  if (result.budgetFen !== undefined)
    items.push({ key: 'budget', label: '预算金额', children: showYuan(result.budgetFen) });
  if (result.startPriceFen !== undefined)
    items.push({ key: 'startPrice', label: '起始价', children: showYuan(result.startPriceFen) });
  if (base !== undefined && deal > base) {
    items.push(
      { key: 'premium', label: '溢价', children: showYuan(deal - base) },
      { key: 'premiumRate', label: '溢价率', children: result.premiumRate ?? showPercent(deal - base, base) },
    );
  } else if (base !== undefined) {
    items.push(
      { key: 'savings', label: '节约资金', children: showYuan(base - deal) },
      { key: 'savingsRate', label: '节约率', children: result.savingsRate ?? showPercent(base - deal, base) },
    );
  }
  if (award.deemed)
    items.push({ key: 'deemed', label: '确定方式', children: '采购人逾期未确定，按评审排序视同确定' });
  if (result.contract) {
    const c = result.contract;
    items.push(
      { key: 'contract', label: '合同金额', children: showYuan(c.amountFen) },
      { key: 'signedOn', label: '合同签订日期', children: c.signedOn },
      {
        key: 'contractDoc',
        label: '合同文本',
        children: (
          <span>
            {c.document.fileName}（{showFileSize(c.document.size)}）SHA-256：
            <Typography.Text code copyable style={{ wordBreak: 'break-all', fontSize: 12 }}>
              {c.document.sha256}
            </Typography.Text>
          </span>
        ),
      },
    );
  }
  const wide = Grid.useBreakpoint().sm ?? true;
  return (
    <Descriptions
      bordered
      size="small"
      layout={wide ? 'horizontal' : 'vertical'}
      column={{ xs: 1, sm: 1, md: 2 }}
      items={items}
    />
  );
}
