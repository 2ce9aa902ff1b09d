import { ConflictError, IdempotencyKeyUsedError, NotFoundError, UnprocessableError } from '../domain/errors';
import { canonicalJson, sha256Hex } from '../domain/hashing';
import { decryptDocument, keyFromHex, manifestDigest, verifyReveal } from '../domain/sealing';
import type { Deps } from '../ports/deps';
import type { PresignedUpload } from '../ports/document-store';
import type { Bid, BidReceipt, CreateBidBody, InvalidReason, RevealAttempt } from '../schemas/bid';
import type { SupplierProfile } from '../schemas/supplier';
import type { Tender } from '../schemas/tender';
import { GENESIS_HASH, sealEvent } from './audit-chain';
import {
  assertBeforeDeadline,
  bidDocumentKey,
  loadOwnBid,
  needsReconfirmation,
  nextBidState,
  settledValue,
} from './bid-change';
import { logTampering, sealStoredAsDeclared, uploadSlotKey } from './stored-documents';
import { requireProfile } from './suppliers';
import { type Caller, loadPublishedTender } from './tender-change';

/** How long a bid's Idempotency-Key is remembered. */
const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** The bidder's view of one of its bids. */
export type OwnBidView = Bid & { needsReconfirmation: boolean; current: boolean };

/** A bid and where to upload its sealed documents. */
export interface CreatedBid {
  /** The bid draft. */
  bid: Bid;
  /** One presigned PUT per document, bound to its ciphertext's SHA-256. */
  uploads: (PresignedUpload & { documentId: string; fileName: string })[];
  /** True when the Idempotency-Key had been used with this same body before. */
  replayed: boolean;
}

/**
 * One presigned PUT per document, into its upload slot, expiring no later than the bid deadline.
 *
 * Why the deadline: a URL is valid for seconds from signing, so it is computed from the business
 * clock; with less than a second left none is issued (the deadline has passed, in effect).
 */
async function uploadsFor(deps: Deps, tender: Tender, bid: Bid): Promise<CreatedBid['uploads']> {
  const now = deps.clock.now();
  const deadline = assertUploadTimeLeft(tender, now);
  return Promise.all(
    bid.documents.map(async (doc) => ({
      documentId: doc.id,
      fileName: doc.fileName,
      ...(await deps.documents.presignUpload(
        uploadSlotKey(bidDocumentKey(bid.tenderId, bid.id, doc.id)),
        { sha256: doc.sha256, size: doc.size, contentType: 'application/octet-stream' },
        now,
        deadline,
      )),
    })),
  );
}

/** Refuses when less than a whole second is left before the deadline; answers the deadline. */
function assertUploadTimeLeft(tender: Tender, now: Date): Date {
  const deadline = new Date(tender.content.timeline.bidDeadline);
  assertBeforeDeadline(tender, now);
  if (deadline.getTime() - now.getTime() < 1000) assertBeforeDeadline(tender, deadline);
  return deadline;
}

/**
 * Creates a bid draft from the bidder's commitments and its ciphertexts' hashes (DESIGN.md §4).
 *
 * Why no price: the server never holds a price or key before the opening, only commitments, so no
 * operator reading the table or the bucket can learn either.
 */
