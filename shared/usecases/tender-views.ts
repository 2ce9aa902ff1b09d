import type { Tender } from '../schemas/tender';

/**
 * The public view of a tender: only active, verified documents, no internal bookkeeping.
 *
 * Why: pending documents of a correction not yet issued must not leak ahead of their notice.
 */
export function toPublicTender(tender: Tender) {
  const { createdBy: _createdBy, lastEventHash: _lastEventHash, ...rest } = tender;
  return { ...rest, documents: tender.documents.filter((doc) => doc.active && doc.status === 'verified') };
}
