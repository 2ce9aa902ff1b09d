import { ToneTag } from '../../components/public-tags';
import type { EvaluationSessionView } from '../../services/expert';

/** A member's seat status. */
type SeatStatus = EvaluationSessionView['seat']['status'];

/** The seat statuses in words a member understands. */
const SEAT_LABELS: Readonly<
  Record<SeatStatus, { text: string; tone: 'orange' | 'blue' | 'green' | 'grey' }>
> = {
  drawn: { text: '待作回避声明', tone: 'orange' },
  declared: { text: '已声明无利害关系，评分中', tone: 'blue' },
  submitted: { text: '评分表已锁定', tone: 'green' },
  recused: { text: '已回避', tone: 'grey' },
};

/** A member's seat status as a tag whose text says what it means. */
export function SeatStatusTag({ status }: { status: SeatStatus }) {
  const label = SEAT_LABELS[status];
  return <ToneTag tone={label.tone}>{label.text}</ToneTag>;
}
