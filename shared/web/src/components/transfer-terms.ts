import type { TenderContent } from '../../../schemas/tender';
import { showYuan } from '../lib/money';

/** One line of a Descriptions list. */
interface TermItem {
  key: string;
  label: string;
  children: string;
}

/**
 * The lines a listing or auction adds to a tender's facts: 起始价, 增价幅度, 竞买保证金 and the reserve —
 * never its amount, which nobody knows before bidding ends, only whether one is sealed.
 */
export function transferTermItems(
  content: Pick<TenderContent, 'transfer'>,
  detail: 'public' | 'preview',
): TermItem[] {
  const transfer = content.transfer;
  if (!transfer) return [];
  const sealed = transfer.reserveCommitment;
  return [
    { key: 'startPrice', label: '起始价', children: showYuan(transfer.startPriceFen) },
    { key: 'increment', label: '增价幅度', children: showYuan(transfer.incrementFen) },
    { key: 'deposit', label: '竞买保证金', children: showYuan(transfer.depositFen) },
    {
      key: 'reserve',
      label: '底价',
      children: !sealed
        ? '未设底价'
        : detail === 'public'
          ? `已密封（承诺 ${sealed.slice(0, 16)}…），竞价结束后公开`
          : '已密封，只公布承诺，竞价结束后公开',
    },
  ];
}

/** What a tender's facts are called: a procurement's words, or a listing's or auction's. */
export interface FactLabels {
  unit: string;
  method: string;
  deadline: string;
  evaluation: string;
}

/**
 * The labels of a tender's facts: 采购单位 / 采购方式 / 投标截止（开标） / 评审办法 for a procurement,
 * 出让人 / 出让方式 / 挂牌截止 or 拍卖开始 / 竞得规则 for a live transfer (its timeline's bidDeadline is the
 * listing's end or the auction's start).
 */
export function factLabels(content: Pick<TenderContent, 'tradeType' | 'method'>): FactLabels {
  if (content.tradeType === 'governmentProcurement')
    return { unit: '采购单位', method: '采购方式', deadline: '投标截止（开标）', evaluation: '评审办法' };
  return {
    unit: '出让人',
    method: '出让方式',
    deadline: content.method === 'auction' ? '拍卖开始' : '挂牌截止',
    evaluation: '竞得规则',
  };
}
