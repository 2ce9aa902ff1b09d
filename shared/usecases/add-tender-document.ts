import { ValidationError } from '../domain/errors';
import { tenderDocumentKey } from '../domain/tender';
import type { Deps } from '../ports/deps';
import type { PresignedUpload } from '../ports/document-store';
import type { TenderDocument } from '../schemas/tender';
import { uploadSlotKey } from './stored-documents';
import { applyChange, type Caller, loadOwnTender } from './tender-change';

/** Most documents one tender may carry. */
export const MAX_DOCUMENTS = 20;

/** Input of {@link addTenderDocument}. */
export interface AddTenderDocumentInput {
  /** The owner's signed-in user. */
  caller: Caller;
  /** Which tender. */
  tenderId: string;
  /** What the client will upload. */
  declared: { fileName: string; contentType: string; size: number; sha256: string };
}

/**
 * Declares a tender document by its SHA-256 and size and returns where to upload it.
 *
 * Why declare first: the hash is fixed before the bytes exist, so the document that is published
 * is provably the one declared. In a published tender the new document stays inactive (not public)
 * until a correction notice adds it. The URL writes to an upload slot: publication (or the
 * correction) copies the verified bytes to the document's own key, so the URL is of no use after.
 */
export async function addTenderDocument(
  input: AddTenderDocumentInput,
  deps: Deps,
): Promise<{ document: TenderDocument; upload: PresignedUpload }> {
  const tender = await loadOwnTender(deps, input.caller, input.tenderId);
  if (tender.documents.length >= MAX_DOCUMENTS) {
    throw new ValidationError({
      zh: `每个项目最多 ${MAX_DOCUMENTS} 个文件`,
      en: `A tender carries at most ${MAX_DOCUMENTS} documents`,
    });
  }
  const document: TenderDocument = {
    id: deps.newId(),
    ...input.declared,
    status: 'pending',
    declaredAt: deps.clock.now().toISOString(),
    active: tender.status === 'draft',
  };
  await applyChange(deps, tender, {
    action: 'attachDocument',
    eventType: 'tender.documentDeclared',
    actor: input.caller,
    data: { documentId: document.id, sha256: document.sha256, size: document.size, active: document.active },
    mutate: (current) => ({ ...current, documents: [...current.documents, document] }),
  });
  const upload = await deps.documents.presignUpload(
    uploadSlotKey(tenderDocumentKey(tender.id, document.id)),
    { sha256: document.sha256, size: document.size, contentType: document.contentType },
    deps.clock.now(),
  );
  return { document, upload };
}
