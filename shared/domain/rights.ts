/**
 * Suppliers' rights (DESIGN.md section 10): the statutory clocks of enquiries, counted on the
 * working-day calendar from the rules table, and who may use them.
 *
 * Pure: the use cases pass the calendar and the instants; nothing here reads a clock or a store.
 */

import { addCalendarDays, addWorkingDays, chinaDate, endOfChinaDay, type WorkingCalendar } from './calendar';
import { deepFreeze } from './checks';
import { RuleViolationError } from './errors';
import { findRule, type RightsClock, type RightsClockRule } from './rules';
import type { TradeType } from './vocabulary';

/** Which rule row holds each clock. */
const RIGHTS_CLOCK_RULE_IDS: Readonly<Record<RightsClock, string>> = deepFreeze({
  enquiryAnswer: 'enquiry.answer-period',
  resultNotice: 'result.notice-period',
  challengeWindow: 'challenge.period',
  challengeAnswer: 'challenge.answer-period',
});

/** The rules-table row of a clock; a missing row is a programming error. */
export function rightsClockRule(clock: RightsClock): RightsClockRule {
  const id = RIGHTS_CLOCK_RULE_IDS[clock];
  const rule = findRule(id);
  if (rule?.kind !== 'rightsClock') throw new Error(`rules table lacks ${id}`);
  return rule;
}

/**
 * The last China-local day of a clock started by a step at `startedAt`: the step's day is not
 * counted (87号令第85条); a working-day period ends on its n-th working day.
 */
export function clockLastDay(clock: RightsClock, startedAt: string, calendar: WorkingCalendar): string {
  return clockLastDayFrom(clock, chinaDate(new Date(startedAt)), calendar);
}

/** The last China-local day of a clock whose start is the China-local day `start` (not counted). */
export function clockLastDayFrom(clock: RightsClock, start: string, calendar: WorkingCalendar): string {
  const rule = rightsClockRule(clock);
  return rule.unit === 'workingDays'
    ? addWorkingDays(start, rule.count, calendar)
    : addCalendarDays(start, rule.count);
}

/** The instant a clock runs out: the end of its last China-local day, as an ISO instant. */
export function clockEndsAt(clock: RightsClock, startedAt: string, calendar: WorkingCalendar): string {
  return endOfChinaDay(clockLastDay(clock, startedAt, calendar)).toISOString();
}

/** The rule id a refused enquiry names: who may enquire under 政府采购法第五十一条. */
export const ENQUIRY_RULE = 'enquiry.answer-period';

/**
 * Refuses an enquiry on a trade the procurement law does not govern.
 *
 * Why: 政府采购法第五十一条 and 实施条例第五十二条 give a supplier of a government procurement the
 * right to an answer within 3 working days; a land or mining-rights transfer answers questions under
 * its own notice, which the portal does not clock.
 */
export function assertEnquiryAllowed(tradeType: TradeType): void {
  if (tradeType === 'governmentProcurement') return;
  throw new RuleViolationError([
    {
      path: 'tenderId',
      rule: ENQUIRY_RULE,
      citation: rightsClockRule('enquiryAnswer').citation,
      message: {
        zh: '询问与答复时限适用于政府采购项目；土地、矿业权出让请按出让公告所列方式咨询出让人',
        en: 'Enquiries with a statutory answer period apply to government procurement; ask a transferor as its notice says',
      },
    },
  ]);
}

/** What a challenge (质疑) is about (94号令第十条). */
export type ChallengeSubject = 'documents' | 'process' | 'result';

/** A step of the procedure whose process may be challenged once it ends (实施条例第五十三条第二项). */
export type ChallengeStep = 'opening' | 'evaluation';

/** What the window of a challenge is counted from. */
export interface ChallengeStart {
  /** The China-local day the supplier knew or should have known (not counted). */
  day: string;
  /** What that day is, in both languages. */
  basis: { zh: string; en: string };
}

/** The rule id a refused challenge names. */
export const CHALLENGE_RULE = 'challenge.period';

/** The citation of the challenge period, from the rules table. */
export function challengeCitation(): string {
  return rightsClockRule('challengeWindow').citation;
}

/** Refuses a challenge with its reason, naming the challenge period's article. */
export function refuseChallenge(path: string, message: { zh: string; en: string }): never {
  throw new RuleViolationError([{ path, rule: CHALLENGE_RULE, citation: challengeCitation(), message }]);
}

/**
 * The day a supplier should have known, per subject (实施条例第五十三条; 94号令第十一条第二款):
 * the documents — the end of their notice period, or the day this supplier obtained them if later;
 * the process — the day the step ended; the result — the end of the result notice's period
 * (1 working day, 87号令第六十九条). `null` while the day has not come (the step has not ended, no
 * result is published): a challenge may then be filed at once, its window not yet running.
 */
export function challengeStartDay(
  subject: ChallengeSubject,
  facts: {
    documentsUntil: string;
    obtainedAt?: string | undefined;
    stepEndedAt?: string | undefined;
    resultPublishedAt?: string | undefined;
  },
  calendar: WorkingCalendar,
): ChallengeStart | null {
  if (subject === 'documents') {
    const end = chinaDate(new Date(facts.documentsUntil));
    const obtained = facts.obtainedAt ? chinaDate(new Date(facts.obtainedAt)) : end;
    return obtained > end
      ? { day: obtained, basis: { zh: '获取采购文件之日', en: 'the day the documents were obtained' } }
      : {
          day: end,
          basis: { zh: '采购文件公告期限届满之日', en: 'the end of the documents’ notice period' },
        };
  }
  if (subject === 'process') {
    if (!facts.stepEndedAt) return null;
    return {
      day: chinaDate(new Date(facts.stepEndedAt)),
      basis: { zh: '该采购程序环节结束之日', en: 'the day the step ended' },
    };
  }
  if (!facts.resultPublishedAt) return null;
  return {
    day: clockLastDay('resultNotice', facts.resultPublishedAt, calendar),
    basis: { zh: '中标（成交）结果公告期限届满之日', en: 'the end of the result notice’s period' },
  };
}
