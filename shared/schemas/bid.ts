import * as z from 'zod';
import { FenSchema, IdSchema, InstantSchema } from './common';
import { SupplierScaleSchema } from './supplier';

const Hex64 = z
  .string()
  .regex(/^[0-9a-f]{64}$/, { error: '须为 64 位小写十六进制 / must be 64 lowercase hex digits' });

/** A registration (报名) of a supplier for a tender. */
export const RegistrationSchema = z
  .object({
    tenderId: IdSchema,
    supplierOrgId: z.string(),
    supplierName: z.string(),
    supplierScale: SupplierScaleSchema,
    registeredAt: InstantSchema,
  })
  .meta({ id: 'Registration' });

/** A sealed document declared by the SHA-256 and size of its ciphertext. */
export const BidDocumentDeclarationSchema = z
  .object({
    fileName: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .refine((name) => !/[/\\]/.test(name) && ![...name].some((c) => c.charCodeAt(0) < 0x20), {
        error: '文件名不能含路径或控制字符 / no paths or control characters',
      }),
    size: z
      .number()
      .int()
      .min(33)
      .max(200 * 1024 * 1024),
    sha256: Hex64,
  })
  .strict();

/** Body of the create-bid request: commitments and the ciphertext manifest, never a price. */
export const CreateBidBodySchema = z
  .object({
    priceCommitment: Hex64.meta({ description: 'SHA-256(tenderId|supplierId|priceFen|nonce)' }),
    keyCommitment: Hex64.meta({ description: 'SHA-256 of the 32-byte bid key K' }),
    documents: z.array(BidDocumentDeclarationSchema).min(1).max(20),
  })
  .strict()
  .meta({ id: 'CreateBid' });

/** Body of the reveal (解密) request. */
export const RevealBodySchema = z
  .object({
    priceFen: FenSchema.refine((fen) => fen >= 1, { error: '报价须大于 0 / the price must be above 0' }),
    nonce: Hex64,
    key: Hex64.meta({ description: 'The bid key K, hex' }),
  })
  .strict()
  .meta({ id: 'Reveal' });

/** A supplier's answer to the opening record. */
export const OpeningResponseBodySchema = z
  .object({ decision: z.enum(['confirm', 'object']), reason: z.string().trim().min(2).max(2000).optional() })
  .strict()
  .refine((value) => value.decision === 'confirm' || value.reason !== undefined, {
    path: ['reason'],
    error: '提出异议须说明理由 / an objection needs a reason',
  })
  .meta({ id: 'OpeningResponse' });

/** Lifecycle of one bid. */
export const BID_STATUSES = ['draft', 'submitted', 'replaced', 'withdrawn'] as const;

/** A sealed document of a bid. */
export const BidDocumentSchema = z.object({
  id: IdSchema,
  fileName: z.string(),
  size: z.number().int(),
  sha256: Hex64,
  verified: z.boolean(),
  /** The S3 object version pinned at submission (only in a versioned bucket). */
  versionId: z.string().optional(),
});

/** What the server hands the bidder when it accepts a bid. */
export const BidReceiptSchema = z
  .object({
    bidId: IdSchema,
    tenderId: IdSchema,
    submittedAt: InstantSchema,
    manifestDigest: Hex64,
    auditSeq: z.number().int().min(1),
    auditHash: Hex64,
  })
  .meta({ id: 'BidReceipt' });

/** What the bidder revealed at the opening and what the server found. */
export const RevealRecordSchema = z.object({
  priceFen: FenSchema,
  nonce: Hex64,
  keyHex: Hex64,
  revealedAt: InstantSchema,
  priceMatches: z.boolean(),
  keyMatches: z.boolean(),
  documentsDecrypt: z.boolean(),
  /** Whether the stored ciphertexts still hashed to the manifest at the reveal (absent: not checked). */
  documentsIntact: z.boolean().optional(),
  /** SHA-256 of the canonical reveal body, to answer an identical retry with the stored result. */
  requestDigest: Hex64.optional(),
  /**
   * SHA-256 of each document's plaintext by document id, found when the reveal decrypted it: two
   * bidders' identical documents show even when each sealed them with its own key (87号令第三十七条第四项).
   */
  plaintextSha256: z.record(z.string(), Hex64).optional(),
});

/** Why a bid is invalid at the opening. */
export const INVALID_REASONS = {
  notDecrypted: { zh: '未解密', en: 'Not decrypted in the window' },
  mismatch: { zh: '不一致', en: 'Reveal does not match the commitment' },
  undecryptable: { zh: '文件无法解密', en: 'Documents do not decrypt with the revealed key' },
  notReconfirmed: { zh: '未重新确认', en: 'Not re-confirmed after a correction' },
  belowReserve: { zh: '低于底价', en: 'Below the reserve price' },
  tampered: {
    zh: '存储的投标文件被篡改（投标人之外的原因，电子招标投标办法第三十一条）',
    en: 'The stored bid documents were tampered with: a cause other than the bidder (电子招标投标办法第三十一条)',
  },
} as const;

