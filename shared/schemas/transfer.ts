import * as z from 'zod';
import { AUCTION_PHASES } from '../domain/vocabulary';
import { FenSchema, IdSchema, InstantSchema } from './common';

/** 64 lower-case hex digits: a SHA-256 commitment. */
const CommitmentSchema = z.string().regex(/^[0-9a-f]{64}$/, {
  error: '须为 64 位小写十六进制 / expected 64 lowercase hex digits',
});

/** A land parcel (宗地) as a listing notice describes it (国土资源部令第39号第十七条第一项). */
export const LandParcelSchema = z.strictObject({
  kind: z.literal('land'),
  parcelNo: z.string().trim().min(1).max(60).meta({ description: '宗地编号' }),
  location: z.string().trim().min(2).max(300).meta({ description: '位置、界址' }),
  areaSquareMetres: z.number().positive().max(1e9).meta({ description: '面积（平方米）' }),
  use: z.string().trim().min(2).max(100).meta({ description: '用途' }),
  termYears: z.number().int().min(1).max(70).meta({ description: '使用年期' }),
  planning: z.string().trim().max(1000).default('').meta({ description: '规划指标要求' }),
});

/** A mining-rights block (矿区范围) as a transfer notice describes it. */
export const MiningBlockSchema = z.strictObject({
  kind: z.literal('mining'),
  blockName: z.string().trim().min(2).max(200).meta({ description: '矿区（勘查区）名称' }),
  mineral: z.string().trim().min(1).max(100).meta({ description: '矿种' }),
  coordinates: z
    .array(z.strictObject({ x: z.number(), y: z.number() }))
    .min(3)
    .max(200)
    .meta({ description: '拐点坐标（2000国家大地坐标系）' }),
  areaSquareKilometres: z.number().positive().max(1e6).meta({ description: '面积（平方千米）' }),
  termYears: z.number().int().min(1).max(50).meta({ description: '出让年限' }),
});

/** The timed-bidding numbers of one transfer; absent ones come from the rules table (`transfer.*`). */
export const BiddingRulesSchema = z.strictObject({
  switchWindowMinutes: z.number().int().min(10).max(240).optional(),
  preparationMinutes: z.number().int().min(0).max(120).optional(),
  countdownSeconds: z.number().int().min(60).max(1800).optional(),
  quoteUnitFen: z.number().int().min(1).max(100_000_000).optional(),
});

/**
 * The terms of a live rights transfer (出让公告): the subject, the start price, the increments, the
 * deposit and the bidding rules. The reserve price (底价) is not here: only its commitment is, set
 * before publication and never changed, so nobody reads the reserve before the end.
 */
export const TransferTermsSchema = z.strictObject({
  subject: z.discriminatedUnion('kind', [LandParcelSchema, MiningBlockSchema]),
  startPriceFen: FenSchema.refine((v) => v > 0, {
    error: '起始价须大于 0 / the start price must be positive',
  }),
  incrementFen: FenSchema.refine((v) => v > 0, {
    error: '增价幅度须大于 0 / the increment must be positive',
  }),
  auctionIncrementFen: FenSchema.optional().meta({
    description: '限时竞价阶段的加价幅度; the listing increment when absent (福建网上交易规则第四十三条)',
  }),
  depositFen: FenSchema.meta({ description: '竞买保证金' }),
  reserveCommitment: CommitmentSchema.optional().meta({
    description:
      'SHA-256 of `reserve|tenderId|reservePriceFen|nonce`; absent = no reserve (福建网上交易规则第三十二条)',
  }),
  bidding: BiddingRulesSchema.default({}),
});

/** A phase of a live transfer. */
export const AuctionPhaseSchema = z.enum(AUCTION_PHASES);

/** The quoting state the tender keeps (no bidder's name: bidders are known by 竞买号 only). */
export const AuctionStateSchema = z
  .strictObject({
    currentPriceFen: FenSchema.nullable(),
    leaderBidderNo: z.string().nullable(),
    quoteCount: z.number().int().min(0),
    lastQuoteAt: InstantSchema.nullable(),
    listingFrom: InstantSchema,
    listingUntil: InstantSchema,
    countdownFrom: InstantSchema.nullable(),
    countdownUntil: InstantSchema.nullable(),
    lateBidders: z.array(z.string()),
    closedAt: InstantSchema.optional(),
    reserve: z
      .strictObject({
        priceFen: FenSchema,
        nonce: z.string(),
        matches: z.boolean(),
        revealedAt: InstantSchema,
      })
      .optional()
      .meta({ description: 'The revealed reserve, checked against its commitment, after the end' }),
  })
  .meta({ id: 'AuctionState' });