export async function createBid(
  input: { caller: Caller; tenderId: string; body: CreateBidBody; idempotencyKey?: string | undefined },
  deps: Deps,
): Promise<CreatedBid> {
  // Read together, judged in order: the tender's errors first, then the deadline, a replay, then an
  // unregistered supplier hears so before a missing profile.
  const [publishedTender, registration, supplierProfile] = await Promise.allSettled([
    loadPublishedTender(deps, input.tenderId),
    deps.bids.getRegistration(input.tenderId, input.caller.orgId),
    requireProfile(deps, input.caller),
  ]);
  const tender = settledValue(publishedTender);
  const now = deps.clock.now();
  assertUploadTimeLeft(tender, now);
  const requestHash = sha256Hex(canonicalJson({ tenderId: tender.id, ...input.body }));
  const key = input.idempotencyKey ? `bid:${input.idempotencyKey}` : undefined;
  const replay = key ? await findBidReplay(deps, input.caller, key, requestHash) : null;
  if (replay) return { bid: replay, uploads: await uploadsFor(deps, tender, replay), replayed: true };
  if (!settledValue(registration)) {
    throw new UnprocessableError('not-registered', {
      zh: '请先报名参加该项目',
      en: 'Register for this tender before bidding',
    });
  }
  const profile = settledValue(supplierProfile);
  const at = now.toISOString();
  const id = deps.newId();
  const documents = input.body.documents.map((doc) => ({ id: deps.newId(), ...doc, verified: false }));
  const event = sealEvent(
    {
      tenderId: tender.id,
      bidId: id,
      type: 'bid.created',
      at,
      actor: input.caller,
      data: {
        priceCommitment: input.body.priceCommitment,
        keyCommitment: input.body.keyCommitment,
        documents: documents.map(({ id: docId, fileName, sha256, size }) => ({
          id: docId,
          fileName,
          sha256,
          size,
        })),
      },
    },
    0,
    GENESIS_HASH,
  );
  const bid: Bid = {
    id,
    tenderId: tender.id,
    supplierOrgId: input.caller.orgId,
    supplierName: profile.name,
    supplierScale: profile.scale,
    namedPeople: namedPeopleOf(profile),
    status: 'draft',
    priceCommitment: input.body.priceCommitment,
    keyCommitment: input.body.keyCommitment,
    documents,
    createdAt: at,
    updatedAt: at,
    version: 1,
    lastEventHash: event.hash,
  };
  try {
    await deps.bids.createBid(
      { bid, event },
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
    if (key && error instanceof IdempotencyKeyUsedError) {
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const winner = await findBidReplay(deps, input.caller, key, requestHash);
        if (winner) return { bid: winner, uploads: await uploadsFor(deps, tender, winner), replayed: true };
        await new Promise((resolve) => setTimeout(resolve, 50 * (attempt + 1)));
      }
    }
    throw error;
  }
  return { bid, uploads: await uploadsFor(deps, tender, bid), replayed: false };
}

/** The people a supplier names in its profile: its contact and, if given, its project manager. */
function namedPeopleOf(profile: SupplierProfile): NonNullable<Bid['namedPeople']> {
  const { contact, projectManager } = profile;
  return [
    { role: 'contact', ...contact },
    ...(projectManager ? [{ role: 'projectManager' as const, ...projectManager }] : []),
  ];
}

async function findBidReplay(
  deps: Deps,
  caller: Caller,
  key: string,
  requestHash: string,
): Promise<Bid | null> {
  const record = await deps.tenders.getIdempotency(caller.orgId, key, deps.clock.now());
  if (!record) return null;
  if (record.requestHash !== requestHash) throw new IdempotencyKeyUsedError();
  const [tenderId = '', bidId = ''] = record.resultId.split('/');
  const bid = await deps.bids.getBid(tenderId, bidId);
  if (!bid) throw new NotFoundError({ zh: '幂等键对应的投标', en: 'The bid of this Idempotency-Key' });
  return bid;
}

/**
 * Submits a bid draft: every uploaded ciphertext is copied out of its upload slot and must match its
 * declared hash (its object version is pinned); the bid becomes the
 * supplier's current bid (replacing an earlier one) and the tender's count follows, atomically and
 * only before the deadline. Submitting an accepted bid again answers the same receipt.
 *
 * Why the reads run together: the deadline minute is when a bidder can least afford latency, so
 * the bid, the tender and the supplier's current-bid pointer are read at once, then the documents
 * are re-hashed while the bid being replaced is read. Each outcome is judged in the same order as
 * one read after another would be (the bid's own errors first, then the tender's, the deadline,
 * the documents), so the same request meets the same error. Nothing is copied in storage before
 * the bid, the tender and the deadline have passed their checks.
 */
