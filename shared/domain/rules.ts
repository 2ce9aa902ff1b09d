/**
 * The declarative rules table (DESIGN.md section 3) and the checks that apply it to a tender.
 *
 * Every rule is data: an id, a bilingual title, its legal citation, the dates it is in force and the
 * methods it governs, plus the parameters of its kind. A change in the law is a new row with a new
 * effective date, and a tender is always checked against the rows in force on its publication day.
 */

import {
  addCalendarDays,
  assertYearCovered,
  chinaDate,
  chinaMidnight,
  isWorkingDay,
  nextWorkingDay,
  PACKAGE_CALENDAR,
  periodEnd,
  type WorkingCalendar,
} from './calendar';
import { deepFreeze } from './checks';
import type { BilingualText, FieldIssue } from './errors';
import { RuleViolationError, ValidationError } from './errors';
import type { Fen } from './money';
import { formatWanYuan, MAX_FEN } from './money';
import type { Category, EvaluationMethod, ProcurementMethod, TradeType } from './vocabulary';
import {
  CATEGORY_LABELS,
  COMPETITIVE_GOVERNMENT_METHODS,
  EVALUATION_METHOD_LABELS,
  GOVERNMENT_PROCUREMENT_METHODS,
  PROCUREMENT_METHOD_LABELS,
  PROCUREMENT_METHODS,
  RIGHTS_TRADE_TYPES,
  RIGHTS_TRANSFER_METHODS,
  TENDER_METHODS,
  TRADE_TYPE_LABELS,
} from './vocabulary';

export type {
  Category,
  EvaluationMethod,
  ProcurementMethod,
  TradeType,
} from './vocabulary';
export {
  CATEGORIES,
  CATEGORY_LABELS,
  CORRECTION_IMMUTABLE_FIELDS,
  CORRECTION_IMMUTABLE_RULE,
  EVALUATION_METHOD_LABELS,
  EVALUATION_METHODS,
  GOVERNMENT_PROCUREMENT_METHODS,
  PROCUREMENT_METHOD_LABELS,
  PROCUREMENT_METHODS,
  RIGHTS_TRANSFER_METHODS,
  TRADE_TYPE_LABELS,
  TRADE_TYPES,
} from './vocabulary';

/** A point of a tender's timeline that periods are counted from or to. */
export type TimelinePoint = 'publication' | 'documentsFrom' | 'documentsUntil' | 'bidDeadline';

/**
 * Where a rule's text comes from: `primary` (full text in `shared/law/`), `secondary` (cited from
 * secondary sources, text not in the repository), `platform` (a consistency check of this portal) or
 * `centrePolicy` (the trading centre's own policy, no law behind it: its value is the table's).
 */
export type RuleSource = 'primary' | 'secondary' | 'platform' | 'centrePolicy';

/** What every rule carries. */
export interface RuleBase {
  /** Stable id, e.g. `tender.min-bid-period`; a new version of a rule gets a new id. */
  id: string;
  /** What the rule says, in both languages. */
  title: BilingualText;
  /** The legal citation, e.g. `政府采购法第三十五条`. */
  citation: string;
  /** Whether the citation's text is in `shared/law/`. */
  source: RuleSource;
  /** First China-local day the rule is in force (`YYYY-MM-DD`). */
  effectiveFrom: string;
  /** Last China-local day the rule is in force, inclusive; absent while it still is. */
  effectiveUntil?: string;
  /** Methods the rule governs. */
  methods: readonly ProcurementMethod[];
  /** Trade types the rule governs; all when absent. */
  tradeTypes?: readonly TradeType[];
}

/** A minimum period between two points of the timeline, counted per 87号令第85–86条. */
export interface MinPeriodRule extends RuleBase {
  kind: 'minPeriod';
  /** Where the period starts (that day is not counted). */
  from: TimelinePoint;
  /** The point that must not fall before the period's last day. */
  to: Exclude<TimelinePoint, 'publication'>;
  /** Length of the period. */
  count: number;
  /** Calendar days or working days. */
  unit: 'days' | 'workingDays';
  /** Whether a last day that is not a working day rolls over to the next working day (87号令第85条). */
  rollOver: boolean;
}

/** A maximum period between two points of the timeline, in calendar days (the centre's policy). */
export interface MaxPeriodRule extends RuleBase {
  kind: 'maxPeriod';
  /** Where the period starts (that day is not counted). */
  from: TimelinePoint;
  /** The point that must not fall after the period's last day. */
  to: Exclude<TimelinePoint, 'publication'>;
  /** Length of the period in calendar days. */
  count: number;
  /** Calendar days only: a longest period needs no working-day roll-over. */
  unit: 'days';
}

/** The timeline is in a sensible order (documents after publication, deadline after documents). */
export interface TimelineOrderRule extends RuleBase {
  kind: 'timelineOrder';
}

/** The method must be one of a list for the trade type. */
export interface AllowedMethodsRule extends RuleBase {
  kind: 'allowedMethods';
  /** Methods allowed. */
  allowed: readonly ProcurementMethod[];
}

/** The category must be one of a list for the method. */
export interface AllowedCategoriesRule extends RuleBase {
  kind: 'allowedCategories';
  /** Categories allowed. */
  allowed: readonly Category[];
}

/** The evaluation method must be one of a list for the method. */
export interface EvaluationMethodRule extends RuleBase {
  kind: 'evaluationMethod';
  /** Evaluation methods allowed. */
  allowed: readonly EvaluationMethod[];
}

/** Comprehensive scoring: the price weight is at least a floor per category. */
export interface PriceWeightFloorRule extends RuleBase {
  kind: 'priceWeightFloor';
  /** Minimum price weight in percent, per category the floor applies to. */
  minPercent: Readonly<Partial<Record<Category, number>>>;
}

/** Comprehensive scoring: price weight plus criteria points total exactly this many points. */
export interface ScoreTotalRule extends RuleBase {
  kind: 'scoreTotal';
  /** The total, 100. */
  totalPoints: number;
}

/** A positive amount must be stated. */
export interface AmountRequiredRule extends RuleBase {
  kind: 'amountRequired';
  /** Which amount. */
  field: 'budgetFen' | 'reservePriceFen';
}

/** Small projects suitable for SMEs are reserved for them unless a reason is given. */
export interface SmeReservationRule extends RuleBase {
  kind: 'smeReservation';
  /** Budget (inclusive, 以下) up to which a project must be reserved, per category. */
  reserveUpToFen: Readonly<Record<Category, Fen>>;
}

/** A project reserved for SMEs applies no price deduction. */
export interface SmeReservedNoDeductionRule extends RuleBase {
  kind: 'smeReservedNoDeduction';
}

/** Range of a price deduction for small/micro firms or for consortia and subcontracts. */
export interface SmeDeductionRule extends RuleBase {
  kind: 'smeDeduction';
  /** The field of `sme` the range applies to. */
  field: 'priceDeductionPercent' | 'consortiumDeductionPercent';
  /** Whether a non-reserved project must state the deduction. */
  required: boolean;
  /** Inclusive range in percent, per category. */
  rangePercent: Readonly<Record<Category, { min: number; max: number }>>;
}

/** A correction affecting bid preparation needs this many days before the deadline, else it moves. */
export interface CorrectionNoticeRule extends RuleBase {
  kind: 'correctionNotice';
  /** Minimum days between the correction and the bid deadline. */
  minDays: number;
}

/** Fields a correction may never change. */
export interface CorrectionImmutableRule extends RuleBase {
  kind: 'correctionImmutable';
  /** The fields. */
  fields: readonly string[];
}

/** The parameters of a live rights transfer that are rules data (DESIGN.md section 9). */
export const TRANSFER_PARAMETERS = [
  'switchWindowMinutes',
  'preparationMinutes',
  'countdownSeconds',
  'quoteUnitFen',
  'depositRefundWorkingDays',
] as const;

/** One parameter of a live rights transfer. */
export type TransferParameter = (typeof TRANSFER_PARAMETERS)[number];

/**
 * A number a live listing or auction runs by (the switch window, the countdown, the quote unit, the
 * deposit refund period), with the article that sets it or, where no article is at hand, marked as
 * the centre's rule. This is the default; a transfer notice may set its own (`transfer.bidding`,
 * bounded by its schema).
 */
export interface TransferParameterRule extends RuleBase {
  kind: 'transferParameter';
  /** Which parameter. */
  parameter: TransferParameter;
  /** The default value. */
  value: number;
  /** The unit of the value. */
  unit: 'minutes' | 'seconds' | 'fen' | 'workingDays';
}

/** The statutory clocks of suppliers' rights (DESIGN.md section 10). */
export const RIGHTS_CLOCKS = ['enquiryAnswer', 'resultNotice', 'challengeWindow', 'challengeAnswer'] as const;

/** One statutory clock of suppliers' rights. */
export type RightsClock = (typeof RIGHTS_CLOCKS)[number];

/**
 * A period within which a party of a procurement must act on a supplier's enquiry, challenge or
 * complaint, counted from the day of the step that starts it (that day not counted, 87号令第85条).
 */
export interface RightsClockRule extends RuleBase {
  kind: 'rightsClock';
  /** Which clock. */
  clock: RightsClock;
  /** Length of the period. */
  count: number;
  /** Calendar days or working days. */
  unit: 'days' | 'workingDays';
}

