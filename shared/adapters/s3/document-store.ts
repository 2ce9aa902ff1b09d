import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import {
  CopyObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { ENV } from '../../config/env';
import type { DocumentStore, PresignedUpload, StoredObjectDigest } from '../../ports/document-store';

/** Presigned URLs live at most this long. */
const URL_TTL_SECONDS = 15 * 60;

/** True for the error S3 (or s3rver) answers when nothing is stored at a key. */
function isMissing(error: unknown): boolean {
  const name = (error as { name?: string }).name;
  return error instanceof NoSuchKey || name === 'NoSuchKey' || name === 'NotFound';
}

/**
 * The S3 adapter of {@link DocumentStore}.
 *
 * Why it hashes objects itself: the checksum signed into the PUT URL makes real S3 refuse other
 * bytes, but the local emulator checks nothing, so acceptance always rests on reading the bytes.
 * Versions are read and passed on when S3 returns them (the AWS bucket is versioned; s3rver is not).
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
    notAfter?: Date,
  ): Promise<PresignedUpload> {
    const seconds = notAfter
      ? Math.min(URL_TTL_SECONDS, Math.floor((notAfter.getTime() - now.getTime()) / 1000))
      : URL_TTL_SECONDS;
    if (seconds < 1) throw new Error(`no time left to upload ${key}`);
    const checksum = Buffer.from(declared.sha256, 'hex').toString('base64');
    const command = new PutObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ContentType: declared.contentType,
      ContentLength: declared.size,
      ChecksumSHA256: checksum,
    });
    const url = await getSignedUrl(this.client, command, {
      expiresIn: seconds,
      signableHeaders: new Set(['content-type', 'x-amz-checksum-sha256']),
    });
    return {
      url,
      method: 'PUT',
      headers: { 'content-type': declared.contentType, 'x-amz-checksum-sha256': checksum },
      expiresAt: new Date(now.getTime() + seconds * 1000).toISOString(),
    };
  }

  async presignDownload(
    key: string,
    fileName: string,
    now: Date,
    versionId?: string,
  ): Promise<{ url: string; expiresAt: string }> {
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ...(versionId ? { VersionId: versionId } : {}),
      ResponseContentDisposition: `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    });
    const url = await getSignedUrl(this.client, command, { expiresIn: URL_TTL_SECONDS });
    return { url, expiresAt: new Date(now.getTime() + URL_TTL_SECONDS * 1000).toISOString() };
  }

  async read(
    key: string,
    versionId?: string,
  ): Promise<{ bytes: Uint8Array; versionId?: string | undefined } | null> {
    const chunks: Buffer[] = [];
    const found = await this.stream(key, versionId, (chunk) => chunks.push(chunk));
    return found ? { bytes: Buffer.concat(chunks), versionId: found.versionId } : null;
  }

  async digest(key: string, versionId?: string): Promise<StoredObjectDigest | null> {
    const hash = createHash('sha256');
    let size = 0;
    const found = await this.stream(key, versionId, (chunk) => {
      hash.update(chunk);
      size += chunk.length;
    });
    return found ? { sha256: hash.digest('hex'), size, versionId: found.versionId } : null;
  }

  async copy(from: string, to: string): Promise<{ versionId?: string | undefined } | null> {
    try {
      const result = await this.client.send(
        new CopyObjectCommand({
          Bucket: this.bucket,
          Key: to,
          CopySource: `${this.bucket}/${from.split('/').map(encodeURIComponent).join('/')}`,
        }),
      );
      return { versionId: result.VersionId };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  /** Streams an object's bytes to `onChunk`; null if nothing is stored at the key. */
  private async stream(
    key: string,
    versionId: string | undefined,
    onChunk: (chunk: Buffer) => void,
  ): Promise<{ versionId?: string | undefined } | null> {
    try {
      const result = await this.client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: key,
          ...(versionId ? { VersionId: versionId } : {}),
        }),
      );
      for await (const chunk of result.Body as Readable) onChunk(chunk as Buffer);
      return { versionId: result.VersionId };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }
}

/** An S3 client; pointed at the s3rver emulator when S3_ENDPOINT is set. */
export function createS3Client(): S3Client {
  const endpoint = process.env[ENV.s3Endpoint];
  return new S3Client({
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(endpoint
      ? {
          endpoint,
          forcePathStyle: true,
          region: process.env['AWS_REGION'] ?? 'us-east-1',
          credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
        }
      : {}),
  });
}
