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
  const rule = rightsClockRule(clock);
  const start = chinaDate(new Date(startedAt));
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