/** A step that waits while a supplier's challenge may affect the result. */
export interface RightsHoldRule extends RuleBase {
  kind: 'rightsHold';
  /** What waits. */
  hold: 'contract';
}

/** A deposit may be at most a share of the budget, compared exactly in 分. */
export interface DepositCapRule extends RuleBase {
  kind: 'depositCap';
  /** Which deposit. */
  field: 'bidDepositFen';
  /** The largest share of the budget, in percent. */
  maxPercentOfBudget: number;
}

/** One row of the rules table. */
export type Rule =
  | DepositCapRule
  | TransferParameterRule
  | RightsClockRule
  | RightsHoldRule
  | MinPeriodRule
  | MaxPeriodRule
  | TimelineOrderRule
  | AllowedMethodsRule
  | AllowedCategoriesRule
  | EvaluationMethodRule
  | PriceWeightFloorRule
  | ScoreTotalRule
  | AmountRequiredRule
  | SmeReservationRule
  | SmeReservedNoDeductionRule
  | SmeDeductionRule
  | CorrectionNoticeRule
  | CorrectionImmutableRule;

/** The SME policy of a tender. */
export interface TenderSmeInput {
  /** Whether the project (or this lot) is reserved for SMEs (专门面向中小企业). */
  reservedForSme: boolean;
  /** Price deduction for small/micro firms, percent (non-reserved projects). */
  priceDeductionPercent?: number;
  /** Price deduction for consortia or subcontracts with ≥ 30% to small/micro firms, percent. */
  consortiumDeductionPercent?: number;
  /** Why a small project suitable for SMEs is not reserved (财库〔2020〕46号第六条). */
  notReservedReason?: string;
}

/** How bids will be evaluated. */
export interface TenderEvaluationInput {
  /** The evaluation method. */
  method: EvaluationMethod;
  /** Weight of the price score in percent (comprehensive scoring). */
  priceWeightPercent?: number;
  /** Other scoring criteria and their maximum points (comprehensive scoring). */
  criteria?: readonly { name: string; maxPoints: number }[];
}

/** The timeline, as ISO 8601 instants. */
export interface TenderTimelineInput {
  /** When tender documents start to be issued. */
  documentsFrom: string;
  /** When documents stop being issued. */
  documentsUntil: string;
  /** Bid (response) deadline, also the opening time. */
  bidDeadline: string;
}

/** What the publication rules look at; a tender's content satisfies it structurally. */
export interface TenderRulesInput {
  /** Procurement or transfer method. */
  method: ProcurementMethod;
  /** Government procurement or a rights transfer. */
  tradeType: TradeType;
  /** Goods, works or services. */
  category: Category;
  /** Budget in 分 (government procurement). */
  budgetFen?: Fen;
  /** Reserve price in 分 (rights transfers). */
  reservePriceFen?: Fen;
  /** The bid deposit the documents require, in 分, if any. */
  bidDepositFen?: Fen;
  /** SME policy. */
  sme: TenderSmeInput;
  /** Evaluation. */
  evaluation: TenderEvaluationInput;
  /** Timeline. */
  timeline: TenderTimelineInput;
  /** The terms of a live transfer (出让公告), where the rules read them. */
  transfer?: TenderTransferInput | undefined;
}

/** What the publication rules read of a live transfer's terms. */
export interface TenderTransferInput {
  /** 起始价 in 分. */
  startPriceFen?: Fen | undefined;
  /** The notice's own timed-bidding numbers, where it sets them. */
  bidding?: { quoteUnitFen?: number | undefined } | undefined;
}

/**
 * What the publication rules look at in a draft that may still be incomplete: any part may be absent.
 *
 * Why its own type: the dry run (`checkTenderDraft`) checks a form as it is typed; each rule is judged
 * only on what the draft already says, and a complete {@link TenderRulesInput} is one of these.
 */
export interface DraftRulesInput {
  /** Procurement or transfer method. */
  method?: ProcurementMethod | undefined;
  /** Government procurement or a rights transfer. */
  tradeType?: TradeType | undefined;
  /** Goods, works or services. */
  category?: Category | undefined;
  /** Budget in 分 (government procurement). */
  budgetFen?: Fen | undefined;
  /** Reserve price in 分 (rights transfers). */
  reservePriceFen?: Fen | undefined;
  /** The bid deposit the documents require, in 分, if any. */
  bidDepositFen?: Fen | undefined;
  /** SME policy, as far as it is set. */
  sme?: Partial<TenderSmeInput> | undefined;
  /** Evaluation, as far as it is set. */
  evaluation?: Partial<TenderEvaluationInput> | undefined;
  /** Timeline, as far as it is set. */
  timeline?: Partial<TenderTimelineInput> | undefined;
  /** The terms of a live transfer, as far as they are set. */
  transfer?: TenderTransferInput | undefined;
}

/** Platform rules take effect with the portal's earliest data. */
const PLATFORM_SINCE = '2000-01-01';
/** 政府采购法 in force. */
const PROCUREMENT_LAW_SINCE = '2003-01-01';
/** 招标拍卖挂牌出让国有建设用地使用权规定（国土资源部令第39号） in force. */
const ORDER_39_SINCE = '2007-11-01';
/** 74号令 in force. */
const ORDER_74_SINCE = '2014-02-01';
/** 财库〔2014〕214号 issued and in force. */
const CAIKU_214_SINCE = '2014-12-31';
/** 实施条例 in force. */
const REGULATIONS_SINCE = '2015-03-01';
/** 87号令 in force. */
const ORDER_87_SINCE = '2017-10-01';
/** 政府采购质疑和投诉办法 (财政部令第94号) in force. */
const ORDER_94_SINCE = '2018-03-01';
/** 财库〔2020〕46号 in force. */
const SME_2020_SINCE = '2021-01-01';
/** 财库〔2022〕19号 raised the SME deductions from this day. */
const SME_2022_SINCE = '2022-07-01';

/** 福建省国有建设用地使用权出让网上交易规则（试行） in force (its 第六十一条). */
const FUJIAN_ONLINE_SINCE = '2012-12-01';
/** Citation prefix of the Fujian online trading rules. */
const FUJIAN_ONLINE = '福建省国有建设用地使用权出让网上交易规则（试行）';

/** Citation prefix of 国土资源部令第39号. */
const ORDER_39 = '招标拍卖挂牌出让国有建设用地使用权规定（国土资源部令第39号）';

/** 200万元 and 400万元 in 分 (1万元 = 1,000,000分). */
const TWO_MILLION_YUAN: Fen = 200_000_000;
const FOUR_MILLION_YUAN: Fen = 400_000_000;

/** Milliseconds in one day (China has no daylight saving, so a day is always this long). */
const DAY_MS = 86_400_000;

