import { PACKAGE_CALENDAR } from '../domain/calendar';
import { NotFoundError } from '../domain/errors';
import { tenderDocumentKey } from '../domain/tender';
import type { Deps } from '../ports/deps';
import type { EventWindow, Page, PageRequest } from '../ports/tender-repository';
import type { AuditEvent, ChainVerification, RestrictedAuditEvent, SealedEvent } from '../schemas/audit';
import type { Notice, NoticeFilters } from '../schemas/notice';
import type { Tender, TenderFilters } from '../schemas/tender';
import type { TenderTimeline } from '../schemas/timeline';
import { toPublicEvent, toRestrictedEvent, verifyChain } from './audit-chain';
import { type AuditChainPage, readAuditPage } from './audit-pages';
import { loadWorkingCalendar } from './calendar';
import { assertStoredIntact } from './stored-documents';
import { type Caller, loadOwnTender, loadPublishedTender } from './tender-change';
import { toPublicTender } from './tender-views';
import { buildTenderTimeline } from './timeline';

/** The public view of a tender. */
export type PublicTender = ReturnType<typeof toPublicTender>;

/** Reads a published tender's public view; drafts and never-published tenders are 404. */
export async function getPublicTender(input: { tenderId: string }, deps: Deps): Promise<PublicTender> {
  return toPublicTender(await loadPublishedTender(deps, input.tenderId));
}

/**
 * A published tender's timeline by the server's clock: each step with the calendar and working days
 * left (see countDaysLeft in domain/timeline.ts), and `now` so a browser counts down on server time.
 *
 * Why the package calendar first: it covers most steps, and the loaded years are read only when a
 * step reaches past it — the same answer either way, since a loaded year never overrides a package
 * year (see countOnCalendar). A year neither covers gives null working days with the reason, never a 500.
 */
export async function getTenderTimeline(input: { tenderId: string }, deps: Deps): Promise<TenderTimeline> {
  const tender = await loadPublishedTender(deps, input.tenderId);
  const now = deps.clock.now();
  const first = buildTenderTimeline(tender, now, PACKAGE_CALENDAR);
  if (first.uncoveredYears.length === 0) return first.timeline;
  return buildTenderTimeline(tender, now, await loadWorkingCalendar(deps)).timeline;
}

/** Reads the caller's own tender in any state. */
export async function getOwnTender(input: { caller: Caller; tenderId: string }, deps: Deps): Promise<Tender> {
  return loadOwnTender(deps, input.caller, input.tenderId);
}

/**
 * Lists published tenders, newest first, by status, method, category, trade type and title text.
 *
 * Why a page can be short: the facets and the title are a filter on the feed (or status) index
 * Query, applied after DynamoDB reads; a page holds at most `limit` items and possibly fewer, even
 * none, while `nextCursor` is set. Clients page on until `nextCursor` is null.
 */
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

/**
 * Lists public notices, newest first, by type, method, category, trade type and title text.
 *
 * Why a page can be short: the filters run on the feed index Query after DynamoDB reads (no Scan),
 * so a page holds at most `limit` items and possibly fewer, even none, while `nextCursor` is set.
 * There is no tender-status filter (why: the note on ListNoticesQuerySchema in schemas/notice.ts).
 */
export async function listNotices(
  input: { filters: NoticeFilters; page: PageRequest },
  deps: Deps,
): Promise<Page<Notice>> {
  return deps.tenders.listNotices(input.filters, input.page);
}

/**
 * Verifies a whole chain and that its head is the one its bid records.
 *
 * Why the head too: removing events from the end leaves a valid but shorter chain.
 */
function verifyAgainstHead(events: readonly SealedEvent[], recordedHead: string): ChainVerification {
  const verification = verifyChain(events);
  if (verification.valid && verification.headHash !== recordedHead) {
    return {
      ...verification,
      valid: false,
      brokenAtSeq: events.length + 1,
      reason: 'the chain head does not match the bid (events missing at the end)',
    };
  }
  return verification;
}

/** A tender's chain as {@link readAuditPage} reads it: its recorded head and its stretches. */
function tenderChain(tender: Tender, deps: Deps) {
  return {
    chain: { kind: 'tender', tenderId: tender.id } as const,
    head: { seq: tender.version, hash: tender.lastEventHash },
    read: (window: EventWindow) => deps.tenders.readEventStretch(tender.id, window),
  };
}

/**
 * Reads one page of a published tender's audit log (`limit` events after the `cursor`, 100 by
 * default) and verifies it: linked within, linked to the event before it, and on the last page to
 * the tender's recorded head.
 *
 * Why public: anyone can check that the history was not edited after the fact. The events name
 * roles and organisations only; who acted and from where stays in the restricted records. Why
 * paged: a page costs the same however long the log grows; a log of up to 100 events is one page,
 * as it was before paging.
 */
export async function getTenderAudit(
  input: { tenderId: string; page?: PageRequest | undefined },
  deps: Deps,
): Promise<{ tenderId: string; events: AuditEvent[] } & Omit<AuditChainPage, 'events'>> {
  const tender = await loadPublishedTender(deps, input.tenderId);
  const page = await readAuditPage({ ...tenderChain(tender, deps), page: input.page, restricted: false });
  return { tenderId: tender.id, ...page, events: page.events.map(toPublicEvent) };
}

/**
 * The centre's audit log of a tender in any state, one page of its chain at a time, each event with
 * its restricted record (subject, network address); the first page also carries, once the bid
 * deadline has passed, every bid's whole chain.
 *
 * Why centre staff only: the platform must record the time, network address and person of every
 * operation (电子招标投标办法第四十九条), and no other party may see them; bid chains wait for
 * the deadline so not even this view tells who bid before it (87号令第二十八条). Why the bids on the
 * first page only: a bid's chain is its own few operations, read once, not again with every page of
 * the tender's log.
 */
export async function getRestrictedTenderAudit(
  input: { caller: Caller; tenderId: string; page?: PageRequest | undefined },
  deps: Deps,
): Promise<
  { tenderId: string; events: RestrictedAuditEvent[] } & Omit<AuditChainPage, 'events'> & {
      bids: { bidId: string; events: RestrictedAuditEvent[]; verification: ChainVerification }[];
    }
> {
  const tender = await deps.tenders.get(input.tenderId);
  if (!tender) throw new NotFoundError({ zh: '项目', en: 'Tender' });
  const page = await readAuditPage({ ...tenderChain(tender, deps), page: input.page, restricted: true });
  const deadlinePassed = deps.clock.now().getTime() >= Date.parse(tender.content.timeline.bidDeadline);
  const firstPage = input.page?.cursor === undefined;
  const bids = deadlinePassed && firstPage ? await deps.bids.listBids(tender.id) : [];
  const bidChains = [];
  for (const bid of bids) {
    const bidEvents = await deps.bids.listRestrictedBidEvents(tender.id, bid.id);
    bidChains.push({
      bidId: bid.id,
      events: bidEvents.map(toRestrictedEvent),
      verification: verifyAgainstHead(bidEvents, bid.lastEventHash),
    });
  }
  return { tenderId: tender.id, ...page, events: page.events.map(toRestrictedEvent), bids: bidChains };
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
