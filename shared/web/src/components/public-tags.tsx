import { Tag } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import { NOTICE_TYPE_LABELS, TENDER_STATUS_LABELS, TRANSFER_STATUS_LABELS } from '../../../schemas/labels';
import type { NoticeType } from '../../../schemas/notice';
import type { TenderStatusValue } from '../../../schemas/tender';

/** A tag tone: dark text on a light ground, each pair at least 4.5:1 (WCAG AA). */
type Tone = 'blue' | 'green' | 'orange' | 'red' | 'purple' | 'grey';

/**
 * The tones' colours. Why not antd's preset colours: several (gold, orange, green, cyan) give text
 * below 4.5:1 on their own ground, which axe flags.
 */
const TONES: Record<Tone, CSSProperties> = {
  blue: { color: '#003eb3', background: '#e6f4ff', borderColor: '#91caff' },
  green: { color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' },
  orange: { color: '#873800', background: '#fff7e6', borderColor: '#ffd591' },
  red: { color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' },
  purple: { color: '#391085', background: '#f9f0ff', borderColor: '#d3adf7' },
  grey: { color: 'rgba(0, 0, 0, 0.75)', background: '#fafafa', borderColor: '#d9d9d9' },
};

/** A tag in one of the readable tones; its text always says what the colour means. */
export function ToneTag({ tone, children }: { tone: Tone; children: ReactNode }) {
  return <Tag style={{ ...TONES[tone], marginInlineEnd: 8 }}>{children}</Tag>;
}

/** Tones of the notice kinds. */
const NOTICE_TONES: Record<NoticeType, Tone> = {
  procurement: 'blue',
  correction: 'orange',
  termination: 'grey',
  result: 'green',
  failure: 'red',
  contract: 'purple',
};

/** Tones of the statuses. */
const STATUS_TONES: Record<TenderStatusValue, Tone> = {
  draft: 'grey',
  tendering: 'blue',
  opening: 'purple',
  evaluating: 'orange',
  awarding: 'orange',
  awarded: 'green',
  complete: 'green',
  failed: 'red',
  cancelled: 'grey',
};

/** A notice's kind as a coloured tag with its Chinese name. */
export function NoticeTypeTag({ type }: { type: NoticeType }) {
  return <ToneTag tone={NOTICE_TONES[type]}>{NOTICE_TYPE_LABELS[type]}</ToneTag>;
}

/** A tender's status as a coloured tag with its Chinese name (a live transfer's own where it has one). */
export function TenderStatusTag({ status, live = false }: { status: TenderStatusValue; live?: boolean }) {
  const label = (live ? TRANSFER_STATUS_LABELS[status] : undefined) ?? TENDER_STATUS_LABELS[status];
  return <ToneTag tone={STATUS_TONES[status]}>{label.zh}</ToneTag>;
}
