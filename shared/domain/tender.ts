import type { Tender } from '../schemas/tender';

/**
 * When the tender's next timed step falls due, or undefined if none.
 *
 * Why: the scheduler tick finds due tenders through an index on this instant, never by scanning.
 * A tendering tender opens at its bid deadline (87号令第39条); an opening one closes its decryption
 * window, then its confirmation window.
 */
export function nextDueAt(tender: Tender): string | undefined {
  if (tender.status === 'tendering') return tender.content.timeline.bidDeadline;
  if (tender.status === 'opening' && tender.opening) {
    return tender.opening.recordPublishedAt
      ? tender.opening.confirmationEndsAt
      : tender.opening.decryptionEndsAt;
  }
  return undefined;
}

/**
 * The public view of a tender: only active, verified documents, no internal bookkeeping.
 *
 * Why: pending documents of a correction not yet issued must not leak ahead of their notice.
 */
export function toPublicTender(tender: Tender) {
  const { createdBy: _createdBy, lastEventHash: _lastEventHash, ...rest } = tender;
  return { ...rest, documents: tender.documents.filter((doc) => doc.active && doc.status === 'verified') };
}

/** The S3 key of a tender document: per tender, per document. */
export function tenderDocumentKey(tenderId: string, documentId: string): string {
  return `tenders/${tenderId}/documents/${documentId}`;
}
