import * as z from 'zod';
import { TenderPathSchema } from '../common';
import { TenderSchema } from '../tender';
import {
  AuctionViewSchema,
  ConfirmDepositBodySchema,
  DepositLedgerLineSchema,
  DepositLedgerSchema,
  MyApplicationSchema,
  PublicQuoteSchema,
  QuoteBodySchema,
  RefundDepositBodySchema,
  RevealReserveBodySchema,
  TransferApplicationBodySchema,
} from '../transfer';
import type { OperationSchemas } from './common';

/** The path of one applicant's ledger line. */
const ApplicantPathSchema = TenderPathSchema.extend({ supplierOrgId: z.string().trim().min(1).max(100) });

/** The paging of the quote history: quotes after a sequence number. */
const QuotePageQuerySchema = z.object({
  afterSeq: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** Schemas of the operations of live land and mining-rights transfers (context `transfers` of the route table). */
export const TRANSFERS_OPERATIONS = {
  getAuction: { params: TenderPathSchema, response: { status: 200, schema: AuctionViewSchema } },
  listQuotes: {
    params: TenderPathSchema,
    query: QuotePageQuerySchema,
    response: {
      status: 200,
      schema: z
        .object({ items: z.array(PublicQuoteSchema), nextAfterSeq: z.number().int().nullable() })
        .strict(),
    },
  },
  placeQuote: {
    params: TenderPathSchema,
    body: QuoteBodySchema,
    response: {
      status: 201,
      schema: z.object({ quote: PublicQuoteSchema, auction: AuctionViewSchema }).strict(),
    },
  },
  revealReserve: {
    params: TenderPathSchema,
    body: RevealReserveBodySchema,
    response: { status: 200, schema: TenderSchema },
  },
  applyForTransfer: {
    params: TenderPathSchema,
    body: TransferApplicationBodySchema,
    response: { status: 201, schema: MyApplicationSchema },
  },
  getMyTransferApplication: {
    params: TenderPathSchema,
    response: { status: 200, schema: MyApplicationSchema },
  },
  getDepositLedger: { params: TenderPathSchema, response: { status: 200, schema: DepositLedgerSchema } },
  decideDeposit: {
    params: ApplicantPathSchema,
    body: ConfirmDepositBodySchema,
    response: { status: 200, schema: DepositLedgerLineSchema },
  },
  recordDepositRefund: {
    params: ApplicantPathSchema,
    body: RefundDepositBodySchema,
    response: { status: 200, schema: DepositLedgerLineSchema },
  },
} as const satisfies Record<string, OperationSchemas>;

/** An id of this context's operations. */
export type TransfersOperationId = keyof typeof TRANSFERS_OPERATIONS;