/** A quote as the public reads it. */
export const PublicQuoteSchema = z
  .strictObject({
    seq: z.number().int().min(1),
    bidderNo: z.string(),
    amountFen: FenSchema,
    at: InstantSchema,
    phase: z.enum(['listing', 'countdown']),
  })
  .meta({ id: 'Quote' });

/** A quote as stored: the public part and the organisation behind the 竞买号 (never public). */
export const QuoteRecordSchema = PublicQuoteSchema.extend({ id: IdSchema, supplierOrgId: z.string() });

/** The live view of a transfer: the state, the phase at the server's instant, what may be quoted. */
export const AuctionViewSchema = z
  .strictObject({
    tenderId: IdSchema,
    title: z.string(),
    method: z.enum(['listing', 'auction']),
    status: z.string(),
    phase: AuctionPhaseSchema,
    phaseLabel: z.string(),
    serverTime: InstantSchema,
    endsAt: InstantSchema,
    startPriceFen: FenSchema,
    incrementFen: FenSchema,
    auctionIncrementFen: FenSchema,
    currentPriceFen: FenSchema.nullable(),
    minimumQuoteFen: FenSchema.nullable(),
    leaderBidderNo: z.string().nullable(),
    quoteCount: z.number().int(),
    listingFrom: InstantSchema,
    listingUntil: InstantSchema,
    countdownFrom: InstantSchema.nullable(),
    countdownUntil: InstantSchema.nullable(),
    rules: z.strictObject({
      switchWindowMinutes: z.number().int(),
      preparationMinutes: z.number().int(),
      countdownSeconds: z.number().int(),
      quoteUnitFen: z.number().int(),
    }),
    reserveCommitment: z.string().nullable(),
    reserve: AuctionStateSchema.shape.reserve,
    recentQuotes: z.array(PublicQuoteSchema),
  })
  .meta({ id: 'AuctionView' });

/** Body of a quote (报价). `expectedPriceFen`: the price the bidder saw, to be told when it moved. */
export const QuoteBodySchema = z
  .strictObject({
    amountFen: FenSchema,
    expectedPriceFen: FenSchema.nullable().optional(),
  })
  .meta({ id: 'QuoteInput' });

/** Body of the reserve reveal, after the end: the reserve and the nonce its commitment was made with. */
export const RevealReserveBodySchema = z
  .strictObject({
    reservePriceFen: FenSchema,
    nonce: z
      .string()
      .regex(/^[0-9a-f]{64}$/, { error: 'nonce 须为 64 位小写十六进制 / 64 lowercase hex digits' }),
  })
  .meta({ id: 'RevealReserve' });

/** How a deposit was paid: a bank transfer, or a bank guarantee (保函). */
export const DepositProofSchema = z.strictObject({
  amountFen: FenSchema,
  payerAccountName: z.string().trim().min(2).max(200).meta({ description: '付款账户名' }),
  payerAccountNo: z
    .string()
    .trim()
    .regex(/^[0-9 -]{6,40}$/, { error: '账号只能含数字、空格和连字符 / digits, spaces and hyphens only' })
    .meta({ description: '付款账号' }),
  kind: z.enum(['bankTransfer', 'guarantee']),
  reference: z.string().trim().min(4).max(80).meta({ description: '银行流水号或保函编号' }),
});

/** Body of a bidder's application (竞买申请) with the deposit paid. */
export const TransferApplicationBodySchema = z
  .strictObject({ deposit: DepositProofSchema })
  .meta({ id: 'TransferApplicationInput' });

/** Body of the centre's confirmation of a deposit, or its refusal with a reason. */
export const ConfirmDepositBodySchema = z
  .strictObject({
    decision: z.enum(['confirm', 'reject']),
    reason: z.string().trim().min(2).max(500).optional(),
  })
  .refine((b) => b.decision === 'confirm' || b.reason !== undefined, {
    path: ['reason'],
    error: '不予确认须说明理由 / a rejection needs a reason',
  })
  .meta({ id: 'ConfirmDepositInput' });

/** Body of the centre's record of a refund. */
export const RefundDepositBodySchema = z
  .strictObject({ reference: z.string().trim().min(4).max(80).meta({ description: '退款流水号' }) })
  .meta({ id: 'RefundDepositInput' });

