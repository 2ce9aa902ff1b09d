import { describe, expect, test } from 'vitest';
import { TEST_CALENDAR } from '../../infra/local/calendar-fixture-2027';
import { PACKAGE_CALENDAR } from '../../shared/domain/calendar';
import { fixedClock } from '../../shared/domain/clock';
import type { Tender } from '../../shared/schemas/tender';
import { TenderTimelineSchema } from '../../shared/schemas/timeline';
import { buildTenderTimeline, countDaysLeft } from '../../shared/usecases/timeline';
import { openTenderContent } from '../helpers/fixtures';

/** A tendering tender published at `publishedAt` with the given timeline instants. */
function tenderWith(
  publishedAt: string,
  timeline: { documentsUntil: string; bidDeadline: string },
  overrides: Partial<Tender> = {},
): Tender {
  const content = openTenderContent(new Date(publishedAt));
  return {
    id: '01JNB8Z3Q4R5S6T7V8W9X0Y1Z2',
    orgId: 'org-unit',
    createdBy: 'sub-unit',
    status: 'tendering',
    version: 3,
    createdAt: publishedAt,
    updatedAt: publishedAt,
    publishedAt,
    correctionCount: 0,
    noticeCount: 1,
    lastEventHash: 'a'.repeat(64),
    documents: [],
    content: {
      ...content,
      timeline: {
        ...content.timeline,
        documentsFrom: publishedAt,
        ...timeline,
        decryptionWindowMinutes: 30,
        confirmationWindowMinutes: 60,
      },
    },
    ...overrides,
  };
}

describe('countDaysLeft', () => {
  test('across a weekend: Friday to Monday is 3 calendar days and 1 working day', () => {
    // Prepare: 2025-03-07 is a Friday

    // Act
    const days = countDaysLeft('2025-03-07', '2025-03-10', PACKAGE_CALENDAR);

    // Assess
    expect(days).toEqual({ calendarDaysLeft: 3, workingDaysLeft: 1, workingDaysUnavailable: null });
  });

  test('across National Day 2025: holidays off, the make-up Sunday and Saturday (调休) counted', () => {
    // Prepare: Friday 26 September; 28 Sep (Sun) and 11 Oct (Sat) are working days, 1–8 Oct off

    // Act
    const days = countDaysLeft('2025-09-26', '2025-10-13', PACKAGE_CALENDAR);

    // Assess: 9/28, 9/29, 9/30, 10/9, 10/10, 10/11, 10/13
    expect(days).toEqual({ calendarDaysLeft: 17, workingDaysLeft: 7, workingDaysUnavailable: null });
  });

  test('a step today or earlier has nothing left', () => {
    // Act
    const today = countDaysLeft('2025-03-07', '2025-03-07', PACKAGE_CALENDAR);
    const earlier = countDaysLeft('2025-03-07', '2025-03-01', PACKAGE_CALENDAR);

    // Assess
    expect(today).toEqual({ calendarDaysLeft: 0, workingDaysLeft: 0, workingDaysUnavailable: null });
    expect(earlier).toEqual({ calendarDaysLeft: 0, workingDaysLeft: 0, workingDaysUnavailable: null });
  });

  test('into a year without an official schedule: working days null with the year and the rule, no throw', () => {
    // Act
    const uncovered = countDaysLeft('2026-12-30', '2027-01-04', PACKAGE_CALENDAR);
    const loaded = countDaysLeft('2026-12-30', '2027-01-04', TEST_CALENDAR);

    // Assess: with 2027 loaded, 12/31 and 1/4 count (1–3 January are off in the fixture)
    expect(uncovered).toMatchObject({
      calendarDaysLeft: 5,
      workingDaysLeft: null,
      workingDaysUnavailable: { rule: 'calendar.official-schedule', year: 2027 },
    });
    expect(uncovered.workingDaysUnavailable?.message_zh).toContain('2027年');
    expect(uncovered.workingDaysUnavailable?.message_en).toContain('2027');
    expect(loaded).toEqual({ calendarDaysLeft: 5, workingDaysLeft: 2, workingDaysUnavailable: null });
  });
});

