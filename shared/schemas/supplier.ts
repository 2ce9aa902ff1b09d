import * as z from 'zod';
import { isValidCreditCode } from '../domain/credit-code';
import { DaySchema, InstantSchema } from './common';

/** Enterprise scale as declared under 财库〔2020〕46号 (大型 / 中型 / 小型 / 微型). */
export const SUPPLIER_SCALES = ['large', 'medium', 'small', 'micro'] as const;

/** Enterprise scale. */
export const SupplierScaleSchema = z.enum(SUPPLIER_SCALES);

/** A 统一社会信用代码, normalised to upper case and checked against its GB 32100-2015 check character. */
export const CreditCodeSchema = z.string().trim().toUpperCase().refine(isValidCreditCode, {
  error:
    '统一社会信用代码无效（18 位，末位校验码须符合 GB 32100-2015） / Invalid unified social credit code (18 characters with a GB 32100-2015 check character)',
});

/** A phone number as typed: digits, spaces and + - ( ). */
const PhoneSchema = z
  .string()
  .trim()
  .regex(/^[0-9+\-() ]{5,30}$/, { error: '电话号码无效 / invalid phone number' });

/** Body of the profile upsert. */
export const SupplierProfileBodySchema = z
  .object({
    name: z.string().trim().min(2).max(200),
    creditCode: CreditCodeSchema,
    scale: SupplierScaleSchema,
    scaleDeclaredAt: DaySchema.meta({
      description: 'Date of the SME declaration (中小企业声明函), YYYY-MM-DD',
    }),
    contact: z
      .object({
        name: z.string().trim().min(1).max(100),
        phone: PhoneSchema,
        email: z.email().optional(),
      })
      .strict(),
    projectManager: z
      .object({
        name: z.string().trim().min(1).max(100),
        phone: PhoneSchema.optional(),
        certificateNumber: z.string().trim().min(4).max(50).optional().meta({
          description: 'A professional certificate number, e.g. 注册建造师证书编号',
        }),
      })
      .strict()
      .optional()
      .meta({
        description:
          'The project manager (项目负责人) the supplier names in its bids; compared with the other bidders’ (87号令第三十七条第三项)',
      }),
  })
  .strict()
  .meta({ id: 'SupplierProfileInput' });

/** A supplier's profile as stored. */
export const SupplierProfileSchema = SupplierProfileBodySchema.extend({
  orgId: z.string(),
  version: z.number().int().min(1),
  updatedAt: InstantSchema,
}).meta({ id: 'SupplierProfile' });

/** A supplier's profile. */
export type SupplierProfile = z.infer<typeof SupplierProfileSchema>;
/** Enterprise scale. */
export type SupplierScale = z.infer<typeof SupplierScaleSchema>;
