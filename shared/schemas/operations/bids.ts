import * as z from 'zod';
import { AuditPageQuerySchema, BidAuditLogSchema } from '../audit';
import {
  BidReceiptSchema,
  BidSchema,
  CreateBidBodySchema,
  OpeningRecordSchema,
  OpeningResponseBodySchema,
  RegistrationSchema,
  RevealBodySchema,
} from '../bid';
import { IdSchema, PageQuerySchema, pageOf, TenderPathSchema } from '../common';
import { IdempotentHeadersSchema } from '../headers';
import { SupplierProfileBodySchema, SupplierProfileSchema } from '../supplier';
import { MySupplierTenderSchema } from '../supplier-tender';

import { DocumentLinkSchema, type OperationSchemas, PresignedUploadSchema } from './common';

/** The path of one bid. */
const BidPathSchema = TenderPathSchema.extend({ bidId: IdSchema });

/** Schemas of the operations of the suppliers' registrations, sealed bids and the opening (context `bids` of the route table). */
export const BIDS_OPERATIONS = {
  getMySupplierProfile: { response: { status: 200, schema: SupplierProfileSchema } },
  putMySupplierProfile: {
    body: SupplierProfileBodySchema,
    response: { status: 200, schema: SupplierProfileSchema },
  },
  listMySupplierTenders: {
    query: PageQuerySchema,
    response: { status: 200, schema: pageOf(MySupplierTenderSchema).strict() },
  },
  registerForTender: { params: TenderPathSchema, response: { status: 201, schema: RegistrationSchema } },
  listRegistrations: {
    params: TenderPathSchema,
    response: { status: 200, schema: z.object({ items: z.array(RegistrationSchema) }) },
  },
  createBid: {
    params: TenderPathSchema,
    body: CreateBidBodySchema,
    headers: IdempotentHeadersSchema,
    response: {
      status: 201,
      schema: z.object({
        bid: BidSchema,
        uploads: z.array(PresignedUploadSchema.extend({ documentId: IdSchema, fileName: z.string() })),
      }),
    },
  },
  listBids: {
    params: TenderPathSchema,
    response: { status: 200, schema: z.object({ items: z.array(BidSchema) }) },
  },
  listMyBids: {
    params: TenderPathSchema,
    response: {
      status: 200,
      schema: z.object({
        items: z.array(BidSchema.extend({ needsReconfirmation: z.boolean(), current: z.boolean() })),
      }),
    },
  },
  submitBid: { params: BidPathSchema, response: { status: 200, schema: BidReceiptSchema } },
  withdrawBid: { params: BidPathSchema, response: { status: 200, schema: BidSchema } },
  reconfirmBid: { params: BidPathSchema, response: { status: 200, schema: BidSchema } },
  revealBid: {
    params: BidPathSchema,
    body: RevealBodySchema,
    response: {
      status: 200,
      schema: z.object({
        priceMatches: z.boolean(),
        keyMatches: z.boolean(),
        documentsDecrypt: z.boolean(),
        status: z.enum(['valid', 'invalid']),
        documentsIntact: z.boolean().optional(),
        reason: z.string().nullable().optional(),
        attempt: z.number().int().min(1).optional(),
      }),
    },
  },
  getBidAudit: {
    params: BidPathSchema,
    query: AuditPageQuerySchema,
    response: { status: 200, schema: BidAuditLogSchema },
  },
  getBidDocument: {
    params: BidPathSchema.extend({ documentId: IdSchema }),
    response: { status: 200, schema: DocumentLinkSchema },
  },
  getOpeningRecord: { params: TenderPathSchema, response: { status: 200, schema: OpeningRecordSchema } },
  respondToOpening: {
    params: TenderPathSchema,
    body: OpeningResponseBodySchema,
    response: { status: 200, schema: OpeningRecordSchema },
  },
} as const satisfies Record<string, OperationSchemas>;
