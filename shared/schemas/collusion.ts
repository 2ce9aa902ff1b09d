import * as z from 'zod';
import { COLLUSION_SIGN_KINDS, type CollusionSignKind } from '../domain/collusion-items';
import { FenSchema, IdSchema, InstantSchema, TenderPathSchema } from './common';

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);

/** A sign's id: 16 lowercase hex digits, the same for the same inputs. */
export const SignIdSchema = z
  .string()
  .regex(/^[0-9a-f]{16}$/, { error: '无效的迹象编号 / invalid sign id' })
  .meta({ description: 'Stable id of a collusion sign: the same inputs give the same id' });

/** The path of one sign of a tender. */
export const SignPathSchema = TenderPathSchema.extend({ signId: SignIdSchema });

/** The kinds of sign, each evidence of one item of 87号令第三十七条. */
export const CollusionSignKindSchema = z.enum(
  Object.keys(COLLUSION_SIGN_KINDS) as [CollusionSignKind, ...CollusionSignKind[]],
);

const BilingualSchema = z.object({ zh: z.string(), en: z.string() }).strict();

/** An item of 87号令第三十七条. */
const ItemSchema = z
  .number()
  .int()
  .min(1)
  .max(6)
  .meta({ description: 'The item (项) of 87号令第三十七条 the sign is evidence of' });

/** What a sign rests on, by kind. */
export const CollusionEvidenceSchema = z
  .discriminatedUnion('kind', [
    z
      .object({
        kind: z.literal('identicalDocument'),
        basis: z.enum(['ciphertext', 'plaintext']),
        sha256: Hex64,
        documents: z.array(
          z.object({ bidId: IdSchema, documentId: IdSchema, fileName: z.string() }).strict(),
        ),
      })
      .strict(),
    z.object({ kind: z.literal('sameSealingKey'), keyCommitment: Hex64 }).strict(),
    z
      .object({
        kind: z.literal('sameNetworkAddress'),
        sourceIp: z.string(),
        operations: z.array(
          z.object({ bidId: IdSchema, type: z.string(), seq: z.number().int(), at: InstantSchema }).strict(),
        ),
      })
      .strict(),
    z
      .object({
        kind: z.literal('samePerson'),
        matchedOn: z.enum(['phone', 'email', 'certificateNumber']),
        value: z.string(),
        people: z.array(
          z
            .object({ bidId: IdSchema, role: z.enum(['contact', 'projectManager']), name: z.string() })
            .strict(),
        ),
      })
      .strict(),
    z
      .object({
        kind: z.literal('priceProgression'),
        progression: z.enum(['arithmetic', 'geometric']),
        prices: z.array(z.object({ priceFen: FenSchema, bidIds: z.array(IdSchema) }).strict()),
        step: z.string().meta({
          description: 'Arithmetic: the step in 分; geometric: the ratio as an exact fraction `p/q`',
        }),
      })
      .strict(),
    z
      .object({
        kind: z.literal('sameDepositAccount'),
        accountNumber: z.string(),
        accountName: z.string().nullable(),
      })
      .strict(),
  ])
  .meta({ id: 'CollusionEvidence' });

/** One member's finding on one sign, as stored with the committee. */
export const CollusionFindingSchema = z
  .object({
    signId: SignIdSchema,
    expertId: IdSchema,
    item: ItemSchema,
    bidIds: z.array(IdSchema).meta({ description: 'The bids of the sign when the finding was recorded' }),
    collusive: z.boolean(),
    reason: z.string(),
    at: InstantSchema,
  })
  .strict()
  .meta({ id: 'CollusionFinding' });

/** Body of a member's finding on a sign. */
export const CollusionFindingBodySchema = z
  .object({
    collusive: z.boolean().meta({ description: 'true: the bids of the sign are collusive (串通投标)' }),
    reason: z.string().trim().min(2).max(2000),
  })
  .strict()
  .meta({ id: 'CollusionFindingInput' });

/** A finding as a reader sees it: the seat, never the expert, before the result notice. */
const FindingViewSchema = z
  .object({
    seat: z.string().meta({ description: 'The seat digest the public audit log uses (87号令第四十七条)' }),
    mine: z.boolean(),
    collusive: z.boolean(),
    reason: z.string(),
    at: InstantSchema,
  })
  .strict();

/** One sign with its article item, evidence and the findings the reader may see. */
export const CollusionSignViewSchema = z
  .object({
    id: SignIdSchema,
    kind: CollusionSignKindSchema,
    item: ItemSchema,
    citation: z.string().meta({ description: '87号令第三十七条第N项' }),
    title: BilingualSchema,
    bids: z.array(
      z.object({ bidId: IdSchema, supplierOrgId: z.string(), supplierName: z.string() }).strict(),
    ),
    evidence: CollusionEvidenceSchema,
    findings: z.array(FindingViewSchema).meta({
      description: 'Centre staff: every member’s finding; a member: its own only',
    }),
    committeeFinding: z.enum(['collusive', 'notCollusive', 'open']).nullable().meta({
      description:
        'Decided when a majority of the seats agree (87号令第六十一条); null for members, who judge independently',
    }),
  })
  .strict()
  .meta({ id: 'CollusionSign' });

/** The signs of a tender's valid bids and what the platform cannot check. */
export const CollusionSignsSchema = z
  .object({
    tenderId: IdSchema,
    inputsFixedAt: InstantSchema.meta({
      description:
        'When the opening record was published: every input (valid bids, prices, documents, key commitments, named people, bid operations up to this instant) is fixed from then on, so the signs at the opening and before scoring are the same',
    }),
    computedAt: InstantSchema,
    seats: z.number().int().nullable().meta({ description: 'Seats of the committee; null before the draw' }),
    signs: z.array(CollusionSignViewSchema),
    unchecked: z.array(
      z
        .object({
          kind: z.union([CollusionSignKindSchema, z.literal('fileMetadata')]),
          item: ItemSchema,
          citation: z.string(),
          reason: BilingualSchema,
        })
        .strict(),
    ),
  })
  .strict()
  .meta({ id: 'CollusionSigns' });

/** A stored finding. */
export type CollusionFinding = z.infer<typeof CollusionFindingSchema>;
/** The signs response. */
export type CollusionSigns = z.infer<typeof CollusionSignsSchema>;
/** One sign as shown. */
export type CollusionSignView = z.infer<typeof CollusionSignViewSchema>;