export async function submitBid(
  input: { caller: Caller; tenderId: string; bidId: string },
  deps: Deps,
): Promise<BidReceipt> {
  const [ownBid, publishedTender, currentBid] = await Promise.allSettled([
    loadOwnBid(deps, input.caller, input.tenderId, input.bidId),
    loadPublishedTender(deps, input.tenderId),
    // The caller's pointer: the bid's supplier once loadOwnBid has passed.
    deps.bids.getCurrentBidId(input.tenderId, input.caller.orgId),
  ]);
  const bid = settledValue(ownBid);
  if (bid.status === 'submitted' && bid.receipt) return bid.receipt;
  if (bid.status !== 'draft') {
    throw new ConflictError({
      zh: `该投标已${bid.status === 'withdrawn' ? '撤回' : '被替换'}`,
      en: `This bid was ${bid.status}`,
    });
  }
  const tender = settledValue(publishedTender);
  const now = deps.clock.now();
  assertBeforeDeadline(tender, now);
  const currentId = currentBid.status === 'fulfilled' ? currentBid.value : null;
  const [sealed, manifest, previousBid] = await Promise.allSettled([
    sealStoredAsDeclared(
      deps,
      bid.documents.map((doc, i) => ({
        ...doc,
        key: bidDocumentKey(bid.tenderId, bid.id, doc.id),
        path: `documents.${i}`,
      })),
      {
        zh: '投标文件未上传或与其哈希不符，投标未提交',
        en: 'Bid documents are missing or do not match their hashes; the bid was not submitted',
      },
    ),
    manifestDigest({
      tenderId: bid.tenderId,
      bidId: bid.id,
      supplierId: bid.supplierOrgId,
      priceCommitment: bid.priceCommitment,
      keyCommitment: bid.keyCommitment,
      documents: bid.documents.map(({ fileName, sha256, size }) => ({ name: fileName, sha256, size })),
    }),
    currentId && currentId !== bid.id ? deps.bids.getBid(bid.tenderId, currentId) : Promise.resolve(null),
  ]);
  const versions = settledValue(sealed);
  const digest = settledValue(manifest);
  settledValue(currentBid);
  const previous = settledValue(previousBid);
  const at = now.toISOString();
  const change = nextBidState(bid, at, {
    eventType: 'bid.submitted',
    actor: input.caller,
    data: { manifestDigest: digest, replaces: currentId },
    mutate: (b) => ({
      ...b,
      status: 'submitted',
      submittedAt: at,
      confirmedAt: at,
      documents: b.documents.map((d) => {
        const versionId = versions.get(bidDocumentKey(b.tenderId, b.id, d.id));
        return { ...d, verified: true, ...(versionId ? { versionId } : {}) };
      }),
    }),
  });
  const receipt: BidReceipt = {
    bidId: bid.id,
    tenderId: bid.tenderId,
    submittedAt: at,
    manifestDigest: digest,
    auditSeq: change.event.seq,
    auditHash: change.event.hash,
  };
  change.bid = { ...change.bid, receipt };
  const replaced = previous
    ? nextBidState(previous, at, {
        eventType: 'bid.replaced',
        actor: input.caller,
        data: { replacedBy: bid.id },
        mutate: (b) => ({ ...b, status: 'replaced' }),
      })
    : undefined;
  await deps.bids.submitBid(change, at, replaced);
  return receipt;
}

/** Withdraws the caller's current bid before the deadline (87号令第34条); the count follows. */
export async function withdrawBid(
  input: { caller: Caller; tenderId: string; bidId: string },
  deps: Deps,
): Promise<Bid> {
  // Read together, judged in order: the bid's errors first, then the tender's.
  const [ownBid, publishedTender] = await Promise.allSettled([
    loadOwnBid(deps, input.caller, input.tenderId, input.bidId),
    loadPublishedTender(deps, input.tenderId),
  ]);
  const bid = settledValue(ownBid);
  const tender = settledValue(publishedTender);
  const now = deps.clock.now();
  assertBeforeDeadline(tender, now);
  if (bid.status !== 'submitted') {
    throw new ConflictError({ zh: '只能撤回已提交的投标', en: 'Only a submitted bid can be withdrawn' });
  }
  const at = now.toISOString();
  const change = nextBidState(bid, at, {
    eventType: 'bid.withdrawn',
    actor: input.caller,
    data: {},
    mutate: (b) => ({ ...b, status: 'withdrawn', withdrawnAt: at }),
  });
  await deps.bids.withdrawBid(change, at);
  return change.bid;
}

/** Re-confirms a submitted bid after a correction that may affect bid preparation. */
export async function reconfirmBid(
  input: { caller: Caller; tenderId: string; bidId: string },
  deps: Deps,
): Promise<Bid> {
  const bid = await loadOwnBid(deps, input.caller, input.tenderId, input.bidId);
  const tender = await loadPublishedTender(deps, input.tenderId);
  const now = deps.clock.now();
  assertBeforeDeadline(tender, now);
  if (!needsReconfirmation(tender, bid)) {
    throw new ConflictError({ zh: '该投标无需重新确认', en: 'This bid does not need re-confirmation' });
  }
  const at = now.toISOString();
  const change = nextBidState(bid, at, {
    eventType: 'bid.reconfirmed',
    actor: input.caller,
    data: { correctionAt: tender.lastAffectingCorrectionAt },
    mutate: (b) => ({ ...b, confirmedAt: at }),
  });
  await deps.bids.saveBid(change, bid.version, { tenderOpenAt: at });
  return change.bid;
}

