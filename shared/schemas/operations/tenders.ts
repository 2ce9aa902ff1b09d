import * as z from 'zod';
import { IdSchema, PageQuerySchema, pageOf, TenderPathSchema } from '../common';
import { ConditionalHeadersSchema, IdempotentHeadersSchema } from '../headers';
import {
  AddDocumentBodySchema,
  CancelBodySchema,
  CorrectionBodySchema,
  CreateTenderBodySchema,
  TenderDocumentSchema,
  TenderSchema,
  UpdateTenderBodySchema,
} from '../tender';
import { CheckTenderDraftBodySchema, TenderDraftCheckSchema } from '../tender-checks';

import { DocumentLinkSchema, type OperationSchemas, PresignedUploadSchema } from './common';

/** The path of one tender document. */
const DocumentPathSchema = TenderPathSchema.extend({ documentId: IdSchema });

/** Schemas of the operations of the purchasing unit's tenders and their documents (context `tenders` of the route table). */
export const TENDERS_OPERATIONS = {
  createTender: {
    body: CreateTenderBodySchema,
    headers: IdempotentHeadersSchema,
    response: { status: 201, schema: TenderSchema },
  },
  updateTender: {
    params: TenderPathSchema,
    body: UpdateTenderBodySchema,
    headers: ConditionalHeadersSchema,
    response: { status: 200, schema: TenderSchema },
  },
  checkTenderDraft: {
    body: CheckTenderDraftBodySchema,
    response: { status: 200, schema: TenderDraftCheckSchema },
  },
  publishTender: {
    params: TenderPathSchema,
    headers: ConditionalHeadersSchema,
    response: { status: 200, schema: TenderSchema },
  },
  correctTender: {
    params: TenderPathSchema,
    body: CorrectionBodySchema,
    headers: ConditionalHeadersSchema,
    response: { status: 200, schema: TenderSchema },
  },
  cancelTender: {
    params: TenderPathSchema,
    body: CancelBodySchema,
    headers: ConditionalHeadersSchema,
    response: { status: 200, schema: TenderSchema },
  },
  addTenderDocument: {
    params: TenderPathSchema,
    body: AddDocumentBodySchema,
    response: {
      status: 201,
      schema: z.object({ document: TenderDocumentSchema, upload: PresignedUploadSchema }),
    },
  },
  getTenderDocument: {
    params: DocumentPathSchema,
    response: {
      status: 200,
      schema: DocumentLinkSchema,
    },
  },
  listMyTenders: { query: PageQuerySchema, response: { status: 200, schema: pageOf(TenderSchema) } },
  getMyTender: { params: TenderPathSchema, response: { status: 200, schema: TenderSchema } },
} as const satisfies Record<string, OperationSchemas>;
