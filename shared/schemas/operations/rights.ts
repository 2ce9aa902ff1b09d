import { TenderPathSchema } from '../common';
import {
  AnswerEnquiryBodySchema,
  AskEnquiryBodySchema,
  EnquiryPathSchema,
  enquiryListOf,
  PublicEnquirySchema,
} from '../enquiry';
import type { OperationSchemas } from './common';

/** Schemas of the operations of suppliers' rights (context `rights` of the route table). */
export const RIGHTS_OPERATIONS = {
  askEnquiry: {
    params: TenderPathSchema,
    body: AskEnquiryBodySchema,
    response: { status: 201, schema: PublicEnquirySchema },
  },
  listMyEnquiries: {
    params: TenderPathSchema,
    response: { status: 200, schema: enquiryListOf(PublicEnquirySchema).strict() },
  },
  answerEnquiry: {
    params: EnquiryPathSchema,
    body: AnswerEnquiryBodySchema,
    response: { status: 200, schema: PublicEnquirySchema },
  },
} as const satisfies Record<string, OperationSchemas>;