/** The reveal outcome the bidder sees at once. */
export interface RevealResult {
  /** Whether the price and nonce match the price commitment. */
  priceMatches: boolean;
  /** Whether the key matches the key commitment. */
  keyMatches: boolean;
  /** Whether every sealed document decrypts with the key. */
  documentsDecrypt: boolean;
  /** Whether every stored ciphertext still hashed to the manifest (false: tampered in storage). */
  documentsIntact: boolean;
  /** Valid unless one of the checks failed. */
  status: 'valid' | 'invalid';
  /** Why it is invalid, or null. */
  reason: InvalidReason | null;
  /** Which attempt of this bid this result is (1 for the first). */
  attempt: number;
}

/** The stored result of an earlier attempt with the same body, if any. */
function storedRevealResult(bid: Bid, requestDigest: string): RevealResult | null {
  const attempts = bid.revealAttempts ?? [];
  const index = attempts.findIndex((attempt) => attempt.requestDigest === requestDigest);
  const found = attempts[index];
  if (!found) return null;
  const { priceMatches, keyMatches, documentsDecrypt, documentsIntact, status, reason } = found;
  return { priceMatches, keyMatches, documentsDecrypt, documentsIntact, status, reason, attempt: index + 1 };
}

/** Judges one reveal attempt; a tampered store is the platform's fault, never the bidder's. */
function judgeAttempt(
  check: { priceMatches: boolean; keyMatches: boolean },
  documents: { documentsIntact: boolean; documentsDecrypt: boolean },
): InvalidReason | null {
  if (!check.priceMatches || !check.keyMatches) return 'mismatch';
  if (!documents.documentsIntact) return 'tampered';
  if (!documents.documentsDecrypt) return 'undecryptable';
  return null;
}

/**
 * Reveals (decrypts) the caller's bid inside the decryption window: price, nonce and key are checked
 * against the commitments, every stored ciphertext is re-hashed against the manifest and decrypted
 * (DESIGN.md §4 step 3).
 *
 * Why retries: 电子招标投标办法第三十一条 separates a decryption failure caused by the bidder from one
 * caused by anything else, so one mistyped key must not end the bid. Until a reveal matches the
 * commitments the bidder may try again inside the window; each attempt is kept (time, outcome,
 * reason and a digest, never a failed attempt's values). An identical body answers its stored
 * result; once a reveal matched, another body is refused (409). The database re-checks the window.
 */
export async function revealBid(
  input: { caller: Caller; tenderId: string; bidId: string; priceFen: number; nonce: string; key: string },
  deps: Deps,
): Promise<RevealResult> {
  const bid = await loadOwnBid(deps, input.caller, input.tenderId, input.bidId);
  const requestDigest = sha256Hex(
    canonicalJson({ priceFen: input.priceFen, nonce: input.nonce, key: input.key }),
  );
  const stored = storedRevealResult(bid, requestDigest);
  if (stored) return stored;
  const tender = await loadPublishedTender(deps, input.tenderId);
  const now = deps.clock.now();
  assertDecryptionOpen(tender, now);
  if (bid.status !== 'submitted') {
    throw new ConflictError({
      zh: '只有有效提交的投标可以解密',
      en: 'Only the submitted bid can be revealed',
    });
  }
  if (bid.reveal) {
    throw new ConflictError({
      zh: '该投标已解密，与承诺一致的解密不能更改',
      en: 'This bid has been revealed already; a reveal that matched its commitments cannot be changed',
    });
  }
  const check = await verifyReveal({
    tenderId: bid.tenderId,
    supplierId: bid.supplierOrgId,
    priceFen: input.priceFen,
    nonce: input.nonce,
    keyHex: input.key,
    priceCommitment: bid.priceCommitment,
    keyCommitment: bid.keyCommitment,
  });
  const matched = check.priceMatches && check.keyMatches;
  const { plaintextSha256, ...documents } = matched
    ? await openDocuments(deps, bid, input.key)
    : { documentsIntact: true, documentsDecrypt: false, plaintextSha256: {} };
  const reason = judgeAttempt(check, documents);
  const at = now.toISOString();
  const attempt: RevealAttempt = {
    at,
    status: reason === null ? 'valid' : 'invalid',
    reason,
    ...check,
    ...documents,
    requestDigest,
  };
  const attempts = [...(bid.revealAttempts ?? []), attempt];
  const change = nextBidState(bid, at, {
    eventType: matched ? 'bid.revealed' : 'bid.revealFailed',
    actor: input.caller,
    data: { attempt: attempts.length, ...check, ...documents, reason, requestDigest },
    mutate: (b) => ({
      ...b,
      revealAttempts: attempts,
      ...(matched
        ? {
            reveal: {
              priceFen: input.priceFen,
              nonce: input.nonce,
              keyHex: input.key,
              revealedAt: at,
              ...check,
              ...documents,
              requestDigest,
              // Only when every document decrypted: a partial set would compare what it cannot see.
              ...(documents.documentsDecrypt ? { plaintextSha256 } : {}),
            },
          }
        : {}),
    }),
  });
  try {
    await deps.bids.saveBid(change, bid.version, { decryptionOpen: true });
  } catch (error) {
    // A concurrent retry of the same body may have won the write: answer its stored result.
    const current = error instanceof ConflictError ? await deps.bids.getBid(bid.tenderId, bid.id) : null;
    const winner = current ? storedRevealResult(current, requestDigest) : null;
    if (winner) return winner;
    throw error;
  }
  return { ...check, ...documents, status: attempt.status, reason, attempt: attempts.length };
}

