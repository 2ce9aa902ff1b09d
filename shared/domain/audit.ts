import type { Actor, AuditEvent, ChainVerification } from '../schemas/audit';
import { canonicalJson, sha256Hex } from './hashing';

/** The prevHash of a tender's first event: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/** An event before it is hashed into the chain. */
export type UnsealedEvent = Omit<AuditEvent, 'hash' | 'prevHash' | 'seq'>;

/**
 * Computes an event's hash over every field but the hash itself.
 *
 * Why: the hash covers prevHash, so changing any earlier event breaks every later link.
 */
export function hashEvent(event: Omit<AuditEvent, 'hash'>): string {
  return sha256Hex(canonicalJson(event));
}

/** Seals the next event of a chain whose head is `prevHash` at `prevSeq`. */
export function sealEvent(event: UnsealedEvent, prevSeq: number, prevHash: string): AuditEvent {
  const body = { ...event, seq: prevSeq + 1, prevHash };
  return { ...body, hash: hashEvent(body) };
}

/**
 * Verifies a whole chain from the genesis: sequence, links and hashes.
 *
 * Why: a public check that nobody, an operator included, edited or removed an event.
 */
export function verifyChain(events: readonly AuditEvent[]): ChainVerification {
  let prevHash = GENESIS_HASH;
  for (const [index, event] of events.entries()) {
    const broken = (reason: string): ChainVerification => ({
      valid: false,
      length: events.length,
      headHash: events.at(-1)?.hash ?? null,
      brokenAtSeq: event.seq,
      reason,
    });
    if (event.seq !== index + 1) return broken(`sequence gap: expected ${index + 1}, found ${event.seq}`);
    if (event.prevHash !== prevHash) return broken('prevHash does not match the previous event');
    const { hash, ...body } = event;
    if (hashEvent(body) !== hash) return broken('event content does not match its hash');
    prevHash = hash;
  }
  return {
    valid: true,
    length: events.length,
    headHash: events.at(-1)?.hash ?? null,
    brokenAtSeq: null,
    reason: null,
  };
}

/** The scheduler, as an actor of audit events. */
export const SYSTEM_ACTOR: Actor = { sub: 'system:tick', role: 'system' };
