/**
 * The portal's vocabulary: procurement methods, trade types, categories and evaluation methods with
 * their Chinese and English names, and the fields a correction may never change.
 *
 * Why apart from the rules table: the schemas and the web client need these names, not the rules'
 * calendar arithmetic; keeping them in a leaf module keeps the calendar out of the client's bundle.
 * `rules.ts` re-exports all of them.
 */

import type { BilingualText } from './errors';

/** Procurement and transfer methods the portal trades with. */
export const PROCUREMENT_METHODS = [
  'openTender',
  'invitedTender',
  'competitiveNegotiation',
  'competitiveConsultation',
  'inquiry',
  'singleSource',
  'listing',
  'auction',
] as const;

/** A procurement or transfer method. */
export type ProcurementMethod = (typeof PROCUREMENT_METHODS)[number];

/** Method labels in both languages. */
export const PROCUREMENT_METHOD_LABELS: Readonly<Record<ProcurementMethod, BilingualText>> = {
  openTender: { zh: '公开招标', en: 'Open tender' },
  invitedTender: { zh: '邀请招标', en: 'Invited tender' },
  competitiveNegotiation: { zh: '竞争性谈判', en: 'Competitive negotiation' },
  competitiveConsultation: { zh: '竞争性磋商', en: 'Competitive consultation' },
  inquiry: { zh: '询价', en: 'Request for quotations' },
  singleSource: { zh: '单一来源', en: 'Single source' },
  listing: { zh: '挂牌', en: 'Listing' },
  auction: { zh: '拍卖', en: 'Auction' },
};

/** Methods of government procurement (政府采购法第二十六条, plus 竞争性磋商 recognised by 财库〔2014〕214号). */
export const GOVERNMENT_PROCUREMENT_METHODS = [
  'openTender',
  'invitedTender',
  'competitiveNegotiation',
  'competitiveConsultation',
  'inquiry',
  'singleSource',
] as const satisfies readonly ProcurementMethod[];

/** Methods of land-use and mining rights transfers (挂牌/拍卖). */
export const RIGHTS_TRANSFER_METHODS = ['listing', 'auction'] as const satisfies readonly ProcurementMethod[];

/** Government methods where suppliers compete, so SME reservations and price deductions matter. */
export const COMPETITIVE_GOVERNMENT_METHODS = [
  'openTender',
  'invitedTender',
  'competitiveNegotiation',
  'competitiveConsultation',
  'inquiry',
] as const satisfies readonly ProcurementMethod[];

/** Tender methods governed by 政府采购法第三十五条 and 87号令. */
export const TENDER_METHODS = ['openTender', 'invitedTender'] as const satisfies readonly ProcurementMethod[];

/** Trade types: government procurement and rights transfers. */
export const TRADE_TYPES = ['governmentProcurement', 'landUseRights', 'miningRights'] as const;

/** A trade type. */
export type TradeType = (typeof TRADE_TYPES)[number];

/** Trade type labels in both languages. */
export const TRADE_TYPE_LABELS: Readonly<Record<TradeType, BilingualText>> = {
  governmentProcurement: { zh: '政府采购', en: 'Government procurement' },
  landUseRights: { zh: '国有建设用地使用权出让', en: 'Land-use rights transfer' },
  miningRights: { zh: '矿业权出让', en: 'Mining rights transfer' },
};

/** Rights-transfer trade types. */
export const RIGHTS_TRADE_TYPES = ['landUseRights', 'miningRights'] as const satisfies readonly TradeType[];

/** Procurement categories (政府采购法第二条). */
export const CATEGORIES = ['goods', 'works', 'services'] as const;

/** A procurement category. */
export type Category = (typeof CATEGORIES)[number];

/** Category labels in both languages. */
export const CATEGORY_LABELS: Readonly<Record<Category, BilingualText>> = {
  goods: { zh: '货物', en: 'Goods' },
  works: { zh: '工程', en: 'Works' },
  services: { zh: '服务', en: 'Services' },
};

/** Evaluation methods: the two of 87号令第五十三条, and highest price for rights transfers. */
export const EVALUATION_METHODS = ['comprehensive', 'lowestPrice', 'highestPrice'] as const;

/** An evaluation method. */
export type EvaluationMethod = (typeof EVALUATION_METHODS)[number];

/** Evaluation method labels in both languages. */
export const EVALUATION_METHOD_LABELS: Readonly<Record<EvaluationMethod, BilingualText>> = {
  comprehensive: { zh: '综合评分法', en: 'Comprehensive scoring' },
  lowestPrice: { zh: '最低评标价法', en: 'Lowest evaluated price' },
  highestPrice: { zh: '价高者得', en: 'Highest price' },
};

/**
 * Fields of a tender's content that a correction may never change (87号令第二十七条).
 *
 * The correction use case rejects a change to any of them; they define what is being procured and who
 * may bid.
 */
export const CORRECTION_IMMUTABLE_FIELDS = [
  'title',
  'category',
  'tradeType',
  'method',
  'budgetFen',
  'qualifications',
] as const;

/** The rule behind {@link CORRECTION_IMMUTABLE_FIELDS}, for error messages. */
export const CORRECTION_IMMUTABLE_RULE = {
  id: 'correction.immutable-fields',
  citation: '87号令第二十七条',
} as const;

/** Where a live rights transfer stands (DESIGN.md section 9). */
export const AUCTION_PHASES = ['notStarted', 'listing', 'preparation', 'countdown', 'closed'] as const;

/** A phase of a live rights transfer. */
export type AuctionPhase = (typeof AUCTION_PHASES)[number];

/** The phases' names in both languages. */
export const AUCTION_PHASE_LABELS: Readonly<Record<AuctionPhase, BilingualText>> = {
  notStarted: { zh: '未开始', en: 'Not started' },
  listing: { zh: '挂牌报价', en: 'Listing' },
  preparation: { zh: '网上拍卖准备', en: 'Preparing the auction' },
  countdown: { zh: '限时竞价', en: 'Timed bidding' },
  closed: { zh: '竞价结束', en: 'Closed' },
};

/**
 * Status names where a live listing or auction (DESIGN.md section 9) calls a step otherwise:
 * 出让中 rather than 招标中, 已成交 rather than 已中标, 流拍 rather than 废标. Keys are lifecycle
 * statuses (`lifecycle.ts`); the procedure profile reads this, so does the web client.
 */
export const TRANSFER_STATUS_LABELS: Readonly<Record<string, BilingualText>> = {
  tendering: { zh: '出让中', en: 'Open for bidders' },
  awarding: { zh: '待公开底价', en: 'Awaiting the reserve' },
  awarded: { zh: '已成交', en: 'Sold' },
  complete: { zh: '已成交（合同已登记）', en: 'Sold (contract recorded)' },
  failed: { zh: '流拍', en: 'Not sold' },
};