/**
 * Re-hashes every stored ciphertext (its pinned version) against the manifest and decrypts it.
 *
 * Why re-hash: decryption alone would accept any ciphertext sealed with the same key, and the
 * upload URL or a bucket writer could have swapped it since the submission. Each plaintext's SHA-256
 * is kept for the collusion signs (identical documents sealed under different keys).
 */
async function openDocuments(
  deps: Deps,
  bid: Bid,
  keyHex: string,
): Promise<{ documentsIntact: boolean; documentsDecrypt: boolean; plaintextSha256: Record<string, string> }> {
  const key = keyFromHex(keyHex, 'body.key');
  let documentsDecrypt = true;
  const plaintextSha256: Record<string, string> = {};
  for (const doc of bid.documents) {
    const object = { key: bidDocumentKey(bid.tenderId, bid.id, doc.id), ...doc };
    const sealed = await deps.documents.read(object.key, doc.versionId);
    const intact =
      sealed !== null && sealed.bytes.length === doc.size && sha256Hex(sealed.bytes) === doc.sha256;
    if (!intact) {
      logTampering(deps, object, { tenderId: bid.tenderId, bidId: bid.id, documentId: doc.id, at: 'reveal' });
      return { documentsIntact: false, documentsDecrypt: false, plaintextSha256: {} };
    }
    try {
      plaintextSha256[doc.id] = sha256Hex(await decryptDocument(sealed.bytes, key));
    } catch {
      documentsDecrypt = false;
    }
  }
  return { documentsIntact: true, documentsDecrypt, plaintextSha256 };
}

/** Refuses a reveal outside the decryption window. */
function assertDecryptionOpen(tender: Tender, now: Date): void {
  const ends = tender.opening?.decryptionEndsAt;
  const open =
    tender.status === 'opening' &&
    ends !== undefined &&
    !tender.opening?.recordPublishedAt &&
    now.getTime() < new Date(ends).getTime();
  if (!open) {
    throw new UnprocessableError('decryption-closed', {
      zh: '不在解密时间内：解密于投标截止（开标）时开始，在解密时限结束时截止',
      en: 'Outside the decryption window: it opens at the bid deadline and closes when the window ends',
    });
  }
}

/** The caller's own bids in a tender, every status, with what it must still do. */
export async function listMyBids(
  input: { caller: Caller; tenderId: string },
  deps: Deps,
): Promise<{ items: OwnBidView[] }> {
  const tender = await loadPublishedTender(deps, input.tenderId);
  const [all, currentId] = await Promise.all([
    deps.bids.listBids(tender.id),
    deps.bids.getCurrentBidId(tender.id, input.caller.orgId),
  ]);
  const items = all
    .filter((bid) => bid.supplierOrgId === input.caller.orgId)
    .map((bid) => ({
      ...bid,
      needsReconfirmation: needsReconfirmation(tender, bid),
      current: bid.id === currentId,
    }));
  return { items };
}
