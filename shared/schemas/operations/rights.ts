import {
  AnswerChallengeBodySchema,
  AnswerClockPageSchema,
  ChallengeListSchema,
  ChallengePathSchema,
  ChallengeViewSchema,
  FileChallengeBodySchema,
} from '../challenge';
import { PageQuerySchema, TenderPathSchema } from '../common';
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
  fileChallenge: {
    params: TenderPathSchema,
    body: FileChallengeBodySchema,
    response: { status: 201, schema: ChallengeViewSchema },
  },
  listChallenges: { params: TenderPathSchema, response: { status: 200, schema: ChallengeListSchema } },
  answerChallenge: {
    params: ChallengePathSchema,
    body: AnswerChallengeBodySchema,
    response: { status: 200, schema: ChallengeViewSchema },
  },
  listAnswerClocks: { query: PageQuerySchema, response: { status: 200, schema: AnswerClockPageSchema } },
} as const satisfies Record<string, OperationSchemas>;
