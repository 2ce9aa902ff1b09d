import * as z from 'zod';
import { IdSchema, InstantSchema, PageQuerySchema } from './common';

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

/** The most events one page of an audit log holds, and the page size when `limit` is not given. */
export const AUDIT_PAGE_MAX = 100;

/**
 * Query of a paged audit log: `limit` (1–100, default 100) and the `cursor` of the previous page.
 *
 * Why the default is the maximum: a caller without `limit` gets the same whole log as before paging
 * for every log up to 100 events, and a longer log costs one flat page per request.
 */
export const AuditPageQuerySchema = PageQuerySchema.extend({
  limit: PageQuerySchema.shape.limit.unwrap().default(AUDIT_PAGE_MAX),
});

/**
 * Where a page sits in its chain and what it was verified against.
 *
 * Why these fields: a page is verified from `previousHash` (the event before it, read by key and
 * re-hashed) to its last event, and on the last page up to the recorded head; a client that
 * concatenates every page's `events` re-verifies the whole chain with the same function from the
 * genesis and compares its last hash with the last page's `recordedHead`.
 */
export const AuditPageSchema = z
  .object({
    fromSeq: z.number().int().min(1).meta({
      description: 'The seq this page starts at: 1 on the first page, the cursor’s event + 1 after',
    }),
    previousHash: DigestSchema.nullable().meta({
      description:
        'The hash the page’s first event must carry as prevHash: 64 zeros on the first page, else the stored hash of event fromSeq − 1 (null if that event is missing)',
    }),
    recordedHead: z
      .object({ seq: z.number().int().min(1), hash: DigestSchema })
      .strict()
      .meta({
        description: 'The chain’s last event as the tender (or bid) records it when the page was read',
      }),
    headChecked: z.boolean().meta({
      description:
        'True on the last page (nextCursor null): `verification` then also holds the chain against recordedHead',
    }),
  })
  .strict()
  .meta({ id: 'AuditPage' });

/** The next-page cursor of an audit log. */
const AuditCursorSchema = z
  .string()
  .nullable()
  .meta({ description: 'Pass as `cursor` for the next page; null on the last page' });

/** What a paged log's verification means, said once for every paged log. */
const PAGE_VERIFICATION_DESCRIPTION =
  'One page of a hash chain, in seq order. `verification` is the page’s: its events link to each other and its first to the event before it (previousHash, itself re-hashed), and on the last page the chain reaches the recorded head. `length` and `headHash` are the page’s; for a log that fits one page, the whole chain’s.';

/** The audit log response: one page of the chain, verified as far as the page can tell. */
export const AuditLogSchema = z
  .object({
    tenderId: IdSchema,
    events: z.array(AuditEventSchema),
    verification: ChainVerificationSchema,
    page: AuditPageSchema,
    nextCursor: AuditCursorSchema,
  })
  .strict()
  .meta({ id: 'AuditLog', description: PAGE_VERIFICATION_DESCRIPTION });

/** A bid's own audit log: one page of its chain, verified as the tender's log is. */
export const BidAuditLogSchema = z
  .object({
    bidId: IdSchema,
    events: z.array(AuditEventSchema),
    verification: ChainVerificationSchema,
    page: AuditPageSchema,
    nextCursor: AuditCursorSchema,
  })
  .strict()
  .meta({ id: 'BidAuditLog', description: PAGE_VERIFICATION_DESCRIPTION });

/**
 * The centre's audit log: one page of the tender's chain and, on the first page, every bid's chain,
 * with restricted records.
 */
export const RestrictedAuditLogSchema = z
  .object({
    tenderId: IdSchema,
    events: z.array(RestrictedAuditEventSchema),
    verification: ChainVerificationSchema,
    page: AuditPageSchema,
    nextCursor: AuditCursorSchema,
    bids: z
      .array(
        z
          .object({
            bidId: IdSchema,
            events: z.array(RestrictedAuditEventSchema),
            verification: ChainVerificationSchema,
          })
          .strict(),
      )
      .meta({
        description:
          'Every bid’s whole chain once the bid deadline has passed, on the first page only (no cursor); later pages carry []',
      }),
  })
  .strict()
  .meta({ id: 'RestrictedAuditLog', description: PAGE_VERIFICATION_DESCRIPTION });

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
/** Where a page of an audit log sits in its chain. */
export type AuditPage = z.infer<typeof AuditPageSchema>;
