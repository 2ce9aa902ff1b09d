import { VIOLATION_CODES } from '../../../../schemas/labels';
import { RATING_LABELS, type RecordedAssessment } from '../../services/centre';

/** A violation code in Chinese, or the code itself when this client does not know it. */
export function violationLabel(code: string): string {
  const known = (VIOLATION_CODES as Record<string, { label: { zh: string } } | undefined>)[code];
  return known ? known.label.zh : code;
}

/** A recorded assessment's ratings and violations in one line. */
export function describeAssessment(assessment: RecordedAssessment): string {
  const ratings = (Object.keys(RATING_LABELS) as (keyof typeof RATING_LABELS)[])
    .map((key) => `${RATING_LABELS[key]} ${assessment.ratings[key]}/5`)
    .join('，');
  const violations =
    assessment.violations.length > 0 ? assessment.violations.map(violationLabel).join('、') : '无违规';
  return `${ratings}；${violations}`;
}
