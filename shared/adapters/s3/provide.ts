import { provideDocumentStore } from '../document-store-registry';

/**
 * Plugs the S3 document store into this process's dependencies; the S3 client and presigner are
 * imported at the first document operation, not at cold start.
 *
 * Why here and not in the composition root: only the contexts that touch the bucket call this,
 * so only their bundles carry the S3 client at all (in a chunk of its own).
 */
export function provideS3DocumentStore(): void {
  provideDocumentStore(async (bucketName) => {
    const { S3DocumentStore, createS3Client } = await import('./document-store');
    return new S3DocumentStore(createS3Client(), bucketName);
  });
}
