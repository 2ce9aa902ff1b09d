import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { DocumentStore, PresignedUpload, StoredObjectDigest } from '../../ports/document-store';

/** Presigned URLs live this long. */
const URL_TTL_SECONDS = 15 * 60;

/**
 * The S3 adapter of {@link DocumentStore}.
 *
 * Why it hashes objects itself: the checksum signed into the PUT URL makes real S3 refuse other
 * bytes, but the local emulator checks nothing, so acceptance always rests on reading the bytes.
 */
export class S3DocumentStore implements DocumentStore {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async presignUpload(
    key: string,
    declared: { sha256: string; size: number; contentType: string },
    now: Date,
  ): Promise<PresignedUpload> {
    const checksum = Buffer.from(declared.sha256, 'hex').toString('base64');
    const command = new PutObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ContentType: declared.contentType,
      ContentLength: declared.size,
      ChecksumSHA256: checksum,
    });
    const url = await getSignedUrl(this.client, command, {
      expiresIn: URL_TTL_SECONDS,
      signableHeaders: new Set(['content-type', 'x-amz-checksum-sha256']),
    });
    return {
      url,
      method: 'PUT',
      headers: { 'content-type': declared.contentType, 'x-amz-checksum-sha256': checksum },
      expiresAt: new Date(now.getTime() + URL_TTL_SECONDS * 1000).toISOString(),
    };
  }

  async presignDownload(
    key: string,
    fileName: string,
    now: Date,
  ): Promise<{ url: string; expiresAt: string }> {
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ResponseContentDisposition: `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    });
    const url = await getSignedUrl(this.client, command, { expiresIn: URL_TTL_SECONDS });
    return { url, expiresAt: new Date(now.getTime() + URL_TTL_SECONDS * 1000).toISOString() };
  }

  async read(key: string): Promise<Uint8Array | null> {
    const chunks: Buffer[] = [];
    const found = await this.stream(key, (chunk) => chunks.push(chunk));
    return found ? Buffer.concat(chunks) : null;
  }

  async digest(key: string): Promise<StoredObjectDigest | null> {
    const hash = createHash('sha256');
    let size = 0;
    const found = await this.stream(key, (chunk) => {
      hash.update(chunk);
      size += chunk.length;
    });
    return found ? { sha256: hash.digest('hex'), size } : null;
  }

  /** Streams an object's bytes to `onChunk`; false if nothing is stored at the key. */
  private async stream(key: string, onChunk: (chunk: Buffer) => void): Promise<boolean> {
    try {
      const result = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      for await (const chunk of result.Body as Readable) onChunk(chunk as Buffer);
      return true;
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return false;
      throw error;
    }
  }
}
