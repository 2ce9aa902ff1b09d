import { ToneTag } from '../../components/public-tags';
import { showBeijing } from '../../lib/time';
import { EXPERT_STATUS_LABELS, type ExpertView } from '../../services/centre';

/** Tones of the standings: in the pool green, suspended orange, removed red. */
const TONES = { active: 'green', suspended: 'orange', removed: 'red' } as const;

/** An expert's standing as a tag in words (with the end of a suspension), never colour alone. */
export function ExpertStatusTag({ expert }: { expert: Pick<ExpertView, 'status' | 'suspendedUntil'> }) {
  const until =
    expert.status === 'suspended' && expert.suspendedUntil ? `至 ${showBeijing(expert.suspendedUntil)}` : '';
  return (
    <ToneTag tone={TONES[expert.status]}>
      {EXPERT_STATUS_LABELS[expert.status]}
      {until}
    </ToneTag>
  );
}
