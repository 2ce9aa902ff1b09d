import { chinaDate, chinaMidnight, nextWorkingDay, periodEnd } from '../../shared/domain/calendar';
import type { TenderContent } from '../../shared/schemas/tender';
import { TEST_CALENDAR } from './calendar-fixture-2027';

/** 09:30 China time on a China-local day `YYYY-MM-DD`. */
export function chinaMorning(date: string): Date {
  return new Date(chinaMidnight(date).getTime() + (9 * 60 + 30) * 60 * 1000);
}

/**
 * A complete open-tender (公开招标) draft for goods that passes every publication rule when
 * published at `publishAt` on any date: documents for 7 working days, the deadline 25 days out on a
 * working day, 综合评分法 with a 30% price weight, not reserved for SMEs (budget above 200万元)
 * with a 10% small/micro deduction. Planned on the package calendar plus the 2027 test fixture.
 */
export function openTenderContent(publishAt: Date, overrides: Partial<TenderContent> = {}): TenderContent {
  const from = publishAt;
  const day = chinaDate(from);
  const deadlineDay = periodEnd(day, 25, 'days', TEST_CALENDAR);
  return {
    title: '区政务服务中心办公设备采购项目',
    description: '采购台式计算机 200 台、打印机 30 台。',
    purchasingUnitName: '某区政务服务中心',
    tradeType: 'governmentProcurement',
    category: 'goods',
    method: 'openTender',
    budgetFen: 3_500_000_00,
    qualifications: ['具有独立承担民事责任的能力', '参加政府采购活动前三年内无重大违法记录'],
    sme: { reservedForSme: false, priceDeductionPercent: 10 },
    evaluation: {
      method: 'comprehensive',
      priceWeightPercent: 30,
      criteria: [
        { name: '技术参数响应', maxPoints: 40 },
        { name: '售后服务', maxPoints: 20 },
        { name: '业绩', maxPoints: 10 },
      ],
    },
    timeline: {
      documentsFrom: from.toISOString(),
      documentsUntil: chinaMorning(
        nextWorkingDay(periodEnd(day, 7, 'workingDays', TEST_CALENDAR), TEST_CALENDAR),
      ).toISOString(),
      bidDeadline: chinaMorning(deadlineDay).toISOString(),
      decryptionWindowMinutes: 30,
      confirmationWindowMinutes: 60,
    },
    ...overrides,
  };
}
