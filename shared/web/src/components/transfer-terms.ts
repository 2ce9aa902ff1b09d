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