/** The rules table. */
const RULES: readonly Rule[] = deepFreeze<Rule[]>([
  {
    id: 'timeline.order',
    kind: 'timelineOrder',
    title: {
      zh: '文件发出不早于公告之日，提供截止与投标截止晚于文件发出，提供截止不晚于投标截止',
      en: 'Documents are issued no earlier than the notice day; issue end and bid deadline follow the issue start; issue ends by the bid deadline',
    },
    citation: '平台规则',
    source: 'platform',
    effectiveFrom: PLATFORM_SINCE,
    methods: PROCUREMENT_METHODS,
  },
  {
    id: 'tender.min-bid-period',
    kind: 'minPeriod',
    title: {
      zh: '自招标文件开始发出之日起至投标截止之日止不得少于20日',
      en: 'At least 20 days from the first issue of tender documents to the bid deadline',
    },
    citation: '政府采购法第三十五条',
    source: 'primary',
    effectiveFrom: PROCUREMENT_LAW_SINCE,
    methods: TENDER_METHODS,
    tradeTypes: ['governmentProcurement'],
    from: 'documentsFrom',
    to: 'bidDeadline',
    count: 20,
    unit: 'days',
    rollOver: true,
  },
  {
    id: 'tender.notice-period',
    kind: 'minPeriod',
    title: {
      zh: '招标公告的公告期限为5个工作日，投标截止不得早于公告期满',
      en: 'The tender notice runs 5 working days; the bid deadline may not fall before it ends',
    },
    citation: '87号令第十六条',
    source: 'primary',
    effectiveFrom: ORDER_87_SINCE,
    methods: TENDER_METHODS,
    tradeTypes: ['governmentProcurement'],
    from: 'publication',
    to: 'bidDeadline',
    count: 5,
    unit: 'workingDays',
    rollOver: true,
  },
  {
    id: 'tender.documents-period',
    kind: 'minPeriod',
    title: {
      zh: '招标文件提供期限自公告发布之日起计算不得少于5个工作日',
      en: 'Tender documents are available for at least 5 working days counted from the notice',
    },
    citation: '87号令第十八条',
    source: 'primary',
    effectiveFrom: ORDER_87_SINCE,
    methods: TENDER_METHODS,
    tradeTypes: ['governmentProcurement'],
    from: 'publication',
    to: 'documentsUntil',
    count: 5,
    unit: 'workingDays',
    rollOver: true,
  },
  {
    id: 'negotiation.min-response-period',
    kind: 'minPeriod',
    title: {
      zh: '从谈判文件发出之日起至首次响应文件截止之日止不得少于3个工作日',
      en: 'At least 3 working days from issuing the negotiation documents to the first response deadline',
    },
    citation: '74号令第二十九条',
    source: 'primary',
    effectiveFrom: ORDER_74_SINCE,
    methods: ['competitiveNegotiation'],
    tradeTypes: ['governmentProcurement'],
    from: 'documentsFrom',
    to: 'bidDeadline',
    count: 3,
    unit: 'workingDays',
    rollOver: true,
  },
  {
    id: 'inquiry.min-response-period',
    kind: 'minPeriod',
    title: {
      zh: '从询价通知书发出之日起至响应文件截止之日止不得少于3个工作日',
      en: 'At least 3 working days from issuing the request for quotations to the response deadline',
    },
    citation: '74号令第四十五条',
    source: 'primary',
    effectiveFrom: ORDER_74_SINCE,
    methods: ['inquiry'],
    tradeTypes: ['governmentProcurement'],
    from: 'documentsFrom',
    to: 'bidDeadline',
    count: 3,
    unit: 'workingDays',
    rollOver: true,
  },
  {
    id: 'consultation.min-response-period',
    kind: 'minPeriod',
    title: {
      zh: '从磋商文件发出之日起至首次响应文件截止之日止不得少于10日',
      en: 'At least 10 days from issuing the consultation documents to the first response deadline',
    },
    citation: '财库〔2014〕214号第十条',
    source: 'secondary',
    effectiveFrom: CAIKU_214_SINCE,
    methods: ['competitiveConsultation'],
    tradeTypes: ['governmentProcurement'],
    from: 'documentsFrom',
    to: 'bidDeadline',
    count: 10,
    unit: 'days',
    rollOver: true,
  },
  {
    id: 'single-source.publicity-period',
    kind: 'minPeriod',
    title: {
      zh: '单一来源采购公示期不得少于5个工作日',
      en: 'A single-source procurement is publicised for at least 5 working days',
    },
    citation: '实施条例第三十八条',
    source: 'primary',
    effectiveFrom: REGULATIONS_SINCE,
    methods: ['singleSource'],
    tradeTypes: ['governmentProcurement'],
    from: 'publication',
    to: 'bidDeadline',
    count: 5,
    unit: 'workingDays',
    rollOver: true,
  },
  {
    id: 'listing.notice-lead-time',
    kind: 'minPeriod',
    title: {
      zh: '挂牌公告至少在挂牌开始日（文件发出、开始接受报价）前20日发布',
      en: 'The listing notice is published at least 20 days before the listing (quotations) starts',
    },
    citation: `${ORDER_39}第十一条`,
    source: 'secondary',
    effectiveFrom: ORDER_39_SINCE,
    methods: ['listing'],
    from: 'publication',
    to: 'documentsFrom',
    count: 20,
    unit: 'days',
    rollOver: false,
  },
  {
    id: 'auction.notice-lead-time',
    kind: 'minPeriod',
    title: {
      zh: '拍卖公告至少在拍卖开始日（投标截止即拍卖开始）前20日发布',
      en: 'The auction notice is published at least 20 days before the auction (held at the bid deadline)',
    },
    citation: `${ORDER_39}第十一条`,
    source: 'secondary',
    effectiveFrom: ORDER_39_SINCE,
    methods: ['auction'],
    from: 'publication',
    to: 'bidDeadline',
    count: 20,
    unit: 'days',
    rollOver: false,
  },
  {
    id: 'tender.max-bid-period',
    kind: 'maxPeriod',
    title: {
      zh: '自公告发布之日起至投标（响应）截止之日止不得超过180日（本中心规定）',
      en: 'At most 180 days from the publication day to the bid deadline (the centre’s own policy)',
    },
    // The law sets minimum periods only; this longest period is the centre's policy, not a citation.
    citation: '交易中心政策',
    source: 'centrePolicy',
    effectiveFrom: PLATFORM_SINCE,
    methods: PROCUREMENT_METHODS,
    from: 'publication',
    to: 'bidDeadline',
    count: 180,
    unit: 'days',
  },
  {
    id: 'trade.government-methods',
    kind: 'allowedMethods',
    title: {
      zh: '政府采购只能采用法定采购方式',
      en: 'Government procurement uses only the statutory procurement methods',
    },
    citation: '政府采购法第二十六条',
    source: 'primary',
    effectiveFrom: PROCUREMENT_LAW_SINCE,
    methods: PROCUREMENT_METHODS,
    tradeTypes: ['governmentProcurement'],
    allowed: GOVERNMENT_PROCUREMENT_METHODS,
  },
  {
    id: 'trade.rights-methods',
    kind: 'allowedMethods',
    title: {
      zh: '土地、矿业权出让采用挂牌或拍卖方式',
      en: 'Land and mining rights are transferred by listing or auction',
    },
    citation: ORDER_39,
    source: 'secondary',
    effectiveFrom: ORDER_39_SINCE,
    methods: PROCUREMENT_METHODS,
    tradeTypes: RIGHTS_TRADE_TYPES,
    allowed: RIGHTS_TRANSFER_METHODS,
  },
  {
    id: 'inquiry.goods-only',
    kind: 'allowedCategories',
    title: { zh: '询价方式只适用于货物采购', en: 'Requests for quotations are for goods only' },
    citation: '74号令第三条',
    source: 'primary',
    effectiveFrom: ORDER_74_SINCE,
    methods: ['inquiry'],
    tradeTypes: ['governmentProcurement'],
    allowed: ['goods'],
  },
  {
    id: 'tender.evaluation-method',
    kind: 'evaluationMethod',
    title: {
      zh: '招标项目的评标方法为最低评标价法或综合评分法',
      en: 'Tenders are evaluated by lowest evaluated price or comprehensive scoring',
    },
    citation: '87号令第五十三条',
    source: 'primary',
    effectiveFrom: ORDER_87_SINCE,
    methods: TENDER_METHODS,
    tradeTypes: ['governmentProcurement'],
    allowed: ['comprehensive', 'lowestPrice'],
  },
  {
    id: 'negotiation.evaluation-method',
    kind: 'evaluationMethod',
    title: {
      zh: '竞争性谈判按最后报价由低到高确定成交候选人',
      en: 'Competitive negotiation ranks candidates by final price, lowest first',
    },
    citation: '74号令第三十五条',
    source: 'primary',
    effectiveFrom: ORDER_74_SINCE,
    methods: ['competitiveNegotiation'],
    tradeTypes: ['governmentProcurement'],
    allowed: ['lowestPrice'],
  },
  {
    id: 'inquiry.evaluation-method',
    kind: 'evaluationMethod',
    title: {
      zh: '询价按报价由低到高确定成交候选人',
      en: 'Requests for quotations rank candidates by price, lowest first',
    },
    citation: '74号令第四十八条',
    source: 'primary',
    effectiveFrom: ORDER_74_SINCE,
    methods: ['inquiry'],
    tradeTypes: ['governmentProcurement'],
    allowed: ['lowestPrice'],
  },
  {
    id: 'consultation.evaluation-method',
    kind: 'evaluationMethod',
    title: {
      zh: '竞争性磋商采用综合评分法',
      en: 'Competitive consultation uses comprehensive scoring',
    },
    citation: '财库〔2014〕214号',
    source: 'secondary',
    effectiveFrom: CAIKU_214_SINCE,
    methods: ['competitiveConsultation'],
    tradeTypes: ['governmentProcurement'],
    allowed: ['comprehensive'],
  },
  {
    id: 'single-source.evaluation-method',
    kind: 'evaluationMethod',
    title: {
      zh: '单一来源采购商定合理的成交价格，不采用价高者得',
      en: 'Single-source procurement agrees a reasonable price; never highest price',
    },
    citation: '74号令第四十一条',
    source: 'primary',
    effectiveFrom: ORDER_74_SINCE,
    methods: ['singleSource'],
    tradeTypes: ['governmentProcurement'],
    allowed: ['lowestPrice', 'comprehensive'],
  },
  {
    id: 'rights.evaluation-method',
    kind: 'evaluationMethod',
    title: {
      zh: '挂牌、拍卖出让按价高者得确定受让人',
      en: 'Listings and auctions are won by the highest price',
    },
    citation: ORDER_39,
    source: 'secondary',
    effectiveFrom: ORDER_39_SINCE,
    methods: RIGHTS_TRANSFER_METHODS,
    allowed: ['highestPrice'],
  },
  {
    id: 'government.budget',
    kind: 'amountRequired',
    title: {
      zh: '政府采购项目须有批准的预算金额',
      en: 'A government procurement states its approved budget',
    },
    citation: '政府采购法第六条',
    source: 'primary',
    effectiveFrom: PROCUREMENT_LAW_SINCE,
    methods: PROCUREMENT_METHODS,
    tradeTypes: ['governmentProcurement'],
    field: 'budgetFen',
  },
  {
    id: 'evaluation.score-total',
    kind: 'scoreTotal',
    title: {
      zh: '综合评分法的价格权重与各评审因素分值合计为100分',
      en: 'Under comprehensive scoring, price weight and criteria points total 100',
    },
    citation: '87号令第五十五条',
    source: 'primary',
    effectiveFrom: ORDER_87_SINCE,
    methods: GOVERNMENT_PROCUREMENT_METHODS,
    tradeTypes: ['governmentProcurement'],
    totalPoints: 100,
  },
  {
    id: 'tender.price-weight-floor',
    kind: 'priceWeightFloor',
    title: {
      zh: '综合评分法中货物项目价格分值比重不得低于30%，服务项目不得低于10%',
      en: 'Under comprehensive scoring the price weight is at least 30% for goods and 10% for services',
    },
    citation: '87号令第五十五条',
    source: 'primary',
    effectiveFrom: ORDER_87_SINCE,
    methods: TENDER_METHODS,
    tradeTypes: ['governmentProcurement'],
    minPercent: { goods: 30, services: 10 },
  },
  {
    id: 'sme.reserve-small-projects',
    kind: 'smeReservation',
    title: {
      zh: '200万元以下的货物和服务、400万元以下的工程采购项目适宜由中小企业提供的，应当专门面向中小企业采购；不预留须说明理由',
      en: 'Goods and services up to 2 million yuan and works up to 4 million yuan are reserved for SMEs unless a reason is given',
    },
    citation: '财库〔2020〕46号第六条、第七条',
    source: 'primary',
    effectiveFrom: SME_2020_SINCE,
    methods: COMPETITIVE_GOVERNMENT_METHODS,
    tradeTypes: ['governmentProcurement'],
    reserveUpToFen: { goods: TWO_MILLION_YUAN, services: TWO_MILLION_YUAN, works: FOUR_MILLION_YUAN },
  },
  {
    id: 'sme.reserved-no-deduction',
    kind: 'smeReservedNoDeduction',
    title: {
      zh: '专门面向中小企业的预留项目不再给予价格扣除',
      en: 'A project reserved for SMEs applies no price deduction',
    },
    citation: '财库〔2020〕46号第九条',
    source: 'primary',
    effectiveFrom: SME_2020_SINCE,
    methods: COMPETITIVE_GOVERNMENT_METHODS,
    tradeTypes: ['governmentProcurement'],
  },
  {
    id: 'sme.small-micro-deduction.2021',
    kind: 'smeDeduction',
    title: {
      zh: '未预留份额的项目对小微企业报价给予6%—10%（工程3%—5%）的扣除',
      en: 'Non-reserved projects deduct 6–10% (works 3–5%) from small/micro firms’ prices',
    },
    citation: '财库〔2020〕46号第九条',
    source: 'primary',
    effectiveFrom: SME_2020_SINCE,
    effectiveUntil: '2022-06-30',
    methods: COMPETITIVE_GOVERNMENT_METHODS,
    tradeTypes: ['governmentProcurement'],
    field: 'priceDeductionPercent',
    required: true,
    rangePercent: { goods: { min: 6, max: 10 }, services: { min: 6, max: 10 }, works: { min: 3, max: 5 } },
  },
  {
    id: 'sme.small-micro-deduction.2022',
    kind: 'smeDeduction',
    title: {
      zh: '货物和服务项目对小微企业报价的扣除提高至10%—20%（工程仍为3%—5%）',
      en: 'The small/micro deduction for goods and services is raised to 10–20% (works stay at 3–5%)',
    },
    citation: '财库〔2022〕19号（调整财库〔2020〕46号第九条）',
    source: 'secondary',
    effectiveFrom: SME_2022_SINCE,
    methods: COMPETITIVE_GOVERNMENT_METHODS,
    tradeTypes: ['governmentProcurement'],
    field: 'priceDeductionPercent',
    required: true,
    rangePercent: { goods: { min: 10, max: 20 }, services: { min: 10, max: 20 }, works: { min: 3, max: 5 } },
  },
  {
    id: 'sme.consortium-deduction.2021',
    kind: 'smeDeduction',
    title: {
      zh: '小微企业合同份额占30%以上的联合体或分包，报价给予2%—3%（工程1%—2%）的扣除',
      en: 'Consortia or subcontracts giving small/micro firms ≥ 30% get a 2–3% (works 1–2%) deduction',
    },
    citation: '财库〔2020〕46号第九条',
    source: 'primary',
    effectiveFrom: SME_2020_SINCE,
    effectiveUntil: '2022-06-30',
    methods: COMPETITIVE_GOVERNMENT_METHODS,
    tradeTypes: ['governmentProcurement'],
    field: 'consortiumDeductionPercent',
    required: false,
    rangePercent: { goods: { min: 2, max: 3 }, services: { min: 2, max: 3 }, works: { min: 1, max: 2 } },
  },
  {
    id: 'sme.consortium-deduction.2022',
    kind: 'smeDeduction',
    title: {
      zh: '联合体或分包的扣除提高至4%—6%（工程仍为1%—2%）',
      en: 'The consortium or subcontract deduction is raised to 4–6% (works stay at 1–2%)',
    },
    citation: '财库〔2022〕19号（调整财库〔2020〕46号第九条）',
    source: 'secondary',
    effectiveFrom: SME_2022_SINCE,
    methods: COMPETITIVE_GOVERNMENT_METHODS,
    tradeTypes: ['governmentProcurement'],
    field: 'consortiumDeductionPercent',
    required: false,
    rangePercent: { goods: { min: 4, max: 6 }, services: { min: 4, max: 6 }, works: { min: 1, max: 2 } },
  },
  {
    id: 'transfer.switch-window',
    kind: 'transferParameter',
    title: {
      zh: '挂牌截止前最后1小时内有两个或两个以上竞买人报价的，挂牌截止时转入网上拍卖（限时竞价）',
      en: 'Two or more bidders quoting in the listing’s last hour switch it to an online auction at its end',
    },
    citation: `${FUJIAN_ONLINE}第三十三条第三项、第四十条`,
    source: 'primary',
    effectiveFrom: FUJIAN_ONLINE_SINCE,
    methods: ['listing'],
    tradeTypes: RIGHTS_TRADE_TYPES,
    parameter: 'switchWindowMinutes',
    value: 60,
    unit: 'minutes',
  },
  {
    id: 'transfer.preparation',
    kind: 'transferParameter',
    title: {
      zh: '挂牌截止后先进入15分钟的网上拍卖准备阶段，准备阶段不接受报价',
      en: 'After the listing ends a 15-minute preparation stage runs before the auction; no quotes in it',
    },
    citation: `${FUJIAN_ONLINE}第四十条、第四十一条`,
    source: 'primary',
    effectiveFrom: FUJIAN_ONLINE_SINCE,
    methods: ['listing'],
    tradeTypes: RIGHTS_TRADE_TYPES,
    parameter: 'preparationMinutes',
    value: 15,
    unit: 'minutes',
  },
  {
    id: 'transfer.countdown',
    kind: 'transferParameter',
    title: {
      zh: '网上拍卖倒计时5分钟；倒计时内有新的报价即从该时点起重新开始倒计时，倒计时结束无新报价即确定竞得人（其他交易中心多用4分钟）',
      en: 'The online auction runs a 5-minute countdown that restarts at every new quote; when it ends without one, the highest bidder wins (other centres use 4 minutes)',
    },
    citation: `${FUJIAN_ONLINE}第四十一条、第四十二条`,
    source: 'primary',
    effectiveFrom: FUJIAN_ONLINE_SINCE,
    methods: RIGHTS_TRANSFER_METHODS,
    tradeTypes: RIGHTS_TRADE_TYPES,
    parameter: 'countdownSeconds',
    value: 300,
    unit: 'seconds',
  },
  {
    id: 'transfer.quote-unit',
    kind: 'transferParameter',
    title: {
      zh: '初次报价不低于起始价，之后每次报价比当前最高报价至少高一个加价幅度；报价以万元为单位，保留小数点后一位',
      en: 'The first quote is at least the start price, each later one at least one increment above the highest; quotes are in 万元 to one decimal',
    },
    citation: `${FUJIAN_ONLINE}第三十条`,
    source: 'primary',
    effectiveFrom: FUJIAN_ONLINE_SINCE,
    methods: RIGHTS_TRANSFER_METHODS,
    tradeTypes: RIGHTS_TRADE_TYPES,
    parameter: 'quoteUnitFen',
    value: 100_000,
    unit: 'fen',
  },
  {
    id: 'transfer.deposit-refund',
    kind: 'transferParameter',
    title: {
      zh: '竞得人的竞买保证金抵作出让价款；其他竞买人的竞买保证金于交易活动结束之日起5个工作日内退还',
      en: 'The winner’s deposit becomes part of the price; the others’ are refunded within 5 working days of the end',
    },
    citation: `${FUJIAN_ONLINE}第四十六条`,
    source: 'primary',
    effectiveFrom: FUJIAN_ONLINE_SINCE,
    methods: RIGHTS_TRANSFER_METHODS,
    tradeTypes: RIGHTS_TRADE_TYPES,
    parameter: 'depositRefundWorkingDays',
    value: 5,
    unit: 'workingDays',
  },
  {
    id: 'enquiry.answer-period',
    kind: 'rightsClock',
    title: {
      zh: '供应商对政府采购活动事项提出询问的，采购人应当在3个工作日内作出答复',
      en: 'The purchasing unit answers a supplier’s enquiry within 3 working days',
    },
    citation: '政府采购法第五十一条；实施条例第五十二条',
    source: 'primary',
    effectiveFrom: REGULATIONS_SINCE,
    methods: PROCUREMENT_METHODS,
    tradeTypes: ['governmentProcurement'],
    clock: 'enquiryAnswer',
    count: 3,
    unit: 'workingDays',
  },
  {
    id: 'result.notice-period',
    kind: 'rightsClock',
    title: {
      zh: '中标（成交）结果公告期限为1个工作日',
      en: 'The result notice runs for 1 working day',
    },
    citation: '87号令第六十九条',
    source: 'primary',
    effectiveFrom: ORDER_87_SINCE,
    methods: PROCUREMENT_METHODS,
    tradeTypes: ['governmentProcurement'],
    clock: 'resultNotice',
    count: 1,
    unit: 'workingDays',
  },
  {
    id: 'challenge.period',
    kind: 'rightsClock',
    title: {
      zh: '供应商认为采购文件、采购过程、中标或者成交结果使自己的权益受到损害的，可以在知道或者应知其权益受到损害之日起7个工作日内提出质疑',
      en: 'A supplier may challenge the documents, the process or the result within 7 working days of the day it knew or should have known',
    },
    citation: '政府采购法第五十二条；实施条例第五十三条；94号令第十条、第十一条',
    source: 'primary',
    effectiveFrom: ORDER_94_SINCE,
    methods: PROCUREMENT_METHODS,
    tradeTypes: ['governmentProcurement'],
    clock: 'challengeWindow',
    count: 7,
    unit: 'workingDays',
  },
  {
    id: 'challenge.answer-period',
    kind: 'rightsClock',
    title: {
      zh: '采购人应当在收到质疑函后7个工作日内作出答复，并以书面形式通知质疑供应商和其他有关供应商',
      en: 'The purchasing unit answers a challenge within 7 working days and tells the challenger and the other suppliers concerned',
    },
    citation: '94号令第十三条',
    source: 'primary',
    effectiveFrom: ORDER_94_SINCE,
    methods: PROCUREMENT_METHODS,
    tradeTypes: ['governmentProcurement'],
    clock: 'challengeAnswer',
    count: 7,
    unit: 'workingDays',
  },
  {
    id: 'challenge.contract-hold',
    kind: 'rightsHold',
    title: {
      zh: '询问或者质疑事项可能影响中标、成交结果的，采购人应当暂停签订合同',
      en: 'While a challenge may affect the result, the contract is not signed',
    },
    citation: '实施条例第五十四条',
    source: 'primary',
    effectiveFrom: REGULATIONS_SINCE,
    methods: PROCUREMENT_METHODS,
    tradeTypes: ['governmentProcurement'],
    hold: 'contract',
  },
  {
    id: 'deposit.bid-max',
    kind: 'depositCap',
    title: {
      zh: '投标保证金不得超过采购项目预算金额的2%，以支票、汇票、本票或者保函等非现金形式提交',
      en: 'A bid deposit is at most 2% of the budget, in a non-cash form',
    },
    citation: '实施条例第三十三条',
    source: 'primary',
    effectiveFrom: REGULATIONS_SINCE,
    methods: PROCUREMENT_METHODS,
    tradeTypes: ['governmentProcurement'],
    field: 'bidDepositFen',
    maxPercentOfBudget: 2,
  },
  {
    id: 'correction.min-notice',
    kind: 'correctionNotice',
    title: {
      zh: '可能影响投标文件编制的澄清或修改，应在投标截止至少15日前发出；不足15日的顺延投标截止时间',
      en: 'A clarification that may affect bid preparation is issued at least 15 days before the deadline, else the deadline moves',
    },
    citation: '87号令第二十七条',
    source: 'primary',
    effectiveFrom: ORDER_87_SINCE,
    methods: TENDER_METHODS,
    tradeTypes: ['governmentProcurement'],
    minDays: 15,
  },
  {
    id: 'correction.immutable-fields',
    kind: 'correctionImmutable',
    title: {
      zh: '澄清或者修改不得改变采购标的和资格条件',
      en: 'A correction may not change the subject or the qualification conditions',
    },
    citation: '87号令第二十七条',
    source: 'primary',
    effectiveFrom: ORDER_87_SINCE,
    methods: PROCUREMENT_METHODS,
    fields: ['title', 'category', 'tradeType', 'method', 'budgetFen', 'qualifications'],
  },
]);

