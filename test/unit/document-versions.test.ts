import { Readable } from 'node:stream';
import {
  CopyObjectCommand,
  GetObjectCommand,
  type GetObjectCommandOutput,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { logger } from '../../shared/adapters/logger';
import { S3DocumentStore } from '../../shared/adapters/s3/document-store';
import { sha256Hex } from '../../shared/domain/hashing';
import type { Deps } from '../../shared/ports/deps';
import {
  assertStoredIntact,
  isStoredIntact,
  sealStoredAsDeclared,
  uploadSlotKey,
} from '../../shared/usecases/stored-documents';

const s3 = mockClient(S3Client);
const BUCKET = 'documents';
const NOW = new Date('2026-03-02T01:00:00.000Z');

beforeEach(() => {
  s3.reset();
});

/** An S3 body the store can stream. */
function body(bytes: string): GetObjectCommandOutput['Body'] {
  return Readable.from([Buffer.from(bytes)]) as unknown as GetObjectCommandOutput['Body'];
}

describe('the S3 document store pins object versions (the AWS bucket is versioned)', () => {
  it('copy answers the copy’s VersionId; digest, read and the download URL use the version given', async () => {
    // Prepare
    s3.on(CopyObjectCommand).resolves({ VersionId: 'v-copy' });
    s3.on(GetObjectCommand).callsFake(() => ({ Body: body('sealed bytes'), VersionId: 'v-copy' }));
    const store = new S3DocumentStore(
      new S3Client({ region: 'cn-north-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } }),
      BUCKET,
    );

    // Act
    const copied = await store.copy('uploads/tenders/t/bids/b/d', 'tenders/t/bids/b/d');
    const digest = await store.digest('tenders/t/bids/b/d', 'v-copy');
    const read = await store.read('tenders/t/bids/b/d', 'v-copy');
    const link = await store.presignDownload('tenders/t/bids/b/d', 'a.pdf', NOW, 'v-copy');

    // Assess
    expect(copied).toEqual({ versionId: 'v-copy' });
    expect(s3.commandCalls(CopyObjectCommand)[0]?.args[0].input).toMatchObject({
      Bucket: BUCKET,
      Key: 'tenders/t/bids/b/d',
      CopySource: `${BUCKET}/uploads/tenders/t/bids/b/d`,
    });
    expect(s3.commandCalls(GetObjectCommand).map((call) => call.args[0].input.VersionId)).toEqual([
      'v-copy',
      'v-copy',
    ]);
    expect(digest).toEqual({ sha256: sha256Hex('sealed bytes'), size: 12, versionId: 'v-copy' });
    expect(read?.versionId).toBe('v-copy');
    expect(new URL(link.url).searchParams.get('versionId')).toBe('v-copy');
  });

  it('an upload URL lasts whole seconds up to notAfter, and none is issued with less than a second left', async () => {
    // Prepare
    const store = new S3DocumentStore(
      new S3Client({ region: 'cn-north-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } }),
      BUCKET,
    );
    const declared = { sha256: 'a'.repeat(64), size: 40, contentType: 'application/octet-stream' };

    // Act
    const capped = await store.presignUpload('k', declared, NOW, new Date(NOW.getTime() + 42_700));
    const uncapped = await store.presignUpload('k', declared, NOW);
    const none = store.presignUpload('k', declared, NOW, new Date(NOW.getTime() + 999));

    // Assess
    expect(new URL(capped.url).searchParams.get('X-Amz-Expires')).toBe('42');
    expect(capped.expiresAt).toBe(new Date(NOW.getTime() + 42_000).toISOString());
    expect(new URL(uncapped.url).searchParams.get('X-Amz-Expires')).toBe('900');
    await expect(none).rejects.toThrow(/no time left/);
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
  });
});

/** An in-memory versioned bucket: every write is a new version; reads take a version or the latest. */
function versionedStore() {
  const versions = new Map<string, { id: string; bytes: Buffer }[]>();
  let next = 0;
  const write = (key: string, bytes: Buffer) => {
    next += 1;
    const id = `v${next}`;
    versions.set(key, [...(versions.get(key) ?? []), { id, bytes }]);
    return id;
  };
  const find = (key: string, versionId?: string) => {
    const all = versions.get(key) ?? [];
    return versionId ? all.find((v) => v.id === versionId) : all.at(-1);
  };
  const documents: Deps['documents'] = {
    presignUpload: async () => ({
      url: 'http://x',
      method: 'PUT',
      headers: {},
      expiresAt: NOW.toISOString(),
    }),
    presignDownload: async () => ({ url: 'http://x', expiresAt: NOW.toISOString() }),
    digest: async (key, versionId) => {
      const found = find(key, versionId);
      return found ? { sha256: sha256Hex(found.bytes), size: found.bytes.length, versionId: found.id } : null;
    },
    read: async (key, versionId) => {
      const found = find(key, versionId);
      return found ? { bytes: found.bytes, versionId: found.id } : null;
    },
    copy: async (from, to) => {
      const found = find(from);
      return found ? { versionId: write(to, found.bytes) } : null;
    },
  };
  return { deps: { documents, logger } as unknown as Deps, write };
}

describe('sealing a document copies it out of its upload slot and pins the copy', () => {
  it('the pinned version stays intact when the key is overwritten; without a version the overwrite is caught', async () => {
    // Prepare: a declared document uploaded into its slot
    const { deps, write } = versionedStore();
    const key = 'tenders/t/documents/d';
    const bytes = Buffer.from('招标文件原件');
    write(uploadSlotKey(key), bytes);
    const declared = {
      key,
      fileName: 'a.pdf',
      sha256: sha256Hex(bytes),
      size: bytes.length,
      path: 'documents.0',
    };
    const error = vi.spyOn(logger, 'error').mockImplementation(() => undefined);

    // Act: seal it, then an intruder writes another version at the key
    const pinned = await sealStoredAsDeclared(deps, [declared], { zh: '不符', en: 'Mismatch' });
    write(key, Buffer.from('偷换的文件'));
    const record = { key, sha256: declared.sha256, size: declared.size };
    const pinnedIntact = await isStoredIntact(deps, { ...record, versionId: pinned.get(key) });
    const latestIntact = await isStoredIntact(deps, record);
    const refused = assertStoredIntact(deps, record, { test: true }).catch((e: unknown) => e);

    // Assess
    expect(pinned.get(key)).toBe('v2');
    expect(pinnedIntact).toBe(true);
    expect(latestIntact).toBe(false);
    expect(await refused).toMatchObject({ status: 409, type: 'document-tampered' });
    expect(error).toHaveBeenCalledWith(
      expect.stringContaining('Security event'),
      expect.objectContaining({ securityEvent: 'document-tampered', key }),
    );
    error.mockRestore();
  });
});
