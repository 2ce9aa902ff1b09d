import type { Deps } from '../adapters/deps';
import { toRestrictedEvent, verifyChain } from '../domain/audit';
import { NotFoundError } from '../domain/errors';
import { tenderDocumentKey, toPublicTender } from '../domain/tender';
import type { Page, PageRequest } from '../ports/tender-repository';
import type { AuditEvent, ChainVerification, RestrictedAuditEvent, SealedEvent } from '../schemas/audit';
import type { Notice, NoticeType } from '../schemas/notice';
import type { Tender, TenderFilters } from '../schemas/tender';
import { assertStoredIntact } from './stored-documents';
import { type Caller, loadOwnTender, loadPublishedTender } from './tender-change';

/** The public view of a tender. */
export type PublicTender = ReturnType<typeof toPublicTender>;

/** Reads a published tender's public view; drafts and never-published tenders are 404. */
export async function getPublicTender(input: { tenderId: string }, deps: Deps): Promise<PublicTender> {
  return toPublicTender(await loadPublishedTender(deps, input.tenderId));
}

/** Reads the caller's own tender in any state. */
export async function getOwnTender(input: { caller: Caller; tenderId: string }, deps: Deps): Promise<Tender> {
  return loadOwnTender(deps, input.caller, input.tenderId);
}

/** Lists published tenders, newest first. */
export async function listPublicTenders(
  input: { filters: TenderFilters; page: PageRequest },
  deps: Deps,
): Promise<Page<PublicTender>> {
  const page = await deps.tenders.listPublic(input.filters, input.page);
  return { items: page.items.map(toPublicTender), nextCursor: page.nextCursor };
}

/** Lists the caller's own tenders in every state, newest first. */
export async function listOwnTenders(
  input: { caller: Caller; page: PageRequest },
  deps: Deps,
): Promise<Page<Tender>> {
  return deps.tenders.listByOwner(input.caller.orgId, input.page);
}

/** Lists public notices, newest first. */
export async function listNotices(
  input: { type?: NoticeType | undefined; page: PageRequest },
  deps: Deps,
): Promise<Page<Notice>> {
  return deps.tenders.listNotices({ type: input.type }, input.page);
}

/**
 * Verifies a chain and that its head is the one its tender or bid records.
 *
 * Why the head too: removing events from the end leaves a valid but shorter chain.
 */
function verifyAgainstHead(
  events: readonly SealedEvent[],
  recordedHead: string,
  owner: 'tender' | 'bid',
): ChainVerification {
  const verification = verifyChain(events);
  if (verification.valid && verification.headHash !== recordedHead) {
    return {
      ...verification,
      valid: false,
      brokenAtSeq: events.length + 1,
      reason: `the chain head does not match the ${owner} (events missing at the end)`,
    };
  }
  return verification;
}

/**
 * Reads a published tender's whole audit log and verifies its hash chain.
 *
 * Why public: anyone can check that the history was not edited after the fact. The events name
 * roles and organisations only; who acted and from where stays in the restricted records.
 */
export async function getTenderAudit(
  input: { tenderId: string },
  deps: Deps,
): Promise<{ tenderId: string; events: AuditEvent[]; verification: ChainVerification }> {
  const tender = await loadPublishedTender(deps, input.tenderId);
  const events = await deps.tenders.listEvents(tender.id);
  return {
    tenderId: tender.id,
    events,
    verification: verifyAgainstHead(events, tender.lastEventHash, 'tender'),
  };
}

/**
 * The centre's audit log of a tender in any state: its chain and, once the bid deadline has
 * passed, every bid's chain, each event with its restricted record (subject, network address).
 *
 * Why centre staff only: the platform must record the time, network address and person of every
 * operation (电子招标投标办法第四十九条), and no other party may see them; bid chains wait for
 * the deadline so not even this view tells who bid before it (87号令第二十八条).
 */
export async function getRestrictedTenderAudit(
  input: { caller: Caller; tenderId: string },
  deps: Deps,
): Promise<{
  tenderId: string;
  events: RestrictedAuditEvent[];
  verification: ChainVerification;
  bids: { bidId: string; events: RestrictedAuditEvent[]; verification: ChainVerification }[];
}> {
  const tender = await deps.tenders.get(input.tenderId);
  if (!tender) throw new NotFoundError({ zh: '项目', en: 'Tender' });
  const events = await deps.tenders.listRestrictedEvents(tender.id);
  const deadlinePassed = deps.clock.now().getTime() >= Date.parse(tender.content.timeline.bidDeadline);
  const bids = deadlinePassed ? await deps.bids.listBids(tender.id) : [];
  const bidChains = [];
  for (const bid of bids) {
    const bidEvents = await deps.bids.listRestrictedBidEvents(tender.id, bid.id);
    bidChains.push({
      bidId: bid.id,
      events: bidEvents.map(toRestrictedEvent),
      verification: verifyAgainstHead(bidEvents, bid.lastEventHash, 'bid'),
    });
  }
  return {
    tenderId: tender.id,
    events: events.map(toRestrictedEvent),
    verification: verifyAgainstHead(events, tender.lastEventHash, 'tender'),
    bids: bidChains,
  };
}

/** A presigned download link for an active document of a published tender, re-hashed first. */
export async function getTenderDocumentLink(
  input: { tenderId: string; documentId: string },
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
  const doc = toPublicTender(tender).documents.find((d) => d.id === input.documentId);
  if (!doc) throw new NotFoundError({ zh: '文件', en: 'Document' });
  const stored = { key: tenderDocumentKey(tender.id, doc.id), ...doc };
  await assertStoredIntact(deps, stored, { tenderId: tender.id, documentId: doc.id, download: 'tender' });
  const link = await deps.documents.presignDownload(
    stored.key,
    doc.fileName,
    deps.clock.now(),
    doc.versionId,
  );
  return { documentId: doc.id, fileName: doc.fileName, sha256: doc.sha256, size: doc.size, ...link };
}