/**
 * The whole rules table, or only the rows in force on a China-local day (`YYYY-MM-DD`).
 *
 * The API and README show the table as it is, so users can see every rule and its citation.
 */
export function listRules(onDate?: string): Rule[] {
  return onDate === undefined ? [...RULES] : RULES.filter((rule) => isInForce(rule, onDate));
}

/**
 * One rule by id, or `undefined`.
 *
 * Lets an error's `rule` id be turned back into its title and citation.
 */
export function findRule(id: string): Rule | undefined {
  return RULES.find((rule) => rule.id === id);
}

/** Whether a rule is in force on a China-local day. */
function isInForce(rule: Rule, date: string): boolean {
  return rule.effectiveFrom <= date && (rule.effectiveUntil === undefined || date <= rule.effectiveUntil);
}

/** Whether a rule governs this tender on this day. */
function appliesTo(rule: Rule, input: DraftRulesInput, date: string): boolean {
  return (
    isInForce(rule, date) &&
    input.method !== undefined &&
    rule.methods.includes(input.method) &&
    (rule.tradeTypes === undefined ||
      (input.tradeType !== undefined && rule.tradeTypes.includes(input.tradeType)))
  );
}

/** Builds an issue that names its rule. */
function toIssue(rule: Rule, path: string, zh: string, en: string): FieldIssue {
  return { path, message: { zh, en }, rule: rule.id, citation: rule.citation };
}

