import * as z from 'zod';
import { DaySchema, FenSchema, IdSchema, InstantSchema } from './common';
import { SupplierScaleSchema } from './supplier';
import { StatusSchema } from './tender';

/** Body of the award request: the chosen candidate, and a reason when it is not the first in order. */
export const AwardBodySchema = z
  .object({
    bidId: IdSchema,
    outOfOrderReason: z.string().trim().min(5).max(2000).optional().meta({
      description: 'Required when the chosen bid is not the first remaining candidate (87号令第68条)',
    }),
  })
  .strict()
  .meta({ id: 'AwardInput' });

/** The award (确定中标/成交供应商). */
export const AwardSchema = z
  .object({
    tenderId: IdSchema,
    bidId: IdSchema,
    supplierOrgId: z.string(),
    supplierName: z.string(),
    supplierScale: SupplierScaleSchema,
    dealAmountFen: FenSchema.meta({
      description: '成交金额: the winning bidder’s own price, never the deducted one',
    }),
    candidateRank: z.number().int().min(1),
    outOfOrderReason: z.string().optional(),
    deemed: z
      .boolean()
      .meta({ description: 'Chosen by the rule, 5 working days after the report (87号令第68条)' }),
    awardedAt: InstantSchema,
    awardedBy: z.string(),
    reportAt: InstantSchema,
    resultNoticeDueBy: InstantSchema.meta({
      description: 'Result notice deadline: 2 working days (87号令第69条)',
    }),
    resultNoticeAt: InstantSchema,
    lateNotice: z.boolean(),
    contractDueBy: InstantSchema.meta({ description: 'Contract within 30 days of the award (87号令第71条)' }),
  })
  .meta({ id: 'Award' });

/** Body of the contract record. */
export const ContractBodySchema = z
  .object({
    amountFen: FenSchema,
    signedOn: DaySchema,
    document: z
      .object({
        fileName: z.string().trim().min(1).max(200),
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
        size: z
          .number()
          .int()
          .min(1)
          .max(200 * 1024 * 1024),
      })
      .strict(),
  })
  .strict()
  .meta({ id: 'ContractInput' });

/** The contract (合同). */
export const ContractSchema = z
  .object({
    tenderId: IdSchema,
    id: IdSchema,
    amountFen: FenSchema,
    signedOn: DaySchema,
    document: z.object({
      id: IdSchema,
      fileName: z.string(),
      sha256: z.string(),
      size: z.number().int(),
      verified: z.boolean(),
      versionId: z.string().optional().meta({ description: 'S3 object version recorded at the contract' }),
    }),
    recordedAt: InstantSchema,
    recordedBy: z.string(),
    late: z
      .boolean()
      .meta({ description: 'Recorded more than 30 days after the award (flagged, not refused)' }),
  })
  .meta({ id: 'Contract' });

/**
 * The award as the public reads it: the winner, amount and dates, not the user who confirmed it.
 *
 * Why strict: public views name roles and organisations only, and an extra internal field must
 * fail the response check rather than reach the public.
 */
export const PublicAwardSchema = AwardSchema.omit({ awardedBy: true }).strict().meta({ id: 'PublicAward' });

/** The contract as the public reads it: amount, date and the signed document's digest, not the user who recorded it. */
export const PublicContractSchema = ContractSchema.omit({ recordedBy: true })
  .strict()
  .meta({ id: 'PublicContract' });

/** The public result of a tender: the award, 节约资金 (or 溢价 for a rights transfer), the contract. */
export const TenderResultSchema = z
  .object({
    tenderId: IdSchema,
    status: StatusSchema,
    award: PublicAwardSchema,
    dealAmount: z.string().meta({ description: '成交金额 in 万元' }),
    budgetFen: FenSchema.optional(),
    savingsFen: z.number().int().optional().meta({ description: '节约资金 = budget − deal, in 分' }),
    savingsRate: z.string().optional(),
    savings: z.string().optional(),
    startPriceFen: FenSchema.optional(),
    premiumFen: z
      .number()
      .int()
      .optional()
      .meta({ description: '溢价 = deal − start price (起始价), in 分' }),
    premiumRate: z.string().optional(),
    premium: z.string().optional(),
    contract: PublicContractSchema.nullable(),
  })
  .strict()
  .meta({ id: 'TenderResult' });

/** An award. */
export type Award = z.infer<typeof AwardSchema>;
/** A contract. */
export type Contract = z.infer<typeof ContractSchema>;
/** The public view of an award. */
export type PublicAward = z.infer<typeof PublicAwardSchema>;
/** The public view of a contract. */
export type PublicContract = z.infer<typeof PublicContractSchema>;
/** The public result of a tender. */
export type TenderResult = z.infer<typeof TenderResultSchema>;
