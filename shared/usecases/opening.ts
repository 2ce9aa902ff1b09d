import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError } from '../domain/errors';
import { minValidBids } from '../domain/procedures';
import type { Deps } from '../ports/deps';
import type { PageRequest } from '../ports/tender-repository';
import type { AuditEvent } from '../schemas/audit';
import { type Bid, INVALID_REASONS, type OpeningEntry, type OpeningRecord } from '../schemas/bid';
import type { Tender } from '../schemas/tender';
import { SYSTEM_ACTOR, toPublicEvent } from './audit-chain';
import { type AuditChainPage, readAuditPage } from './audit-pages';
import { assertMayReadOpenedBids, bidDocumentKey, needsReconfirmation } from './bid-change';
import { loadSeat } from './committee';
import { assertStoredIntact, uploadSlotKey } from './stored-documents';
import { applyChange, type Caller, failureNotice, loadPublishedTender } from './tender-change';

const MINUTE = 60_000;

/** Adds minutes to an ISO instant. */
function addMinutes(instant: string, minutes: number): string {
  return new Date(new Date(instant).getTime() + minutes * MINUTE).toISOString();
}

/**
 * Opens a tender at its bid deadline (87号令第39条): the decryption window starts.
 *
 * Why the window is computed from the deadline, not from the tick: a late tick must not give
 * bidders extra time.
 */
export async function openTender(deps: Deps, tender: Tender): Promise<Tender> {
  const { bidDeadline, decryptionWindowMinutes } = tender.content.timeline;
  const decryptionEndsAt = addMinutes(bidDeadline, decryptionWindowMinutes);
  const bidCount = await deps.bids.getBidCount(tender.id);
  return applyChange(deps, tender, {
    action: 'open',
    eventType: 'tender.opened',
    actor: SYSTEM_ACTOR,
    data: { bidDeadline, decryptionEndsAt, bidCount },
    mutate: (current) => ({ ...current, opening: { decryptionEndsAt } }),
  });
}

/**
 * Judges one current bid at the close of the decryption window.
 *
 * Why `tampered` apart: 电子招标投标办法第三十一条 treats a bid not decrypted through the bidder's own
 * fault (a wrong reveal: `mismatch`, `undecryptable`, `notDecrypted`) differently from one not
 * decrypted for any other cause, such as ciphertext swapped in storage.
 */
function judge(tender: Tender, bid: Bid): Pick<OpeningEntry, 'status' | 'reason'> {
  if (needsReconfirmation(tender, bid)) return { status: 'invalid', reason: 'notReconfirmed' };
  if (!bid.reveal) {
    return { status: 'invalid', reason: bid.revealAttempts?.length ? 'mismatch' : 'notDecrypted' };
  }
  if (!bid.reveal.priceMatches || !bid.reveal.keyMatches) return { status: 'invalid', reason: 'mismatch' };
  if (bid.reveal.documentsIntact === false) return { status: 'invalid', reason: 'tampered' };
  if (!bid.reveal.documentsDecrypt) return { status: 'invalid', reason: 'undecryptable' };
  return { status: 'valid', reason: null };
}

/**
 * Closes the decryption window: builds the opening record (开标记录) from every current bid, anchors
 * each bid's audit chain head in the tender's chain, and either publishes the record to the bidders
 * for confirmation or, with fewer than 3 valid bids, fails the tender with a failure notice.
 */
export async function closeDecryption(deps: Deps, tender: Tender): Promise<Tender> {
  const opening = tender.opening;
  if (!opening) throw new Error(`tender ${tender.id} is opening without an opening state`);
  const bids = (await deps.bids.listBids(tender.id)).filter((bid) => bid.status === 'submitted');
  bids.sort((a, b) => (a.submittedAt ?? '').localeCompare(b.submittedAt ?? '') || a.id.localeCompare(b.id));
  const entries: OpeningEntry[] = bids.map((bid) => {
    const verdict = judge(tender, bid);
    return {
      bidId: bid.id,
      supplierOrgId: bid.supplierOrgId,
      supplierName: bid.supplierName,
      supplierScale: bid.supplierScale,
      priceFen: verdict.status === 'valid' ? (bid.reveal?.priceFen ?? null) : null,
      ...verdict,
      reasonLabel: verdict.reason ? INVALID_REASONS[verdict.reason].zh : null,
      revealedAt: bid.reveal?.revealedAt ?? null,
      revealAttempts: (bid.revealAttempts ?? []).map(({ at, status, reason }) => ({ at, status, reason })),
      receiptDigest: bid.receipt?.manifestDigest ?? bid.lastEventHash,
      bidChainHead: bid.lastEventHash,
    };
  });
  const validCount = entries.filter((entry) => entry.status === 'valid').length;
  const at = deps.clock.now().toISOString();
  const confirmationEndsAt = addMinutes(
    opening.decryptionEndsAt,
    tender.content.timeline.confirmationWindowMinutes,
  );
  const record: OpeningRecord = {
    tenderId: tender.id,
    bidDeadline: tender.content.timeline.bidDeadline,
    decryptionEndsAt: opening.decryptionEndsAt,
    confirmationEndsAt,
    publishedAt: at,
    entries,
    validCount,
    responses: [],
  };
  const failed = validCount < minValidBids(tender);
  const anchors = Object.fromEntries(entries.map((entry) => [entry.bidId, entry.bidChainHead]));
  return applyChange(deps, tender, {
    action: failed ? 'failOpening' : 'publishOpeningRecord',
    eventType: failed ? 'tender.failedAtOpening' : 'opening.recordPublished',
    actor: SYSTEM_ACTOR,
    data: { bidCount: entries.length, validCount, bidChainHeads: anchors },
    mutate: (current) => ({
      ...current,
      opening: { ...opening, confirmationEndsAt, recordPublishedAt: at, validBidCount: validCount },
    }),
    related: { openingRecord: record },
    at,
    notices: failed
      ? [
          failureNotice(tender, {
            zh: '有效投标',
            en: 'valid',
            citation: '政府采购法第三十六条；87号令第四十三条',
            counts: { bidCount: entries.length, validCount },
          }),
        ]
      : [],
  });
}