/** Timeline point names in both languages, for messages. */
const POINT_LABELS: Readonly<Record<TimelinePoint, BilingualText>> = {
  publication: { zh: '公告发布之日', en: 'the publication day' },
  documentsFrom: { zh: '文件开始发出之日', en: 'the day documents are first issued' },
  documentsUntil: { zh: '文件提供截止时间', en: 'the end of document issue' },
  bidDeadline: { zh: '投标（响应）截止时间', en: 'the bid deadline' },
};

/** The timeline's instants, parsed; `undefined` where the text is not a valid instant. */
type ParsedTimeline = Record<TimelinePoint, Date | undefined>;

/** Parses an ISO 8601 instant, or `undefined` if it is not one. */
function parseInstant(text: unknown): Date | undefined {
  if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}T/.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/** Checks a minimum period between two points of the timeline. */
function checkMinPeriod(
  rule: MinPeriodRule,
  timeline: ParsedTimeline,
  calendar: WorkingCalendar,
): FieldIssue[] {
  const from = timeline[rule.from];
  const to = timeline[rule.to];
  if (!from || !to) return [];
  const fromDay = chinaDate(from);
  const lastDay = rule.rollOver
    ? periodEnd(fromDay, rule.count, rule.unit, calendar)
    : addCalendarDays(fromDay, rule.count);
  const toDay = chinaDate(to);
  if (toDay >= lastDay) return [];
  const unit = rule.unit === 'days' ? { zh: '日', en: 'days' } : { zh: '个工作日', en: 'working days' };
  return [
    toIssue(
      rule,
      `timeline.${rule.to}`,
      `${POINT_LABELS[rule.to].zh}（${toDay}）不得早于${lastDay}：自${POINT_LABELS[rule.from].zh}（${fromDay}）起不少于${rule.count}${unit.zh}`,
      `${POINT_LABELS[rule.to].en} (${toDay}) may not be before ${lastDay}: at least ${rule.count} ${unit.en} from ${POINT_LABELS[rule.from].en} (${fromDay})`,
    ),
  ];
}

/** Checks a maximum period between two points of the timeline (calendar days, China-local). */
function checkMaxPeriod(rule: MaxPeriodRule, timeline: ParsedTimeline): FieldIssue[] {
  const from = timeline[rule.from];
  const to = timeline[rule.to];
  if (!from || !to) return [];
  const fromDay = chinaDate(from);
  const lastDay = addCalendarDays(fromDay, rule.count);
  const toDay = chinaDate(to);
  if (toDay <= lastDay) return [];
  return [
    toIssue(
      rule,
      `timeline.${rule.to}`,
      `${POINT_LABELS[rule.to].zh}（${toDay}）不得晚于${lastDay}：自${POINT_LABELS[rule.from].zh}（${fromDay}）起不超过${rule.count}日`,
      `${POINT_LABELS[rule.to].en} (${toDay}) may not be after ${lastDay}: at most ${rule.count} days from ${POINT_LABELS[rule.from].en} (${fromDay})`,
    ),
  ];
}

