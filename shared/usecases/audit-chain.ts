import { randomBytes } from 'node:crypto';
import { canonicalJson, sha256Hex } from '../domain/hashing';
import type {
  Actor,
  AuditEvent,
  ChainVerification,
  PublicActor,
  RestrictedActor,
  RestrictedAuditEvent,
  SealedEvent,
} from '../schemas/audit';

/** The prevHash of a tender's first event: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/** An event before it is hashed into the chain: its actor still names the subject and address. */
export interface UnsealedEvent {
  /** The tender. */
  tenderId: string;
  /** Set on the events of a bid's own chain. */
  bidId?: string | undefined;
  /** The event type, e.g. `tender.published`. */
  type: string;
  /** When it happened. */
  at: string;
  /** Who did it, and from where. */
  actor: Actor;
  /** What the event records. */
  data: Record<string, unknown>;
}

/**
 * Computes an event's hash over every public field but the hash itself.
 *
 * Why: the hash covers prevHash, so changing any earlier event breaks every later link; the
 * restricted record is covered through the actor's restrictedDigest, not directly.
 */
export function hashEvent(event: Omit<AuditEvent, 'hash'> & { restricted?: unknown }): string {
  const { restricted: _restricted, ...body } = event;
  return sha256Hex(canonicalJson(body));
}

/** The digest of a restricted record that the public actor carries. */
export function digestRestricted(record: RestrictedActor): string {
  return sha256Hex(canonicalJson(record));
}

/**
 * Splits an actor into the public actor the hash covers and the restricted record kept apart.
 *
 * Why here: every event, of the tender chain and of each bid chain, is sealed through this, so
 * no use case can put a user's subject or network address into a public view.
 */
export function splitActor(
  actor: Actor,
  salt: string = randomBytes(16).toString('hex'),
): { actor: PublicActor; restricted: RestrictedActor } {
  const restricted: RestrictedActor = { sub: actor.sub, sourceIp: actor.sourceIp ?? null, salt };
  return {
    actor: {
      role: actor.role,
      ...(actor.orgId !== undefined ? { orgId: actor.orgId } : {}),
      restrictedDigest: digestRestricted(restricted),
    },
    restricted,
  };
}

/**
 * Seals the next event of a chain whose head is `prevHash` at `prevSeq`.
 *
 * The result carries its restricted record under `restricted`, outside the hash; the
 * repositories store it apart from the public event.
 */
export function sealEvent(
  event: UnsealedEvent,
  prevSeq: number,
  prevHash: string,
  salt?: string,
): AuditEvent & { restricted: RestrictedActor } {
  const { actor, restricted } = splitActor(event.actor, salt);
  const { bidId, ...rest } = event;
  const body: Omit<AuditEvent, 'hash'> = {
    ...rest,
    ...(bidId !== undefined ? { bidId } : {}),
    actor,
    seq: prevSeq + 1,
    prevHash,
  };
  return { ...body, hash: hashEvent(body), restricted };
}

/** The public part of a sealed event: what the hash covers, and the hash. */
export function toPublicEvent(event: SealedEvent): AuditEvent {
  const { restricted: _restricted, ...rest } = event;
  return rest;
}

/**
 * An event with its restricted record and whether the record matches the public digest.
 *
 * Why checked on read: centre staff see at once if a restricted record was edited afterwards.
 */
export function toRestrictedEvent(event: SealedEvent): RestrictedAuditEvent {
  const restricted = event.restricted ?? null;
  const digest = 'restrictedDigest' in event.actor ? event.actor.restrictedDigest : null;
  const restrictedValid = restricted && digest ? digestRestricted(restricted) === digest : null;
  return { ...toPublicEvent(event), restricted, restrictedValid };
}

/**
 * Verifies a whole chain from the genesis: sequence, links and hashes.
 *
 * Why: a public check that nobody, an operator included, edited or removed an event. It needs
 * only the public events; restricted records, if present, are ignored.
 */
export function verifyChain(events: readonly SealedEvent[]): ChainVerification {
  return verifyChainFrom(events, { seq: 0, hash: GENESIS_HASH });
}

/**
 * Verifies a stretch of a chain that follows the event `after` (seq 0 and the genesis hash for a
 * chain's start): sequence, links and hashes, with the same answers as {@link verifyChain}.
 *
 * Why: a page of a long log is verified on its own, linked to the event before it, so its cost does
 * not grow with the log; `after` must itself be trusted (re-hashed) by the caller.
 */
export function verifyChainFrom(
  events: readonly SealedEvent[],
  after: { seq: number; hash: string },
): ChainVerification {
  let prevHash = after.hash;
  for (const [index, event] of events.entries()) {
    const broken = (reason: string): ChainVerification => ({
      valid: false,
      length: events.length,
      headHash: events.at(-1)?.hash ?? null,
      brokenAtSeq: event.seq,
      reason,
    });
    const expected = after.seq + index + 1;
    if (event.seq !== expected) return broken(`sequence gap: expected ${expected}, found ${event.seq}`);
    if (event.prevHash !== prevHash) return broken('prevHash does not match the previous event');
    if (!hashMatches(event)) return broken('event content does not match its hash');
    prevHash = event.hash;
  }
  return {
    valid: true,
    length: events.length,
    headHash: events.at(-1)?.hash ?? null,
    brokenAtSeq: null,
    reason: null,
  };
}

/** Whether an event's content still hashes to its `hash` (its links are not looked at). */
export function hashMatches(event: SealedEvent): boolean {
  const { hash, ...body } = event;
  return hashEvent(body) === hash;
}

/** The scheduler, as an actor of audit events. */
export const SYSTEM_ACTOR: Actor = { sub: 'system:tick', role: 'system' };
