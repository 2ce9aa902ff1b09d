import type { DocumentStore } from '../ports/document-store';

/** Makes the document store of a bucket; registered by the processes that touch documents. */
export type DocumentStoreFactory = (bucketName: string) => DocumentStore | Promise<DocumentStore>;

let documentStoreFactory: DocumentStoreFactory | undefined;

/**
 * Plugs in the document store (S3): the functions of contexts that touch the bucket call this at
 * import, and the local stack does.
 *
 * Why a registry of its own, not in the composition root nor importing the S3 adapter: the S3
 * client and presigner are a third of a bundle, which the contexts that never touch a document
 * (open data, evaluation) must not carry, and a context that does loads them at its first document.
 */
export function provideDocumentStore(factory: DocumentStoreFactory): void {
  documentStoreFactory = factory;
}

/** The factory a process registered, if any (read by the composition root, `deps.ts`). */
export function registeredDocumentStore(): DocumentStoreFactory | undefined {
  return documentStoreFactory;
}
