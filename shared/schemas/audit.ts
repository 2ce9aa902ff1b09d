import { z } from 'zod';
import { IdSchema, InstantSchema } from './common';

/**
 * Who does something, as a use case names it: the token's subject, organisation and role, the
 * network address the request came from, or the system scheduler.
 *
 * Why not stored as it is: sealing splits it into the public actor (role, organisation) and the
 * restricted record (subject, address), so no public view names a user.
 */
export const ActorSchema = z.object({
  sub: z.string(),
  orgId: z.string().optional(),
  role: z.string(),
  sourceIp: z.string().optional(),
});

/** The 64 hex digits of a SHA-256 digest. */
const DigestSchema = z.string().regex(/^[0-9a-f]{64}$/);

/**
 * The actor as the hash-chained event carries it: role, organisation, and the digest of the
 * restricted record.
 *
 * Why a digest: the public can re-verify the whole chain without seeing who acted or from where;
 * centre staff check the restricted record against it.
 */
export const PublicActorSchema = z
  .object({
    role: z.string(),
    orgId: z.string().optional(),
    restrictedDigest: DigestSchema.meta({
      description: 'SHA-256 of the canonical JSON of the restricted record {salt, sourceIp, sub}',
    }),
  })
  .strict()
  .meta({ id: 'PublicActor' });

/** The actor of events sealed before restricted records existed: its subject is in the hash. */
export const LegacyActorSchema = z
  .object({ sub: z.string(), orgId: z.string().optional(), role: z.string() })
  .strict()
  .meta({ id: 'LegacyActor' });

/**
 * Who acted and from where, kept with the event but outside its hash (电子招标投标办法第四十九条).
 *
 * Why salted: without the random salt anyone could find the subject and address by trying the
 * few likely values against the public digest.
 */
export const RestrictedActorSchema = z
  .object({
    sub: z.string(),
    sourceIp: z
      .string()
      .nullable()
      .meta({ description: 'The caller’s network address; null for the scheduler' }),
    salt: z.string().regex(/^[0-9a-f]{32}$/),
  })
  .strict()
  .meta({ id: 'RestrictedActor' });

/** One event of a tender's hash-chained audit log, as the public sees and verifies it. */
export const AuditEventSchema = z
  .object({
    tenderId: IdSchema,
    bidId: IdSchema.optional().meta({ description: 'Set on the events of a bid’s own chain' }),
    seq: z.number().int().min(1),
    type: z.string(),
    at: InstantSchema,
    actor: z.union([PublicActorSchema, LegacyActorSchema]),
    data: z.record(z.string(), z.unknown()),
    prevHash: DigestSchema,
    hash: DigestSchema,
  })
  .strict()
  .meta({ id: 'AuditEvent' });

/** An event with its restricted record, as centre staff see it. */
export const RestrictedAuditEventSchema = AuditEventSchema.extend({
  restricted: RestrictedActorSchema.nullable().meta({
    description: 'Null for events sealed before restricted records existed',
  }),
  restrictedValid: z
    .boolean()
    .nullable()
    .meta({ description: 'Whether the restricted record matches the event’s restrictedDigest' }),
})
  .strict()
  .meta({ id: 'RestrictedAuditEvent' });

/** The result of verifying a chain. */
export const ChainVerificationSchema = z
  .object({
    valid: z.boolean(),
    length: z.number().int(),
    headHash: z.string().nullable(),
    brokenAtSeq: z.number().int().nullable(),
    reason: z.string().nullable(),
  })
  .strict()
  .meta({ id: 'ChainVerification' });

/** The audit log response. */
export const AuditLogSchema = z
  .object({ tenderId: IdSchema, events: z.array(AuditEventSchema), verification: ChainVerificationSchema })
  .strict()
  .meta({ id: 'AuditLog' });

/** The centre's audit log: the tender's chain and every bid's chain, with restricted records. */
export const RestrictedAuditLogSchema = z
  .object({
    tenderId: IdSchema,
    events: z.array(RestrictedAuditEventSchema),
    verification: ChainVerificationSchema,
    bids: z.array(
      z
        .object({
          bidId: IdSchema,
          events: z.array(RestrictedAuditEventSchema),
          verification: ChainVerificationSchema,
        })
        .strict(),
    ),
  })
  .strict()
  .meta({ id: 'RestrictedAuditLog' });

/** An actor as a use case names it. */
export type Actor = z.infer<typeof ActorSchema>;
/** The actor a sealed event carries. */
export type PublicActor = z.infer<typeof PublicActorSchema>;
/** The restricted record of an event. */
export type RestrictedActor = z.infer<typeof RestrictedActorSchema>;
/** An audit event as hashed and shown to the public. */
export type AuditEvent = z.infer<typeof AuditEventSchema>;
/** An event as sealed and stored: the public event and, apart from it, its restricted record. */
export type SealedEvent = AuditEvent & { restricted?: RestrictedActor | undefined };
/** An event with its restricted record, for centre staff. */
export type RestrictedAuditEvent = z.infer<typeof RestrictedAuditEventSchema>;
/** A chain verification result. */
export type ChainVerification = z.infer<typeof ChainVerificationSchema>;