/** Closes the confirmation window: the tender moves to evaluation, objections kept on the record. */
export async function closeConfirmation(deps: Deps, tender: Tender): Promise<Tender> {
  const record = await deps.bids.getOpeningRecord(tender.id);
  const objections = record?.responses.filter((r) => r.decision === 'object').length ?? 0;
  const confirmations = record?.responses.filter((r) => r.decision === 'confirm').length ?? 0;
  const evaluating = await applyChange(deps, tender, {
    action: 'closeOpening',
    eventType: 'opening.closed',
    actor: SYSTEM_ACTOR,
    data: { confirmations, objections, silent: (record?.entries.length ?? 0) - confirmations - objections },
  });
  return evaluating;
}

/**
 * A bidder confirms the opening record or objects with a reason, once, inside the confirmation
 * window (87号令第42条); when every bidder has answered the tender moves on at once.
 */
export async function respondToOpening(
  input: { caller: Caller; tenderId: string; decision: 'confirm' | 'object'; reason?: string | undefined },
  deps: Deps,
): Promise<OpeningRecord> {
  const tender = await loadPublishedTender(deps, input.tenderId);
  const record = await deps.bids.getOpeningRecord(tender.id);
  if (!record?.entries.some((entry) => entry.supplierOrgId === input.caller.orgId)) {
    throw new NotFoundError({ zh: '您参与的开标记录', en: 'An opening record you took part in' });
  }
  const now = deps.clock.now();
  if (tender.status !== 'opening' || now.getTime() >= new Date(record.confirmationEndsAt).getTime()) {
    throw new UnprocessableError('confirmation-closed', {
      zh: '开标记录确认时间已结束',
      en: 'The confirmation window of the opening record has closed',
    });
  }
  const added = await deps.bids.addOpeningResponse(tender.id, {
    supplierOrgId: input.caller.orgId,
    decision: input.decision,
    ...(input.reason ? { reason: input.reason } : {}),
    at: now.toISOString(),
  });
  if (!added)
    throw new ConflictError({
      zh: '您已对开标记录作出答复',
      en: 'You have answered the opening record already',
    });
  const updated = (await deps.bids.getOpeningRecord(tender.id)) ?? record;
  const bidders = new Set(updated.entries.map((entry) => entry.supplierOrgId));
  const answered = new Set(updated.responses.map((response) => response.supplierOrgId));
  if ([...bidders].every((org) => answered.has(org))) {
    try {
      await closeConfirmation(deps, tender);
    } catch (error) {
      // The tick or another bidder's answer closed it first; the answer itself is stored.
      if (!(error instanceof ConflictError)) throw error;
    }
  }
  return updated;
}

/**
 * Reads the opening record: for the bidders in it, the purchasing unit and centre staff, once
 * published; a bidder who did not bid, or anyone before the window closes, learns nothing.
 */
export async function getOpeningRecord(
  input: { caller: Caller; tenderId: string },
  deps: Deps,
): Promise<OpeningRecord> {
  const tender = await loadPublishedTender(deps, input.tenderId);
  const record = tender.opening?.recordPublishedAt ? await deps.bids.getOpeningRecord(tender.id) : null;
  if (input.caller.role === 'supplier') {
    if (!record?.entries.some((entry) => entry.supplierOrgId === input.caller.orgId)) {
      throw new NotFoundError({ zh: '您参与的开标记录', en: 'An opening record you took part in' });
    }
    return record;
  }
  assertMayReadOpenedBids(tender, input.caller, 'record');
  if (!record) throw new NotFoundError({ zh: '开标记录', en: 'Opening record' });
  return record;
}