/** A reason a bid is invalid. */
const InvalidReasonSchema = z.enum(Object.keys(INVALID_REASONS) as [keyof typeof INVALID_REASONS]);

/**
 * One reveal attempt as kept on the bid: when, the outcome and why, and a digest of the body.
 *
 * Why no values: a failed attempt's price and key are the bidder's mistakes, not its bid; only the
 * digest is kept (it covers the 256-bit key and nonce, so it reveals nothing of the price).
 */
export const RevealAttemptSchema = z.object({
  at: InstantSchema,
  status: z.enum(['valid', 'invalid']),
  reason: InvalidReasonSchema.nullable(),
  priceMatches: z.boolean(),
  keyMatches: z.boolean(),
  documentsDecrypt: z.boolean(),
  documentsIntact: z.boolean(),
  requestDigest: Hex64,
});

/** A bid as stored: before the opening only commitments and ciphertext hashes. */
export const BidSchema = z
  .object({
    id: IdSchema,
    tenderId: IdSchema,
    supplierOrgId: z.string(),
    supplierName: z.string(),
    supplierScale: SupplierScaleSchema,
    status: z.enum(BID_STATUSES),
    priceCommitment: Hex64,
    keyCommitment: Hex64,
    documents: z.array(BidDocumentSchema),
    createdAt: InstantSchema,
    updatedAt: InstantSchema,
    submittedAt: InstantSchema.optional(),
    confirmedAt: InstantSchema.optional(),
    withdrawnAt: InstantSchema.optional(),
    receipt: BidReceiptSchema.optional(),
    reveal: RevealRecordSchema.optional(),
    /**
     * The contact and project manager of the supplier's profile when it created the bid, so the
     * collusion signs compare what each bidder named then, whatever its profile says later
     * (87号令第三十七条第三项). Absent on bids created before it was kept.
     */
    namedPeople: z
      .array(
        z.object({
          role: z.enum(['contact', 'projectManager']),
          name: z.string(),
          phone: z.string().optional(),
          email: z.string().optional(),
          certificateNumber: z.string().optional(),
        }),
      )
      .optional(),
    /** Every reveal attempt inside the decryption window, in order (电子招标投标办法第三十一条). */
    revealAttempts: z.array(RevealAttemptSchema).optional(),
    version: z.number().int().min(1),
    lastEventHash: Hex64,
  })
  .meta({ id: 'Bid' });

/** One line of the opening record (开标记录). */
export const OpeningEntrySchema = z.object({
  bidId: IdSchema,
  supplierOrgId: z.string(),
  supplierName: z.string(),
  supplierScale: SupplierScaleSchema,
  priceFen: FenSchema.nullable(),
  status: z.enum(['valid', 'invalid']),
  reason: InvalidReasonSchema.nullable(),
  reasonLabel: z.string().nullable(),
  revealedAt: InstantSchema.nullable(),
  /** Every reveal attempt: time, outcome and reason only (never a failed attempt's values). */
  revealAttempts: z.array(RevealAttemptSchema.pick({ at: true, status: true, reason: true })).optional(),
  receiptDigest: Hex64,
  bidChainHead: Hex64,
});

/** A bidder's confirmation of, or objection to, the opening record. */
export const OpeningResponseSchema = z.object({
  supplierOrgId: z.string(),
  decision: z.enum(['confirm', 'object']),
  reason: z.string().optional(),
  at: InstantSchema,
});

/** The opening record (开标记录), published to the bidders when the decryption window closes. */
export const OpeningRecordSchema = z
  .object({
    tenderId: IdSchema,
    bidDeadline: InstantSchema,
    decryptionEndsAt: InstantSchema,
    confirmationEndsAt: InstantSchema,
    publishedAt: InstantSchema,
    entries: z.array(OpeningEntrySchema),
    validCount: z.number().int(),
    responses: z.array(OpeningResponseSchema).default([]),
  })
  .meta({ id: 'OpeningRecord' });

/** A registration. */
export type Registration = z.infer<typeof RegistrationSchema>;
/** A bid. */
export type Bid = z.infer<typeof BidSchema>;
/** A reveal attempt. */
export type RevealAttempt = z.infer<typeof RevealAttemptSchema>;
/** A reason a bid is invalid. */
export type InvalidReason = keyof typeof INVALID_REASONS;
/** A bid receipt. */
export type BidReceipt = z.infer<typeof BidReceiptSchema>;
/** The opening record. */
export type OpeningRecord = z.infer<typeof OpeningRecordSchema>;
/** A line of the opening record. */
export type OpeningEntry = z.infer<typeof OpeningEntrySchema>;
/** A response to the opening record. */
export type OpeningResponse = z.infer<typeof OpeningResponseSchema>;
/** The create-bid body. */
export type CreateBidBody = z.infer<typeof CreateBidBodySchema>;