/** Checks the timeline's instants and their order. */
function checkTimelineOrder(
  rule: TimelineOrderRule,
  input: DraftRulesInput,
  timeline: ParsedTimeline,
  draft: boolean,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const point of ['documentsFrom', 'documentsUntil', 'bidDeadline'] as const) {
    // A draft may not have set a point yet: only a point it set and that is no instant is wrong.
    if (draft && input.timeline?.[point] === undefined) continue;
    if (!timeline[point]) {
      issues.push(
        toIssue(
          rule,
          `timeline.${point}`,
          `${POINT_LABELS[point].zh}“${String(input.timeline?.[point])}”不是有效的 ISO 8601 时间`,
          `${POINT_LABELS[point].en} '${String(input.timeline?.[point])}' is not a valid ISO 8601 instant`,
        ),
      );
    }
  }
  const { publication, documentsFrom, documentsUntil, bidDeadline } = timeline;
  if (publication && documentsFrom && chinaDate(documentsFrom) < chinaDate(publication)) {
    issues.push(
      toIssue(
        rule,
        'timeline.documentsFrom',
        `文件开始发出之日（${chinaDate(documentsFrom)}）不得早于公告发布之日（${chinaDate(publication)}）`,
        `Documents cannot be issued (${chinaDate(documentsFrom)}) before the notice is published (${chinaDate(publication)})`,
      ),
    );
  }
  if (documentsFrom && documentsUntil && documentsUntil <= documentsFrom) {
    issues.push(
      toIssue(
        rule,
        'timeline.documentsUntil',
        '文件提供截止时间须晚于文件开始发出时间',
        'Document issue must end after it starts',
      ),
    );
  }
  if (documentsFrom && bidDeadline && bidDeadline <= documentsFrom) {
    issues.push(
      toIssue(
        rule,
        'timeline.bidDeadline',
        '投标截止时间须晚于文件开始发出时间',
        'The bid deadline must be after documents are first issued',
      ),
    );
  }
  if (documentsUntil && bidDeadline && documentsUntil > bidDeadline) {
    issues.push(
      toIssue(
        rule,
        'timeline.documentsUntil',
        '文件提供截止时间不得晚于投标截止时间',
        'Document issue may not end after the bid deadline',
      ),
    );
  }
  return issues;
}

/** Checks that the method is allowed for the trade type. */
function checkAllowedMethods(rule: AllowedMethodsRule, input: DraftRulesInput): FieldIssue[] {
  if (input.method === undefined || input.tradeType === undefined || rule.allowed.includes(input.method))
    return [];
  const allowed = rule.allowed.map((m) => PROCUREMENT_METHOD_LABELS[m]);
  const trade = TRADE_TYPE_LABELS[input.tradeType] ?? { zh: input.tradeType, en: input.tradeType };
  return [
    toIssue(
      rule,
      'method',
      `${trade.zh}只能采用：${allowed.map((l) => l.zh).join('、')}`,
      `${trade.en} may only use: ${allowed.map((l) => l.en).join(', ')}`,
    ),
  ];
}

/** Checks that the category is allowed for the method. */
function checkAllowedCategories(rule: AllowedCategoriesRule, input: DraftRulesInput): FieldIssue[] {
  // A draft without a category (or method) yet is judged once it has one.
  if (input.category === undefined || input.method === undefined || rule.allowed.includes(input.category))
    return [];
  const method = PROCUREMENT_METHOD_LABELS[input.method];
  const allowed = rule.allowed.map((c) => CATEGORY_LABELS[c]);
  return [
    toIssue(
      rule,
      'category',
      `${method.zh}只适用于：${allowed.map((l) => l.zh).join('、')}`,
      `${method.en} is only for: ${allowed.map((l) => l.en).join(', ')}`,
    ),
  ];
}

/** Checks that the evaluation method is allowed for the method. */
function checkEvaluationMethod(rule: EvaluationMethodRule, input: DraftRulesInput): FieldIssue[] {
  const chosen = input.evaluation?.method;
  // A draft without an evaluation method yet is judged once it has one.
  if (chosen === undefined || input.method === undefined || rule.allowed.includes(chosen)) return [];
  const method = PROCUREMENT_METHOD_LABELS[input.method];
  const allowed = rule.allowed.map((e) => EVALUATION_METHOD_LABELS[e]);
  return [
    toIssue(
      rule,
      'evaluation.method',
      `${method.zh}的评审方法只能是：${allowed.map((l) => l.zh).join('、')}`,
      `${method.en} must be evaluated by: ${allowed.map((l) => l.en).join(', ')}`,
    ),
  ];
}

/** Checks the price weight floor of comprehensive scoring. */
function checkPriceWeightFloor(rule: PriceWeightFloorRule, input: DraftRulesInput): FieldIssue[] {
  if (input.category === undefined) return [];
  const floor = rule.minPercent[input.category];
  if (input.evaluation?.method !== 'comprehensive' || floor === undefined) return [];
  const weight = input.evaluation.priceWeightPercent;
  if (typeof weight === 'number' && weight >= floor) return [];
  const category = CATEGORY_LABELS[input.category];
  return [
    toIssue(
      rule,
      'evaluation.priceWeightPercent',
      `${category.zh}项目价格分值比重不得低于${floor}%（当前${weight ?? '未填'}）`,
      `The price weight of a ${category.en.toLowerCase()} project must be at least ${floor}% (is ${weight ?? 'missing'})`,
    ),
  ];
}

/** Checks that comprehensive scoring adds up to the total. */
function checkScoreTotal(rule: ScoreTotalRule, input: DraftRulesInput): FieldIssue[] {
  if (input.evaluation?.method !== 'comprehensive') return [];
  const issues: FieldIssue[] = [];
  const weight = input.evaluation.priceWeightPercent;
  if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0 || weight > rule.totalPoints) {
    issues.push(
      toIssue(
        rule,
        'evaluation.priceWeightPercent',
        `综合评分法须设定0至${rule.totalPoints}之间的价格权重`,
        `Comprehensive scoring needs a price weight from 0 to ${rule.totalPoints}`,
      ),
    );
  }
  const criteria = input.evaluation.criteria ?? [];
  criteria.forEach((criterion, i) => {
    if (typeof criterion?.name !== 'string' || criterion.name.trim() === '') {
      issues.push(
        toIssue(
          rule,
          `evaluation.criteria.${i}.name`,
          '评审因素须有名称',
          'A scoring criterion needs a name',
        ),
      );
    }
    if (typeof criterion?.maxPoints !== 'number' || !(criterion.maxPoints > 0)) {
      issues.push(
        toIssue(
          rule,
          `evaluation.criteria.${i}.maxPoints`,
          '评审因素分值须大于0',
          'A scoring criterion is worth more than 0 points',
        ),
      );
    }
  });
  const total =
    (typeof weight === 'number' ? weight : 0) + criteria.reduce((sum, c) => sum + (c?.maxPoints ?? 0), 0);
  if (issues.length === 0 && total !== rule.totalPoints) {
    issues.push(
      toIssue(
        rule,
        'evaluation.criteria',
        `价格权重与评审因素分值合计为${total}分，应为${rule.totalPoints}分`,
        `Price weight and criteria points total ${total}, not ${rule.totalPoints}`,
      ),
    );
  }
  return issues;
}

/** Checks that an amount is stated and valid. */
function checkAmountRequired(rule: AmountRequiredRule, input: DraftRulesInput): FieldIssue[] {
  const value = input[rule.field];
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0 && value <= MAX_FEN) return [];
  const name =
    rule.field === 'budgetFen' ? { zh: '预算金额', en: 'budget' } : { zh: '底价', en: 'reserve price' };
  return [
    toIssue(
      rule,
      rule.field,
      `须填写大于0的${name.zh}（以分为单位的整数）`,
      `A positive ${name.en} in whole fen is required`,
    ),
  ];
}

/**
 * Checks a deposit against its cap: `deposit × 100 ≤ budget × percent`, in exact integers (BigInt),
 * so 2% of 3,500,000.00元 is accepted at 70,000.00元 and refused at 70,000.01元.
 */
function checkDepositCap(rule: DepositCapRule, input: DraftRulesInput): FieldIssue[] {
  const deposit = input[rule.field];
  const budget = input.budgetFen;
  if (deposit === undefined || budget === undefined) return [];
  if (BigInt(deposit) * 100n <= BigInt(budget) * BigInt(rule.maxPercentOfBudget)) return [];
  const cap = (BigInt(budget) * BigInt(rule.maxPercentOfBudget)) / 100n;
  return [
    toIssue(
      rule,
      rule.field,
      `投标保证金 ${formatWanYuan(deposit)} 超过预算金额 ${formatWanYuan(budget)} 的${rule.maxPercentOfBudget}%（至多 ${formatWanYuan(Number(cap))}）`,
      `The bid deposit ${formatWanYuan(deposit)} exceeds ${rule.maxPercentOfBudget}% of the budget ${formatWanYuan(budget)} (at most ${formatWanYuan(Number(cap))})`,
    ),
  ];
}

/** Checks that a small project suitable for SMEs is reserved or says why not. */
function checkSmeReservation(rule: SmeReservationRule, input: DraftRulesInput): FieldIssue[] {
  const budget = input.budgetFen;
  const category = input.category;
  if (category === undefined) return [];
  const limit = rule.reserveUpToFen[category];
  if (input.sme?.reservedForSme !== false || typeof budget !== 'number' || limit === undefined) return [];
  if (budget > limit || (input.sme.notReservedReason ?? '').trim() !== '') return [];
  const limitText = formatWanYuan(limit);
  return [
    toIssue(
      rule,
      'sme.notReservedReason',
      `预算${limitText}以下的${CATEGORY_LABELS[category].zh}项目应专门面向中小企业采购；不预留须说明理由`,
      `A ${CATEGORY_LABELS[category].en.toLowerCase()} project budgeted at or below ${limitText} is reserved for SMEs unless a reason is given`,
    ),
  ];
}

