import { ValidationError } from '../domain/errors';
import type { EventStretch, EventWindow, PageRequest } from '../ports/tender-repository';
import { AUDIT_PAGE_MAX, type AuditPage, type ChainVerification, type SealedEvent } from '../schemas/audit';
import { GENESIS_HASH, hashMatches, verifyChainFrom } from './audit-chain';

/** Which chain a cursor belongs to: a tender's own chain, or one bid's. */
export type ChainRef = { kind: 'tender'; tenderId: string } | { kind: 'bid'; bidId: string };

/** The id a cursor carries for its chain. */
function chainKey(chain: ChainRef): string {
  return chain.kind === 'tender' ? `T#${chain.tenderId}` : `B#${chain.bidId}`;
}

/** The 400 for a cursor that belongs to no page of this chain (same words as the lists' cursors). */
function invalidAuditCursor(cause?: unknown): ValidationError {
  return new ValidationError(
    { zh: '分页游标无效', en: 'Invalid cursor' },
    [
      {
        path: 'query.cursor',
        message: { zh: '分页游标无效或已过期', en: 'The cursor is invalid for this list' },
      },
    ],
    cause === undefined ? {} : { cause },
  );
}

/**
 * The cursor of the page after the event at `afterSeq` of a chain: opaque, URL-safe.
 *
 * Why it names a seq and nothing else: the next page reads that event by key and re-hashes it, so
 * a cursor can choose where a page starts but never what it is verified against.
 */
export function encodeAuditCursor(chain: ChainRef, afterSeq: number): string {
  return Buffer.from(JSON.stringify({ c: chainKey(chain), after: afterSeq }), 'utf8').toString('base64url');
}

/**
 * The seq a cursor starts after (0 without a cursor); a 400 for a cursor of another chain, or one
 * that is not before the chain's recorded head (no page this chain gave can name such a seq).
 */
export function decodeAuditCursor(cursor: string | undefined, chain: ChainRef, headSeq: number): number {
  if (cursor === undefined) return 0;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch (cause) {
    throw invalidAuditCursor(cause);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalidAuditCursor();
  const { c, after, ...rest } = parsed as Record<string, unknown>;
  const ok =
    Object.keys(rest).length === 0 &&
    c === chainKey(chain) &&
    typeof after === 'number' &&
    Number.isSafeInteger(after) &&
    after >= 1 &&
    after < headSeq;
  if (!ok) throw invalidAuditCursor();
  return after as number;
}

/** One page of an audit chain, verified as far as the page can tell. */
export interface AuditChainPage {
  /** The page's events, in seq order (with restricted records if they were asked for). */
  events: SealedEvent[];
  /** The page's verification (see {@link readAuditPage}). */
  verification: ChainVerification;
  /** Where the page sits in its chain and what it was verified against. */
  page: AuditPage;
  /** The cursor of the next page, or null on the last. */
  nextCursor: string | null;
}

/**
 * Reads one page of an audit chain and verifies it: its events link to each other, its first to
 * the event before it (read by key and re-hashed, so a tampered last event of the previous page
 * also breaks this page's link), and on the last page the chain reaches the recorded head.
 *
 * Why per page: the cost of a page is one Query with a Limit and one GetItem, whatever the log's
 * length, and the verification needs nothing beyond them; a client that concatenates every page
 * re-verifies the whole chain from the genesis with {@link verifyChainFrom}'s whole-chain form
 * (verifyChain) and compares its last hash with the last page's `recordedHead`. The read never
 * asks past the recorded head, so the page and the head it is checked against are one snapshot.
 */
export async function readAuditPage(spec: {
  chain: ChainRef;
  head: { seq: number; hash: string };
  page: PageRequest | undefined;
  restricted: boolean;
  read: (window: EventWindow) => Promise<EventStretch>;
}): Promise<AuditChainPage> {
  const { chain, head } = spec;
  const owner = chain.kind;
  const afterSeq = decodeAuditCursor(spec.page?.cursor, chain, head.seq);
  const limit = Math.min(spec.page?.limit ?? AUDIT_PAGE_MAX, head.seq - afterSeq);
  const { previous, events, lastStoredSeq } = await spec.read({
    afterSeq,
    limit,
    restricted: spec.restricted,
  });
  const more = events.length === limit && lastStoredSeq !== null && lastStoredSeq < head.seq;
  const nextCursor = more ? encodeAuditCursor(chain, lastStoredSeq) : null;
  const previousHash = afterSeq === 0 ? GENESIS_HASH : (previous?.hash ?? null);
  const last = events.at(-1);
  const brokenBefore = (reason: string): ChainVerification => ({
    valid: false,
    length: events.length,
    headHash: last?.hash ?? null,
    brokenAtSeq: afterSeq,
    reason,
  });
  let verification: ChainVerification;
  if (afterSeq > 0 && !previous) verification = brokenBefore('the event before this page is missing');
  else if (previous && (previous.seq !== afterSeq || !hashMatches(previous)))
    verification = brokenBefore('the event before this page does not match its hash');
  else verification = verifyChainFrom(events, { seq: afterSeq, hash: previousHash ?? GENESIS_HASH });
  const reached = last ?? previous;
  if (!more && verification.valid && (reached?.seq !== head.seq || reached.hash !== head.hash)) {
    verification = {
      ...verification,
      valid: false,
      brokenAtSeq: (reached?.seq ?? afterSeq) + 1,
      reason: `the chain head does not match the ${owner} (events missing at the end)`,
    };
  }
  return {
    events,
    verification,
    page: {
      fromSeq: afterSeq + 1,
      previousHash,
      recordedHead: { seq: head.seq, hash: head.hash },
      headChecked: !more,
    },
    nextCursor,
  };
}