/**
 * The decrypted bids, with their keys, for the purchasing unit and centre staff once the tender is
 * in evaluation (DESIGN.md §4 step 4); documents stay encrypted at rest.
 */
export async function listOpenedBids(
  input: { caller: Caller; tenderId: string },
  deps: Deps,
): Promise<{ items: Bid[] }> {
  const tender = await loadPublishedTender(deps, input.tenderId);
  assertMayReadOpenedBids(tender, input.caller, 'evaluation');
  const record = await deps.bids.getOpeningRecord(tender.id);
  const included = new Set(record?.entries.map((entry) => entry.bidId));
  const bids = await deps.bids.listBids(tender.id);
  return { items: bids.filter((bid) => included.has(bid.id)) };
}

/**
 * A download link for a sealed bid document: its own bidder any time, the purchasing unit and
 * centre staff once the tender is in evaluation, and a committee member once it has declared no
 * conflict (the session gives it the revealed keys then, DESIGN.md §4 step 4). A submitted bid's
 * stored ciphertext is re-hashed against the manifest first and refused as `document-tampered` (409)
 * when it differs.
 */
export async function getBidDocumentLink(
  input: { caller: Caller; tenderId: string; bidId: string; documentId: string },
  deps: Deps,
): Promise<{
  documentId: string;
  fileName: string;
  sha256: string;
  size: number;
  url: string;
  expiresAt: string;
}> {
  const tender = await loadPublishedTender(deps, input.tenderId);
  const bid = await deps.bids.getBid(tender.id, input.bidId);
  if (!bid) throw new NotFoundError({ zh: '投标', en: 'Bid' });
  if (input.caller.role === 'supplier') {
    if (bid.supplierOrgId !== input.caller.orgId) throw new NotFoundError({ zh: '投标', en: 'Bid' });
  } else if (input.caller.role === 'expert') {
    const { member } = await loadSeat(deps, input.caller, tender.id);
    if (member.status === 'drawn') {
      throw new ForbiddenError({
        zh: '请先作出回避声明（87号令第四十九条）',
        en: 'Declare that you have no conflict of interest first (87号令第四十九条)',
      });
    }
    assertMayReadOpenedBids(tender, input.caller, 'evaluation');
  } else {
    assertMayReadOpenedBids(tender, input.caller, 'evaluation');
  }
  const doc = bid.documents.find((d) => d.id === input.documentId);
  if (!doc) throw new NotFoundError({ zh: '文件', en: 'Document' });
  const sealedKey = bidDocumentKey(tender.id, bid.id, doc.id);
  // A draft's bytes sit in the upload slot, unchecked; a submitted bid's sealed copy is re-hashed.
  if (doc.verified) {
    await assertStoredIntact(
      deps,
      { key: sealedKey, ...doc },
      { tenderId: tender.id, bidId: bid.id, documentId: doc.id, download: 'bid', role: input.caller.role },
    );
  }
  const link = await deps.documents.presignDownload(
    doc.verified ? sealedKey : uploadSlotKey(sealedKey),
    `${doc.fileName}.sealed`,
    deps.clock.now(),
    doc.versionId,
  );
  return { documentId: doc.id, fileName: doc.fileName, sha256: doc.sha256, size: doc.size, ...link };
}

/**
 * One page of a bid's own audit chain (`limit` events after the `cursor`, 100 by default), verified
 * as a tender's log is: linked within, to the event before it, and on the last page to the bid's
 * recorded head. For its bidder any time, for the purchasing unit and centre staff once the opening
 * record (which anchors the chain's head) is published.
 *
 * Why verified here too: a party can check a bid's history from this route alone, page by page.
 */
export async function getBidAudit(
  input: { caller: Caller; tenderId: string; bidId: string; page?: PageRequest | undefined },
  deps: Deps,
): Promise<{ bidId: string; events: AuditEvent[] } & Omit<AuditChainPage, 'events'>> {
  const tender = await loadPublishedTender(deps, input.tenderId);
  const bid = await deps.bids.getBid(tender.id, input.bidId);
  if (!bid) throw new NotFoundError({ zh: '投标', en: 'Bid' });
  if (input.caller.role === 'supplier' && bid.supplierOrgId !== input.caller.orgId) {
    throw new NotFoundError({ zh: '投标', en: 'Bid' });
  }
  if (input.caller.role !== 'supplier') assertMayReadOpenedBids(tender, input.caller, 'record');
  if (input.caller.role === 'expert') throw new ForbiddenError();
  const page = await readAuditPage({
    chain: { kind: 'bid', bidId: bid.id },
    head: { seq: bid.version, hash: bid.lastEventHash },
    page: input.page,
    restricted: false,
    read: (window) => deps.bids.readBidEventStretch(tender.id, bid.id, window),
  });
  return { bidId: bid.id, ...page, events: page.events.map(toPublicEvent) };
}