/** Checks that a reserved project applies no deduction. */
function checkReservedNoDeduction(rule: SmeReservedNoDeductionRule, input: DraftRulesInput): FieldIssue[] {
  if (input.sme?.reservedForSme !== true) return [];
  const issues: FieldIssue[] = [];
  for (const field of ['priceDeductionPercent', 'consortiumDeductionPercent'] as const) {
    const value = input.sme[field];
    if (value !== undefined && value !== 0) {
      issues.push(
        toIssue(
          rule,
          `sme.${field}`,
          '专门面向中小企业采购的项目不得再给予价格扣除',
          'A project reserved for SMEs may not also apply a price deduction',
        ),
      );
    }
  }
  return issues;
}

/** Checks a deduction against the range in force for the category. */
function checkSmeDeduction(rule: SmeDeductionRule, input: DraftRulesInput): FieldIssue[] {
  if (input.sme?.reservedForSme !== false || input.category === undefined) return [];
  const range = rule.rangePercent[input.category];
  if (!range) return [];
  const value = input.sme[rule.field];
  const what =
    rule.field === 'priceDeductionPercent'
      ? { zh: '小微企业价格扣除比例', en: 'small/micro price deduction' }
      : { zh: '联合体或分包价格扣除比例', en: 'consortium or subcontract deduction' };
  if (value === undefined) {
    return rule.required
      ? [
          toIssue(
            rule,
            `sme.${rule.field}`,
            `未预留份额的项目须明确${what.zh}（${range.min}%—${range.max}%）`,
            `A project not reserved for SMEs states its ${what.en} (${range.min}–${range.max}%)`,
          ),
        ]
      : [];
  }
  if (typeof value === 'number' && value >= range.min && value <= range.max) return [];
  return [
    toIssue(
      rule,
      `sme.${rule.field}`,
      `${what.zh}应在${range.min}%—${range.max}%之间（当前${String(value)}%）`,
      `The ${what.en} must be ${range.min}–${range.max}% (is ${String(value)}%)`,
    ),
  ];
}

/**
 * The start price is a whole number of quote units: the first quote may equal it (福建网上交易规则
 * 第三十条), and every quote is in those units, so a start price between two units could never be bid.
 */
function checkStartPriceOnUnit(rule: TransferParameterRule, input: DraftRulesInput): FieldIssue[] {
  const start = input.transfer?.startPriceFen;
  if (start === undefined) return [];
  const unit = input.transfer?.bidding?.quoteUnitFen ?? rule.value;
  if (start % unit === 0) return [];
  return [
    toIssue(
      rule,
      'transfer.startPriceFen',
      `起始价须为报价单位 ${formatWanYuan(unit)} 的整数倍（初次报价可等于起始价，报价以万元为单位、保留一位小数）`,
      `The start price must be a whole number of quote units (${unit} fen): the first quote may equal it`,
    ),
  ];
}

/** Applies one rule to a tender. */
function checkRule(
  rule: Rule,
  input: DraftRulesInput,
  timeline: ParsedTimeline,
  calendar: WorkingCalendar,
  draft: boolean,
): FieldIssue[] {
  switch (rule.kind) {
    case 'minPeriod':
      return checkMinPeriod(rule, timeline, calendar);
    case 'maxPeriod':
      return checkMaxPeriod(rule, timeline);
    case 'timelineOrder':
      return checkTimelineOrder(rule, input, timeline, draft);
    case 'allowedMethods':
      return checkAllowedMethods(rule, input);
    case 'allowedCategories':
      return checkAllowedCategories(rule, input);
    case 'evaluationMethod':
      return checkEvaluationMethod(rule, input);
    case 'priceWeightFloor':
      return checkPriceWeightFloor(rule, input);
    case 'scoreTotal':
      return checkScoreTotal(rule, input);
    case 'amountRequired':
      return checkAmountRequired(rule, input);
    case 'smeReservation':
      return checkSmeReservation(rule, input);
    case 'smeReservedNoDeduction':
      return checkReservedNoDeduction(rule, input);
    case 'smeDeduction':
      return checkSmeDeduction(rule, input);
    case 'correctionNotice':
    case 'correctionImmutable':
      // Checked when a correction is planned, not at publication.
      return [];
    case 'depositCap':
      return checkDepositCap(rule, input);
    case 'rightsClock':
    case 'rightsHold':
      // Counted when a supplier enquires, challenges or complains (domain/rights.ts), not at publication
      return [];
    case 'transferParameter':
      // Read by the live transfer as it runs (domain/auction.ts); the quote unit also bounds the notice
      return rule.parameter === 'quoteUnitFen' ? checkStartPriceOnUnit(rule, input) : [];
  }
}

/** Rejects a publication instant that is not a valid `Date`. */
function assertInstant(value: Date, field: string): void {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    const message = { zh: `${field}不是有效的时间`, en: `${field} is not a valid instant` };
    throw new ValidationError(message, [{ path: field, message }]);
  }
}

/**
 * Every rule the tender breaks if published at `publishAt`; empty when it may be published.
 *
 * Rules are picked by the China-local publication day, so a draft prepared under old rules is judged
 * by those in force when it goes out. Periods follow 87号令第85–86条 via the working-day calendar; a
 * timeline that reaches into a year `calendar` does not cover is refused with a ValidationError naming
 * the year (the opening, evaluation and award periods that follow the deadline count on that year).
 */
export function validatePublication(
  input: TenderRulesInput,
  publishAt: Date,
  calendar: WorkingCalendar = PACKAGE_CALENDAR,
): FieldIssue[] {
  return collectIssues(input, publishAt, calendar, false);
}

/**
 * Every rule a draft that may still be incomplete breaks if published at `publishAt`, judged on what
 * it already says: a rule whose inputs the draft has not set yet (no method, no category, no deadline)
 * is not judged, while a stated amount rule (政府采购法第六条) still names a missing budget.
 *
 * Why the same rows and checks as {@link validatePublication}: the form's dry run must say exactly
 * what publication will say; for a complete draft the two answers are identical.
 */
export function validateDraftPublication(
  input: DraftRulesInput,
  publishAt: Date,
  calendar: WorkingCalendar = PACKAGE_CALENDAR,
): FieldIssue[] {
  return collectIssues(input, publishAt, calendar, true);
}

/** The rows in force on the publication day that govern the input, applied to it. */
function collectIssues(
  input: DraftRulesInput,
  publishAt: Date,
  calendar: WorkingCalendar,
  draft: boolean,
): FieldIssue[] {
  assertInstant(publishAt, 'publishAt');
  const day = chinaDate(publishAt);
  const timeline: ParsedTimeline = {
    publication: publishAt,
    documentsFrom: parseInstant(input.timeline?.documentsFrom),
    documentsUntil: parseInstant(input.timeline?.documentsUntil),
    bidDeadline: parseInstant(input.timeline?.bidDeadline),
  };
  for (const [point, instant] of Object.entries(timeline)) {
    if (instant) assertYearCovered(Number(chinaDate(instant).slice(0, 4)), calendar, `timeline.${point}`);
  }
  return RULES.filter((rule) => appliesTo(rule, input, day)).flatMap((rule) =>
    checkRule(rule, input, timeline, calendar, draft),
  );
}

/** A planned point of the timeline that a rule bounds (the publication is the moment of publishing). */
export type BoundedPoint = Exclude<TimelinePoint, 'publication'>;

/** The earliest or latest legal day of one timeline point under one rule of the table. */
export interface TimelineBound {
  /** The bounded point. */
  point: BoundedPoint;
  /** The China-local day (`YYYY-MM-DD`): the point may fall on it at any time, not before (or after) it. */
  date: string;
  /** The row that sets the bound. */
  rule: { id: string; title: BilingualText; citation: string };
  /** Where the period is counted from: the publication day, or a point as planned (or its own earliest day). */
  from: { point: TimelinePoint; date: string; planned: boolean };
  /** The period's length (0 for an order rule: the same day as `from`). */
  count: number;
  /** Calendar days or working days. */
  unit: 'days' | 'workingDays';
  /** Whether this bound decides the point: the latest earliest day (or earliest latest day) of it. */
  binding: boolean;
}

/** The bounds of a draft's timeline if published at a given instant. */
export interface TimelineBounds {
  /** Earliest legal days, per point and rule. */
  earliest: TimelineBound[];
  /** Latest legal days, per point and rule. */
  latest: TimelineBound[];
}

/** The points in the order their bounds are worked out (a later point may count from an earlier one). */
const BOUNDED_POINTS: readonly BoundedPoint[] = ['documentsFrom', 'documentsUntil', 'bidDeadline'];

