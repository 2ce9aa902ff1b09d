import * as z from 'zod';
import { IdSchema, InstantSchema } from '../common';

/** The schemas of one operation: input to validate, and the success response to document. */
export interface OperationSchemas {
  /** Path parameters. */
  params?: z.ZodType;
  /** Query string. */
  query?: z.ZodType;
  /** JSON body. */
  body?: z.ZodType;
  /** Headers that matter (loose object). */
  headers?: z.ZodType;
  /** The success status and body. */
  response: { status: number; schema?: z.ZodType };
}

/** Which report: a year, optionally narrowed to one month, unit, trade type, category or method. */
export const ReportQuerySchema = z
  .object({
    year: z.coerce.number().int().min(2000).max(2100),
    month: z.coerce.number().int().min(1).max(12).optional(),
    unit: z.string().min(1).max(64).optional(),
    tradeType: z.string().min(1).max(40).optional(),
    category: z.string().min(1).max(40).optional(),
    method: z.string().min(1).max(40).optional(),
  })
  .refine(
    (q) => [q.month, q.unit, q.tradeType, q.category, q.method].filter((v) => v !== undefined).length <= 1,
    {
      error: '一次只能按一个维度筛选 / narrow by at most one of month, unit, tradeType, category, method',
    },
  );

/** A presigned download link of a stored document, as several contexts answer it. */
export const DocumentLinkSchema = z
  .object({
    documentId: IdSchema,
    fileName: z.string(),
    sha256: z.string(),
    size: z.number().int(),
    url: z.string(),
    expiresAt: InstantSchema,
  })
  .strict();

/** A presigned upload slot, as several contexts answer it. */
export const PresignedUploadSchema = z.object({
  url: z.string(),
  method: z.literal('PUT'),
  headers: z.record(z.string(), z.string()),
  expiresAt: InstantSchema,
});
