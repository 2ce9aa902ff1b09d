import { z } from 'zod';
import { IdSchema, InstantSchema } from './common';

/** Who did something: the token's subject, organisation and role, or the system scheduler. */
export const ActorSchema = z.object({
  sub: z.string(),
  orgId: z.string().optional(),
  role: z.string(),
});

/** One event of a tender's hash-chained audit log. */
export const AuditEventSchema = z
  .object({
    tenderId: IdSchema,
    bidId: IdSchema.optional().meta({ description: 'Set on the events of a bid’s own chain' }),
    seq: z.number().int().min(1),
    type: z.string(),
    at: InstantSchema,
    actor: ActorSchema,
    data: z.record(z.string(), z.unknown()),
    prevHash: z.string().regex(/^[0-9a-f]{64}$/),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .meta({ id: 'AuditEvent' });

/** The result of verifying a chain. */
export const ChainVerificationSchema = z
  .object({
    valid: z.boolean(),
    length: z.number().int(),
    headHash: z.string().nullable(),
    brokenAtSeq: z.number().int().nullable(),
    reason: z.string().nullable(),
  })
  .meta({ id: 'ChainVerification' });

/** The audit log response. */
export const AuditLogSchema = z
  .object({ tenderId: IdSchema, events: z.array(AuditEventSchema), verification: ChainVerificationSchema })
  .meta({ id: 'AuditLog' });

/** An actor. */
export type Actor = z.infer<typeof ActorSchema>;
/** An audit event. */
export type AuditEvent = z.infer<typeof AuditEventSchema>;
/** A chain verification result. */
export type ChainVerification = z.infer<typeof ChainVerificationSchema>;
