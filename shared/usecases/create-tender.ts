import { IdempotencyKeyUsedError, NotFoundError } from '../domain/errors';
import { canonicalJson, sha256Hex } from '../domain/hashing';
import type { Deps } from '../ports/deps';
import type { Tender, TenderContent } from '../schemas/tender';
import { GENESIS_HASH, sealEvent } from './audit-chain';
import type { Caller } from './tender-change';

/** How long an Idempotency-Key is remembered. */
const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/** How often a request that lost an idempotency race looks for the winner's result. */
const REPLAY_ATTEMPTS = 5;

/** Input of {@link createTender}. */
export interface CreateTenderInput {
  /** The purchasing unit's signed-in user. */
  caller: Caller;
  /** The validated draft content. */
  content: TenderContent;
  /** The client's Idempotency-Key, if sent. */
  idempotencyKey?: string | undefined;
}

/** Result of {@link createTender}: the draft, and whether it was an earlier request's result. */
export interface CreateTenderResult {
  /** The draft tender. */
  tender: Tender;
  /** True when the Idempotency-Key had been used with this same body before. */
  replayed: boolean;
}

/**
 * Creates a draft tender with its first audit event.
 *
 * Why the idempotency record is written in the same transaction: a retried request after a lost
 * response must find the draft it created, and two racing retries must create exactly one.
 */
export async function createTender(input: CreateTenderInput, deps: Deps): Promise<CreateTenderResult> {
  const requestHash = sha256Hex(canonicalJson(input.content));
  const key = input.idempotencyKey;
  const now = deps.clock.now();
  if (key) {
    const replay = await findReplay(deps, input.caller.orgId, key, requestHash, now);
    if (replay) return { tender: replay, replayed: true };
  }
  const at = now.toISOString();
  const id = deps.newId();
  const event = sealEvent(
    {
      tenderId: id,
      type: 'tender.created',
      at,
      actor: input.caller,
      // The draft stays private: the log keeps its digest; the published content is the notice.
      data: { toStatus: 'draft', contentDigest: requestHash },
    },
    0,
    GENESIS_HASH,
  );
  const tender: Tender = {
    id,
    orgId: input.caller.orgId,
    createdBy: input.caller.sub,
    status: 'draft',
    version: 1,
    createdAt: at,
    updatedAt: at,
    correctionCount: 0,
    noticeCount: 0,
    lastEventHash: event.hash,
    documents: [],
    content: input.content,
  };
  try {
    await deps.tenders.create(
      { tender, event },
      key
        ? {
            orgId: input.caller.orgId,
            key,
            requestHash,
            expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_MS).toISOString(),
            claimedAt: at,
          }
        : undefined,
    );
  } catch (error) {
    // A concurrent request with the same key won the race: answer with its result once it lands.
    if (key && error instanceof IdempotencyKeyUsedError) {
      for (let attempt = 0; attempt < REPLAY_ATTEMPTS; attempt += 1) {
        const replay = await findReplay(deps, input.caller.orgId, key, requestHash, now);
        if (replay) return { tender: replay, replayed: true };
        await new Promise((resolve) => setTimeout(resolve, 50 * (attempt + 1)));
      }
    }
    throw error;
  }
  return { tender, replayed: false };
}

async function findReplay(
  deps: Deps,
  orgId: string,
  key: string,
  requestHash: string,
  now: Date,
): Promise<Tender | null> {
  // Past its expiry a record is absent, so the key is new again (the claim then replaces it).
  const record = await deps.tenders.getIdempotency(orgId, key, now);
  if (!record) return null;
  if (record.requestHash !== requestHash) throw new IdempotencyKeyUsedError();
  const tender = await deps.tenders.get(record.resultId);
  if (!tender) throw new NotFoundError({ zh: '幂等键对应的项目', en: 'The tender of this Idempotency-Key' });
  return tender;
}