describe('buildTenderTimeline', () => {
  const published = '2025-09-26T02:00:00.000Z'; // Friday 10:00 Beijing
  const tender = tenderWith(published, {
    documentsUntil: '2025-10-13T01:30:00.000Z',
    bidDeadline: '2025-10-21T01:30:00.000Z',
  });

  test('a tendering tender: its steps in time order, counted from the clock on the rules calendar', () => {
    // Prepare: Friday 26 September 2025, 15:00 Beijing
    const now = fixedClock('2025-09-26T07:00:00.000Z').now();

    // Act
    const { timeline, uncoveredYears } = buildTenderTimeline(tender, now, PACKAGE_CALENDAR);

    // Assess
    expect(() => TenderTimelineSchema.parse(timeline)).not.toThrow();
    expect(uncoveredYears).toEqual([]);
    expect(timeline).toMatchObject({
      now: '2025-09-26T07:00:00.000Z',
      today: '2025-09-26',
      status: 'tendering',
    });
    expect(
      timeline.steps.map((s) => [
        s.key,
        s.at,
        s.beijingDate,
        s.passed,
        s.calendarDaysLeft,
        s.workingDaysLeft,
      ]),
    ).toEqual([
      ['published', published, '2025-09-26', true, 0, 0],
      ['documentsFrom', published, '2025-09-26', true, 0, 0],
      ['documentsUntil', '2025-10-13T01:30:00.000Z', '2025-10-13', false, 17, 7],
      ['bidDeadline', '2025-10-21T01:30:00.000Z', '2025-10-21', false, 25, 13],
      ['decryptionEnds', '2025-10-21T02:00:00.000Z', '2025-10-21', false, 25, 13],
      ['confirmationEnds', '2025-10-21T03:00:00.000Z', '2025-10-21', false, 25, 13],
    ]);
    expect(timeline.steps[3]?.label).toBe('投标截止（开标）');
  });

  test('on the deadline day, before and at the instant: 0 days left, passed only from the instant on', () => {
    // Act
    const before = buildTenderTimeline(tender, new Date('2025-10-21T01:29:59.999Z'), PACKAGE_CALENDAR);
    const at = buildTenderTimeline(tender, new Date('2025-10-21T01:30:00.000Z'), PACKAGE_CALENDAR);

    // Assess
    const deadline = (t: typeof before) => t.timeline.steps.find((s) => s.key === 'bidDeadline');
    expect(deadline(before)).toMatchObject({ passed: false, calendarDaysLeft: 0, workingDaysLeft: 0 });
    expect(deadline(at)).toMatchObject({ passed: true, calendarDaysLeft: 0, workingDaysLeft: 0 });
  });

  test('a Beijing date differs from the UTC date late in the evening (UTC)', () => {
    // Prepare: 2025-10-12T17:00Z is 13 October 01:00 in Beijing
    const late = tenderWith(published, {
      documentsUntil: '2025-10-12T17:00:00.000Z',
      bidDeadline: '2025-10-21T01:30:00.000Z',
    });

    // Act
    const { timeline } = buildTenderTimeline(late, new Date('2025-09-26T07:00:00.000Z'), PACKAGE_CALENDAR);

    // Assess
    expect(timeline.steps.find((s) => s.key === 'documentsUntil')).toMatchObject({
      beijingDate: '2025-10-13',
      calendarDaysLeft: 17,
      workingDaysLeft: 7,
    });
  });

  test('a cancelled tender shows no planned step after its cancellation', () => {
    // Prepare
    const cancelled = { ...tender, status: 'cancelled' as const, cancelledAt: '2025-09-30T02:00:00.000Z' };

    // Act
    const { timeline } = buildTenderTimeline(
      cancelled,
      new Date('2025-10-02T00:00:00.000Z'),
      PACKAGE_CALENDAR,
    );

    // Assess
    expect(timeline.steps.map((s) => s.key)).toEqual(['published', 'documentsFrom', 'cancelled']);
    expect(timeline.steps.at(-1)).toMatchObject({ passed: true, label: '项目终止（终止公告）' });
  });

  test('an opened tender uses its recorded windows; awarding shows the deemed-award day', () => {
    // Prepare: the record went out at 10:05; the report on Monday 27 October
    const awarding: Tender = {
      ...tender,
      status: 'awarding',
      opening: {
        decryptionEndsAt: '2025-10-21T02:00:00.000Z',
        recordPublishedAt: '2025-10-21T02:05:00.000Z',
        confirmationEndsAt: '2025-10-21T03:00:00.000Z',
        validBidCount: 3,
      },
      reportedAt: '2025-10-27T06:00:00.000Z',
    };

    // Act
    const { timeline } = buildTenderTimeline(
      awarding,
      new Date('2025-10-28T02:00:00.000Z'),
      PACKAGE_CALENDAR,
    );

    // Assess: 5 working days after Monday 27 October is Monday 3 November, to its end
    expect(timeline.steps.map((s) => s.key).slice(-5)).toEqual([
      'decryptionEnds',
      'openingRecordPublished',
      'confirmationEnds',
      'evaluationReported',
      'deemedAward',
    ]);
    expect(timeline.steps.at(-1)).toMatchObject({
      at: '2025-11-03T15:59:59.999Z',
      beijingDate: '2025-11-03',
      passed: false,
      calendarDaysLeft: 6,
      workingDaysLeft: 4,
    });
  });

  test('steps in a year the calendar lacks: null working days with the reason, and the year reported', () => {
    // Prepare: a deadline on Tuesday 5 January 2027, counted on 28 December 2026
    const late = tenderWith('2026-12-20T02:00:00.000Z', {
      documentsUntil: '2026-12-30T01:30:00.000Z',
      bidDeadline: '2027-01-05T01:30:00.000Z',
    });
    const now = new Date('2026-12-28T02:00:00.000Z');

    // Act
    const packageOnly = buildTenderTimeline(late, now, PACKAGE_CALENDAR);
    const withLoaded = buildTenderTimeline(late, now, TEST_CALENDAR);

    // Assess
    const deadline = (r: typeof packageOnly) => r.timeline.steps.find((s) => s.key === 'bidDeadline');
    expect(packageOnly.uncoveredYears).toEqual([2027]);
    expect(deadline(packageOnly)).toMatchObject({
      calendarDaysLeft: 8,
      workingDaysLeft: null,
      workingDaysUnavailable: { year: 2027, rule: 'calendar.official-schedule' },
    });
    expect(packageOnly.timeline.steps.find((s) => s.key === 'documentsUntil')).toMatchObject({
      workingDaysLeft: 2,
      workingDaysUnavailable: null,
    });
    expect(() => TenderTimelineSchema.parse(packageOnly.timeline)).not.toThrow();
    expect(withLoaded.uncoveredYears).toEqual([]);
    // 29, 30, 31 December, then 4 and 5 January (1–3 January are off in the fixture)
    expect(deadline(withLoaded)).toMatchObject({ workingDaysLeft: 5, workingDaysUnavailable: null });
  });

  test('the deemed-award day in a year the calendar lacks is left out and the year reported', () => {
    // Prepare
    const awarding: Tender = {
      ...tenderWith('2026-11-20T02:00:00.000Z', {
        documentsUntil: '2026-12-01T01:30:00.000Z',
        bidDeadline: '2026-12-21T01:30:00.000Z',
      }),
      status: 'awarding',
      reportedAt: '2026-12-29T06:00:00.000Z',
    };
    const now = new Date('2026-12-29T07:00:00.000Z');

    // Act
    const packageOnly = buildTenderTimeline(awarding, now, PACKAGE_CALENDAR);
    const withLoaded = buildTenderTimeline(awarding, now, TEST_CALENDAR);

    // Assess: 12/30, 12/31, 1/4, 1/5, 1/6 → the end of 6 January 2027
    expect(packageOnly.uncoveredYears).toEqual([2027]);
    expect(packageOnly.timeline.steps.map((s) => s.key)).not.toContain('deemedAward');
    expect(withLoaded.timeline.steps.at(-1)).toMatchObject({
      key: 'deemedAward',
      at: '2027-01-06T15:59:59.999Z',
      workingDaysLeft: 5,
    });
  });
});
