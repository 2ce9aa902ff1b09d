import * as z from 'zod';
import { FenSchema, IdSchema, InstantSchema } from './common';

const Hex64 = z
  .string()
  .regex(/^[0-9a-f]{64}$/, { error: '须为 64 位小写十六进制 / must be 64 lowercase hex digits' });

/** The format tag of a reserve file, version 1. */
export const RESERVE_FILE_FORMAT = 'ggzy-reserve/1';

/**
 * The 底价文件: what the transferor keeps to reveal its sealed reserve after bidding ends — the
 * reserve, the nonce and the commitment published with the listing (`reserve|tenderId|price|nonce`).
 *
 * Why a file and a schema: the reserve is sealed in the browser and never sent before the end, so the
 * browser hands it to the transferor to keep; at the reveal, a file for another tender, or one whose
 * commitment is not the published one, is refused before anything is sent.
 */
export const ReserveFileSchema = z
  .strictObject({
    format: z.literal(RESERVE_FILE_FORMAT),
    tenderId: IdSchema,
    reservePriceFen: FenSchema.refine((fen) => fen >= 1, {
      error: '底价须大于 0 / the reserve must be above 0',
    }),
    nonce: Hex64,
    commitment: Hex64,
    createdAt: InstantSchema,
  })
  .meta({ id: 'ReserveFile' });

/** A reserve file. */
export type ReserveFile = z.infer<typeof ReserveFileSchema>;
