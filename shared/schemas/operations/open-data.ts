import * as z from 'zod';
import { AuditLogSchema, AuditPageQuerySchema, RestrictedAuditLogSchema } from '../audit';
import { TenderResultSchema } from '../award';
import { CalendarYearListSchema } from '../calendar';
import { PageQuerySchema, pageOf, TenderPathSchema } from '../common';
import { enquiryListOf, PublicEnquirySchema, RestrictedEnquirySchema } from '../enquiry';
import { ListNoticesQuerySchema, NoticeSchema } from '../notice';
import { OcdsReleasePackageSchema } from '../ocds';
import { ListTendersQuerySchema, PublicTenderSchema } from '../tender';
import { TenderTimelineSchema } from '../timeline';
import type { OperationSchemas } from './common';

/** Schemas of the operations of the public reads (open data) (context `open-data` of the route table). */
export const OPEN_DATA_OPERATIONS = {
  listTenders: {
    query: PageQuerySchema.extend(ListTendersQuerySchema.shape),
    response: { status: 200, schema: pageOf(PublicTenderSchema).strict() },
  },
  getTender: { params: TenderPathSchema, response: { status: 200, schema: PublicTenderSchema } },
  getTenderTimeline: { params: TenderPathSchema, response: { status: 200, schema: TenderTimelineSchema } },
  getTenderAudit: {
    params: TenderPathSchema,
    query: AuditPageQuerySchema,
    response: { status: 200, schema: AuditLogSchema },
  },
  getRestrictedTenderAudit: {
    params: TenderPathSchema,
    query: AuditPageQuerySchema,
    response: { status: 200, schema: RestrictedAuditLogSchema },
  },
  listEnquiries: {
    params: TenderPathSchema,
    response: { status: 200, schema: enquiryListOf(PublicEnquirySchema).strict() },
  },
  listRestrictedEnquiries: {
    params: TenderPathSchema,
    response: { status: 200, schema: enquiryListOf(RestrictedEnquirySchema).strict() },
  },
  listNotices: {
    query: PageQuerySchema.extend(ListNoticesQuerySchema.shape),
    response: { status: 200, schema: pageOf(NoticeSchema).strict() },
  },
  getTenderResult: { params: TenderPathSchema, response: { status: 200, schema: TenderResultSchema } },
  getTenderReleases: {
    params: TenderPathSchema,
    response: { status: 200, schema: OcdsReleasePackageSchema },
  },
  listReleases: {
    query: PageQuerySchema,
    response: {
      status: 200,
      schema: OcdsReleasePackageSchema.extend({
        nextCursor: z.string().nullable(),
        links: z.object({ next: z.string() }).strict().optional(),
      }).strict(),
    },
  },
  listCalendarYears: {
    response: { status: 200, schema: CalendarYearListSchema },
  },
} as const satisfies Record<string, OperationSchemas>;