/** A deposit ledger line (竞买保证金台账): one bidder's application and its deposit. */
export const DepositEntrySchema = z
  .object({
    tenderId: IdSchema,
    supplierOrgId: z.string(),
    supplierName: z.string(),
    appliedAt: InstantSchema,
    status: z.enum(['applied', 'confirmed', 'rejected']),
    bidderNo: z.string().nullable().meta({ description: '竞买号, issued when the deposit is confirmed' }),
    deposit: DepositProofSchema,
    decidedAt: InstantSchema.nullable(),
    decidedBy: z.string().nullable(),
    rejectReason: z.string().nullable(),
    refundedAt: InstantSchema.nullable(),
    refundReference: z.string().nullable(),
    version: z.number().int().min(1),
  })
  .meta({ id: 'DepositEntry' });

/**
 * A ledger line as read: the stored facts and what follows from the transfer's state on the day it
 * is read — held until the end, then the winner's applied to the price and the others' due back
 * within the refund period (福建网上交易规则第四十六条), a refused application's at once
 * (第二十二条第三项) — and whether a refund is late.
 */
export const DepositLedgerLineSchema = DepositEntrySchema.extend({
  settlement: z.enum(['held', 'appliedToPrice', 'refundDue', 'refunded']),
  refundDueOn: z.string().nullable().meta({ description: 'Last day of the refund (China-local date)' }),
  refundLate: z.boolean(),
}).meta({ id: 'DepositLedgerLine' });

/** The centre's ledger of one transfer. */
export const DepositLedgerSchema = z
  .strictObject({
    tenderId: IdSchema,
    depositFen: FenSchema,
    lines: z.array(DepositLedgerLineSchema),
    today: z.string(),
  })
  .meta({ id: 'DepositLedger' });

/** A bidder's own application as it reads it: its status and 竞买号. */
export const MyApplicationSchema = DepositLedgerLineSchema.omit({ decidedBy: true }).meta({
  id: 'MyTransferApplication',
});

/** Terms of a transfer. */
export type TransferTerms = z.infer<typeof TransferTermsSchema>;
/** The stored quoting state. */
export type AuctionStateRecord = z.infer<typeof AuctionStateSchema>;
/** A stored quote. */
export type QuoteRecord = z.infer<typeof QuoteRecordSchema>;
/** A public quote. */
export type PublicQuote = z.infer<typeof PublicQuoteSchema>;
/** The live view. */
export type AuctionView = z.infer<typeof AuctionViewSchema>;
/** A deposit ledger entry. */
export type DepositEntry = z.infer<typeof DepositEntrySchema>;
/** A ledger line as read. */
export type DepositLedgerLine = z.infer<typeof DepositLedgerLineSchema>;
/** The centre's ledger. */
export type DepositLedger = z.infer<typeof DepositLedgerSchema>;

/**
 * The live channel of one transfer: `auction:<tenderId>`. A client subscribes with
 * `?channel=auction:<tenderId>` on the WebSocket URL that `/config.json` names (`live.url`).
 */
export function auctionChannel(tenderId: string): string {
  return `auction:${tenderId}`;
}

/**
 * A channel a client may subscribe to: `auction:<tenderId>` (a ULID). The local gateway refuses the
 * upgrade of any other with 400, and so does the WebSocket API's `$connect` in AWS.
 */
export const LiveChannelSchema = z
  .string()
  .regex(/^auction:[0-9A-HJKMNP-TV-Z]{26}$/, { error: '无效的频道 / invalid channel' })
  .meta({ description: 'auction:<tenderId>' });

/**
 * What the live channel pushes (JSON text frames): the public live view after an accepted quote (the
 * countdown's restart is in `view.countdownUntil`), or after the end, the reserve reveal and the result.
 * No bidder's name, as in the polled view (`GET /api/tenders/{tenderId}/auction`), which stays the
 * fallback: a client that misses a push reads the view again.
 */
export const LiveAuctionMessageSchema = z
  .strictObject({
    type: z.literal('auction'),
    event: z.enum(['quote', 'closed', 'reserve']),
    tenderId: IdSchema,
    view: AuctionViewSchema,
  })
  .meta({ id: 'LiveAuctionMessage' });

/** A message of the live channel. */
export type LiveAuctionMessage = z.infer<typeof LiveAuctionMessageSchema>;
