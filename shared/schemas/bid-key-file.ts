import * as z from 'zod';
import { FenSchema, IdSchema, InstantSchema } from './common';

const Hex64 = z
  .string()
  .regex(/^[0-9a-f]{64}$/, { error: '须为 64 位小写十六进制 / must be 64 lowercase hex digits' });

/** The format tag of a bid key file, version 1. */
export const BID_KEY_FILE_FORMAT = 'ggzy-bid-key/1';

/**
 * The 投标密钥文件: everything a bidder needs to reveal its sealed bid at the opening (price, nonce,
 * key) and to check what it sent (commitments and the sealed documents' hashes).
 *
 * Why a schema: the browser writes it before anything is sent and reads it back at the opening, maybe
 * on another machine; a file for another tender or bid must be refused before it is used.
 */
export const BidKeyFileSchema = z
  .object({
    format: z.literal(BID_KEY_FILE_FORMAT),
    tenderId: IdSchema,
    supplierId: z.string().min(1).max(200),
    bidId: IdSchema.nullable(),
    priceFen: FenSchema.refine((fen) => fen >= 1, { error: '报价须大于 0 / the price must be above 0' }),
    keyHex: Hex64,
    nonce: Hex64,
    priceCommitment: Hex64,
    keyCommitment: Hex64,
    documents: z
      .array(z.object({ name: z.string().min(1), sha256: Hex64, size: z.number().int().min(33) }).strict())
      .min(1),
    createdAt: InstantSchema,
  })
  .strict();

/** A bid key file. */
export type BidKeyFile = z.infer<typeof BidKeyFileSchema>;
