import * as z from 'zod';

/**
 * Response schemas of the OCDS 1.1 release packages the portal publishes.
 *
 * Why strict objects: the packages are public; a field the mapping adds by mistake (a user, an
 * internal id) must fail the response check instead of reaching the open data.
 */

const ValueSchema = z.object({ amount: z.number(), currency: z.literal('CNY') }).strict();

const PeriodSchema = z.object({ startDate: z.string().optional(), endDate: z.string().optional() }).strict();

const OrganizationReferenceSchema = z.object({ id: z.string(), name: z.string() }).strict();

const PartySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    roles: z.array(z.enum(['buyer', 'procuringEntity', 'tenderer', 'supplier'])),
    details: z
      .object({ scale: z.enum(['micro', 'sme', 'large']) })
      .strict()
      .optional(),
  })
  .strict();

const DocumentSchema = z
  .object({
    id: z.string(),
    documentType: z.string(),
    title: z.string(),
    description: z.string().optional(),
    url: z.string().optional(),
    datePublished: z.string().optional(),
    format: z.string().optional(),
  })
  .strict();

const AmendmentSchema = z
  .object({ id: z.string(), date: z.string(), rationale: z.string().optional(), description: z.string() })
  .strict();

const OcdsTenderSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string().optional(),
    status: z.enum(['planning', 'planned', 'active', 'cancelled', 'unsuccessful', 'complete', 'withdrawn']),
    procuringEntity: OrganizationReferenceSchema,
    value: ValueSchema.optional(),
    minValue: ValueSchema.optional(),
    procurementMethod: z.enum(['open', 'selective', 'limited', 'direct']),
    procurementMethodDetails: z.string(),
    mainProcurementCategory: z.enum(['goods', 'works', 'services']),
    awardCriteria: z.enum(['ratedCriteria', 'priceOnly']),
    awardCriteriaDetails: z.string(),
    submissionMethod: z.array(z.string()),
    eligibilityCriteria: z.string().optional(),
    tenderPeriod: PeriodSchema,
    awardPeriod: PeriodSchema.optional(),
    numberOfTenderers: z.number().int().optional(),
    tenderers: z.array(OrganizationReferenceSchema).optional(),
    documents: z.array(DocumentSchema),
    amendments: z.array(AmendmentSchema).optional(),
    hasEnquiries: z.boolean().optional(),
    enquiries: z
      .array(
        z
          .object({
            id: z.string(),
            date: z.string(),
            description: z.string(),
            answer: z.string().optional(),
            dateAnswered: z.string().optional(),
          })
          .strict(),
      )
      .optional(),
  })
  .strict();

const OcdsAwardSchema = z
  .object({
    id: z.string(),
    status: z.literal('active'),
    date: z.string(),
    value: ValueSchema,
    suppliers: z.array(OrganizationReferenceSchema),
    documents: z.array(DocumentSchema),
  })
  .strict();

const OcdsContractSchema = z
  .object({
    id: z.string(),
    awardID: z.string(),
    status: z.literal('active'),
    value: ValueSchema,
    dateSigned: z.string(),
    documents: z.array(DocumentSchema),
  })
  .strict();

/** One OCDS 1.1 release: the state of a tender at one public notice. */
export const OcdsReleaseSchema = z
  .object({
    ocid: z.string(),
    id: z.string(),
    date: z.string(),
    tag: z.array(
      z.enum([
        'planning',
        'planningUpdate',
        'tender',
        'tenderAmendment',
        'tenderUpdate',
        'tenderCancellation',
        'award',
        'awardUpdate',
        'awardCancellation',
        'contract',
        'contractUpdate',
        'contractAmendment',
        'implementation',
        'implementationUpdate',
        'contractTermination',
        'compiled',
      ]),
    ),
    initiationType: z.literal('tender'),
    language: z.literal('zh'),
    parties: z.array(PartySchema),
    buyer: OrganizationReferenceSchema,
    planning: z
      .object({ budget: z.object({ amount: ValueSchema }).strict() })
      .strict()
      .optional(),
    tender: OcdsTenderSchema,
    awards: z.array(OcdsAwardSchema).optional(),
    contracts: z.array(OcdsContractSchema).optional(),
  })
  .strict()
  .meta({ id: 'OcdsRelease' });

/** An OCDS 1.1 release package. */
export const OcdsReleasePackageSchema = z
  .object({
    uri: z.string(),
    version: z.literal('1.1'),
    extensions: z.array(z.string()),
    publishedDate: z.string(),
    publisher: z.object({ name: z.string() }).strict(),
    license: z.string(),
    publicationPolicy: z.string(),
    releases: z.array(OcdsReleaseSchema),
  })
  .strict()
  .meta({ id: 'OcdsReleasePackage' });
