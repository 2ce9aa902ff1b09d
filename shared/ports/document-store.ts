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
  /** The object version read, when the bucket is versioned (S3 in AWS; s3rver returns none). */
  versionId?: string | undefined;
}

/**
 * Object storage for documents (S3 in AWS, s3rver locally).
 *
 * Why a port: the emulator checks no checksums, so the app hashes stored objects itself.
 */
export interface DocumentStore {
  /**
   * A presigned PUT URL bound to the declared hash, size and content type; it expires at the
   * store's own limit or at `notAfter`, whichever comes first (callers refuse when none is left).
   */
  presignUpload(
    key: string,
    declared: { sha256: string; size: number; contentType: string },
    now: Date,
    notAfter?: Date,
  ): Promise<PresignedUpload>;
  /** A presigned GET URL that downloads under the given file name (of one version, when given). */
  presignDownload(
    key: string,
    fileName: string,
    now: Date,
    versionId?: string,
  ): Promise<{ url: string; expiresAt: string }>;
  /** Reads the object (one version, when given) and returns its digest, or null if nothing is stored. */
  digest(key: string, versionId?: string): Promise<StoredObjectDigest | null>;
  /** Reads the whole object (one version, when given), or null if nothing is stored at the key. */
  read(
    key: string,
    versionId?: string,
  ): Promise<{ bytes: Uint8Array; versionId?: string | undefined } | null>;
  /**
   * Copies an object to another key inside the store; answers the new object's version, if any, or
   * null if nothing is stored at `from`.
   */
  copy(from: string, to: string): Promise<{ versionId?: string | undefined } | null>;
}
