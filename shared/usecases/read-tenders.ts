import type { Deps } from '../adapters/deps';
import { verifyChain } from '../domain/audit';
import { NotFoundError } from '../domain/errors';
import { tenderDocumentKey, toPublicTender } from '../domain/tender';
import type { Page, PageRequest } from '../ports/tender-repository';
import type { AuditEvent, ChainVerification } from '../schemas/audit';
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
 * Reads a published tender's whole audit log and verifies its hash chain.
 *
 * Why public: anyone can check that the history was not edited after the fact.
 */
export async function getTenderAudit(
  input: { tenderId: string },
  deps: Deps,
): Promise<{ tenderId: string; events: AuditEvent[]; verification: ChainVerification }> {
  const tender = await loadPublishedTender(deps, input.tenderId);
  const events = await deps.tenders.listEvents(tender.id);
  const verification = verifyChain(events);
  if (verification.valid && verification.headHash !== tender.lastEventHash) {
    return {
      tenderId: tender.id,
      events,
      verification: {
        ...verification,
        valid: false,
        brokenAtSeq: events.length + 1,
        reason: 'the chain head does not match the tender (events missing at the end)',
      },
    };
  }
  return { tenderId: tender.id, events, verification };
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