/** Marks the deciding bound of each point: the latest of the earliest days, or the earliest of the latest. */
function markBinding(bounds: TimelineBound[], pick: 'max' | 'min'): TimelineBound[] {
  const decided = new Map<BoundedPoint, TimelineBound>();
  for (const bound of bounds) {
    const best = decided.get(bound.point);
    if (!best || (pick === 'max' ? bound.date > best.date : bound.date < best.date))
      decided.set(bound.point, bound);
  }
  return bounds.map((bound) => ({ ...bound, binding: decided.get(bound.point) === bound }));
}

/**
 * The earliest and latest legal day of each planned point of a draft published at `publishAt`, from
 * the same rows and the same period counting (87号令第85–86条) that {@link validatePublication} checks.
 *
 * A period counted from the publication starts on the publication day; one counted from another point
 * starts on that point's planned day, or on its own earliest day while the draft has not set it. The
 * order rule puts the first document issue no earlier than the notice day. A point meeting its binding
 * earliest day (and not past its binding latest day) passes every period rule of the table; a day in a
 * year `calendar` does not cover is refused as in validation (calendar.official-schedule).
 */
export function planTimelineBounds(
  input: DraftRulesInput,
  publishAt: Date,
  calendar: WorkingCalendar = PACKAGE_CALENDAR,
): TimelineBounds {
  assertInstant(publishAt, 'publishAt');
  const day = chinaDate(publishAt);
  const rules = RULES.filter((rule) => appliesTo(rule, input, day));
  const planned: Partial<Record<BoundedPoint, string>> = {};
  for (const point of BOUNDED_POINTS) {
    const instant = parseInstant(input.timeline?.[point]);
    if (instant) planned[point] = chinaDate(instant);
  }
  const earliest: TimelineBound[] = [];
  const latest: TimelineBound[] = [];
  const earliestDay = (point: BoundedPoint): string | undefined =>
    earliest
      .filter((bound) => bound.point === point)
      .reduce<string | undefined>(
        (max, bound) => (max === undefined || bound.date > max ? bound.date : max),
        undefined,
      );
  const start = (point: TimelinePoint): TimelineBound['from'] | undefined => {
    if (point === 'publication') return { point, date: day, planned: true };
    const date = planned[point] ?? earliestDay(point);
    return date === undefined ? undefined : { point, date, planned: planned[point] !== undefined };
  };
  const cite = (rule: Rule) => ({ id: rule.id, title: rule.title, citation: rule.citation });
  for (const point of BOUNDED_POINTS) {
    for (const rule of rules) {
      if (rule.kind === 'timelineOrder' && point === 'documentsFrom') {
        earliest.push({
          point,
          date: day,
          rule: cite(rule),
          from: { point: 'publication', date: day, planned: true },
          count: 0,
          unit: 'days',
          binding: false,
        });
      }
      if (rule.kind === 'minPeriod' && rule.to === point) {
        const from = start(rule.from);
        if (!from) continue;
        const date = rule.rollOver
          ? periodEnd(from.date, rule.count, rule.unit, calendar)
          : addCalendarDays(from.date, rule.count);
        earliest.push({
          point,
          date,
          rule: cite(rule),
          from,
          count: rule.count,
          unit: rule.unit,
          binding: false,
        });
      }
      if (rule.kind === 'maxPeriod' && rule.to === point) {
        const from = start(rule.from);
        if (!from) continue;
        const date = addCalendarDays(from.date, rule.count);
        latest.push({
          point,
          date,
          rule: cite(rule),
          from,
          count: rule.count,
          unit: rule.unit,
          binding: false,
        });
      }
    }
  }
  return { earliest: markBinding(earliest, 'max'), latest: markBinding(latest, 'min') };
}

/**
 * Throws a {@link RuleViolationError} (422) listing every broken rule, or returns quietly.
 *
 * The publish use case calls this before writing, so a tender that breaks a rule is never published.
 */
export function assertPublishable(
  input: TenderRulesInput,
  publishAt: Date,
  calendar: WorkingCalendar = PACKAGE_CALENDAR,
): void {
  const issues = validatePublication(input, publishAt, calendar);
  if (issues.length > 0) throw new RuleViolationError(issues);
}

/** Input of {@link planCorrection}. */
export interface CorrectionPlanInput {
  /** The bid deadline now in force (ISO 8601 instant). */
  currentDeadline: string;
  /** The deadline the purchaser asks for, if the correction changes it. */
  requestedDeadline?: string;
  /** Whether the change may affect how bids are prepared (documents, criteria, requirements). */
  affectsBidPreparation: boolean;
  /** When the correction is published. */
  correctionAt: Date;
  /** The working-day calendar to roll the deadline over on (the package's years when omitted). */
  calendar?: WorkingCalendar;
}

/** What {@link planCorrection} decided. */
export interface CorrectionPlan {
  /** The bid deadline after the correction (ISO 8601, UTC). */
  bidDeadline: string;
  /** Whether the deadline was pushed beyond what the purchaser asked for. */
  extended: boolean;
  /** The rule that forced the extension. */
  rule?: { id: string; citation: string };
}

/**
 * The bid deadline after a correction, extended per 87号令第二十七条 when notice is short.
 *
 * A change that may affect bid preparation needs at least 15 days before the deadline; if fewer
 * remain, the deadline moves to the first instant at least 15 days after the correction that keeps the
 * deadline's China-local time of day, rolled over to a working day (87号令第八十五条). A later requested
 * deadline is kept as it is.
 */
export function planCorrection(input: CorrectionPlanInput): CorrectionPlan {
  assertInstant(input.correctionAt, 'correctionAt');
  const current = parseInstant(input.currentDeadline);
  const requested = input.requestedDeadline === undefined ? undefined : parseInstant(input.requestedDeadline);
  const fail = (path: string, zh: string, en: string): never => {
    throw new ValidationError({ zh, en }, [{ path, message: { zh, en } }]);
  };
  if (!current) {
    return fail('currentDeadline', '当前投标截止时间无效', 'The current bid deadline is not a valid instant');
  }
  if (input.requestedDeadline !== undefined && !requested) {
    return fail('bidDeadline', '新的投标截止时间无效', 'The requested bid deadline is not a valid instant');
  }
  const at = input.correctionAt.getTime();
  if (current.getTime() <= at) {
    return fail(
      'currentDeadline',
      '投标截止后不能发布更正公告',
      'A correction cannot be issued after the bid deadline',
    );
  }
  if (requested && requested.getTime() <= at) {
    return fail(
      'bidDeadline',
      '新的投标截止时间须晚于更正时间',
      'The new bid deadline must be after the correction',
    );
  }
  const wanted = requested ?? current;
  const rule = RULES.find((r): r is CorrectionNoticeRule => r.kind === 'correctionNotice');
  if (!input.affectsBidPreparation || !rule) {
    return { bidDeadline: wanted.toISOString(), extended: false };
  }
  const earliest = at + rule.minDays * DAY_MS;
  if (wanted.getTime() >= earliest) {
    return { bidDeadline: wanted.toISOString(), extended: false };
  }
  // Keep the wanted deadline's China-local time of day on the first day that gives the full notice.
  const timeOfDay = wanted.getTime() - chinaMidnight(chinaDate(wanted)).getTime();
  let day = chinaDate(new Date(earliest));
  if (chinaMidnight(day).getTime() + timeOfDay < earliest) day = addCalendarDays(day, 1);
  const calendar = input.calendar ?? PACKAGE_CALENDAR;
  if (!isWorkingDay(day, calendar)) day = nextWorkingDay(day, calendar);
  const deadline = new Date(chinaMidnight(day).getTime() + timeOfDay);
  return {
    bidDeadline: deadline.toISOString(),
    extended: true,
    rule: { id: rule.id, citation: rule.citation },
  };
}

/** The small/micro price deduction an evaluation applies, with the row of the rules table that decides it. */
export interface SmallMicroDeduction {
  /** Percent taken off a small or micro firm's price for evaluation only; 0 for none. */
  percent: number;
  /** The deciding row (`sme.reserved-no-deduction`, `sme.small-micro-deduction.*`), or null when none governs. */
  rule: { id: string; citation: string } | null;
}

/**
 * Whether, and by how much, a tender's evaluation deducts from small/micro firms' prices: the one
 * decision the committee's session and the scoring both take.
 *
 * From the rows in force on the publication day, as the tender was checked against them: a project
 * reserved for SMEs deducts nothing (财库〔2020〕46号第九条); otherwise the stated deduction applies
 * only where a small/micro deduction row governs the method and trade type (competitive government
 * procurement), so a rights transfer's highest price or a single source is never deducted.
 */
export function decideSmallMicroDeduction(input: TenderRulesInput, publishedAt: Date): SmallMicroDeduction {
  const day = chinaDate(publishedAt);
  const governs = (rule: Rule) => appliesTo(rule, input, day);
  if (input.sme.reservedForSme) {
    const rule = RULES.find((r) => r.kind === 'smeReservedNoDeduction' && governs(r));
    return { percent: 0, rule: rule ? { id: rule.id, citation: rule.citation } : null };
  }
  const rule = RULES.find(
    (r) => r.kind === 'smeDeduction' && r.field === 'priceDeductionPercent' && governs(r),
  );
  if (!rule) return { percent: 0, rule: null };
  return { percent: input.sme.priceDeductionPercent ?? 0, rule: { id: rule.id, citation: rule.citation } };
}
