import type { z } from 'zod';
import { createHandler } from '../shared/http/create-handler';
import type { IdSchema, TenderPathSchema } from '../shared/schemas/common';
import { TENDERS_OPERATIONS } from '../shared/schemas/operations/tenders';
import { getTenderDocumentLink } from '../shared/usecases/read-tenders';

/** GET /api/tenders/{tenderId}/documents/{documentId} — a presigned download link, after publication. */
export const handler = createHandler(TENDERS_OPERATIONS, 'getTenderDocument', async (ctx) => ({
  body: await getTenderDocumentLink(ctx.params, ctx.deps),
}));

/** Keeps zod's type import used for declaration emit of the extended schema. */
export type DocumentPath = z.infer<
  ReturnType<typeof TenderPathSchema.extend<{ documentId: typeof IdSchema }>>
>;
