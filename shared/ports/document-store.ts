/** A presigned upload: where and how the client PUTs the bytes. */
export interface PresignedUpload {
  /** The URL to PUT to. */
  url: string;
  /** HTTP method, always PUT. */
  method: 'PUT';
  /** Headers the client must send exactly (they are signed into the URL). */
  headers: Record<string, string>;
  /** When the URL stops working. */
  expiresAt: string;
}

/** What the store holds at a key. */
export interface StoredObjectDigest {
  /** SHA-256 of the stored bytes, lowercase hex, computed by reading them. */
  sha256: string;
  /** Size in bytes. */
  size: number;
}

/**
 * Object storage for documents (S3 in AWS, s3rver locally).
 *
 * Why a port: the emulator checks no checksums, so the app hashes stored objects itself.
 */
export interface DocumentStore {
  /** A presigned PUT URL bound to the declared hash, size and content type. */
  presignUpload(
    key: string,
    declared: { sha256: string; size: number; contentType: string },
    now: Date,
  ): Promise<PresignedUpload>;
  /** A presigned GET URL that downloads under the given file name. */
  presignDownload(key: string, fileName: string, now: Date): Promise<{ url: string; expiresAt: string }>;
  /** Reads the object and returns its digest, or null if nothing is stored at the key. */
  digest(key: string): Promise<StoredObjectDigest | null>;
  /** Reads the whole object, or null if nothing is stored at the key. */
  read(key: string): Promise<Uint8Array | null>;
}
