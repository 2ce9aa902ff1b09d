import { AppError, type BilingualText, type FieldIssue, UnprocessableError } from '../domain/errors';
import type { Deps } from '../ports/deps';

/** A document the client declared by hash and size, and where its bytes should be. */
export interface DeclaredObject {
  /** Storage key. */
  key: string;
  /** File name, for the message. */
  fileName: string;
  /** Declared SHA-256, lowercase hex. */
  sha256: string;
  /** Declared size in bytes. */
  size: number;
  /** Field path the problem is reported at. */
  path: string;
}

/**
 * The key a client uploads to (an upload slot) for a document finally stored at `key`.
 *
 * Why a slot: a presigned PUT cannot be revoked, so the bytes the platform relies on live at a key
 * no client URL ever points to; replaying an old upload URL writes only into the slot.
 */
export function uploadSlotKey(key: string): string {
  return `uploads/${key}`;
}

/** Why stored bytes fail their declaration (missing, or another SHA-256 or size), or null when they match. */
function declarationProblem(
  object: DeclaredObject,
  digest: { sha256: string; size: number } | null,
): FieldIssue | null {
  if (!digest) {
    return {
      path: object.path,
      message: {
        zh: `文件“${object.fileName}”尚未上传`,
        en: `Document '${object.fileName}' has not been uploaded`,
      },
    };
  }
  if (digest.sha256 !== object.sha256 || digest.size !== object.size) {
    return {
      path: object.path,
      message: {
        zh: `文件“${object.fileName}”的内容与声明的 SHA-256 不符`,
        en: `Document '${object.fileName}' does not match its declared SHA-256 and size`,
      },
    };
  }
  return null;
}

/**
 * Copies every declared object from its upload slot to its own key, re-reads the copy and fails
 * with one 422 listing each object that is missing or whose SHA-256 or size differ; answers each
 * copy's object version (when the bucket is versioned) by key, to be recorded and pinned from then on.
 *
 * Why the app hashes the bytes itself: the S3 emulator checks nothing, and even real S3 is trusted
 * only as far as the bytes it returns. Used for tender, bid and contract documents alike.
 */
export async function sealStoredAsDeclared(
  deps: Deps,
  objects: readonly DeclaredObject[],
  summary: BilingualText,
): Promise<Map<string, string | undefined>> {
  const problems: FieldIssue[] = [];
  const versions = new Map<string, string | undefined>();
  await Promise.all(
    objects.map(async (object) => {
      const copied = await deps.documents.copy(uploadSlotKey(object.key), object.key);
      const digest = copied ? await deps.documents.digest(object.key, copied.versionId) : null;
      const problem = declarationProblem(object, digest);
      if (problem) problems.push(problem);
      else versions.set(object.key, copied?.versionId ?? digest?.versionId);
    }),
  );
  if (problems.length > 0) {
    problems.sort((a, b) => a.path.localeCompare(b.path));
    throw new UnprocessableError('document-mismatch', summary, { errors: problems });
  }
  return versions;
}

/** A stored document the platform relies on: where, which version, and what it must hash to. */
export interface RecordedObject {
  /** Storage key. */
  key: string;
  /** The version recorded when the document was sealed or published, if the bucket is versioned. */
  versionId?: string | undefined;
  /** Recorded SHA-256, lowercase hex. */
  sha256: string;
  /** Recorded size in bytes. */
  size: number;
}

/** Whether the stored bytes (of the recorded version) still hash to the recorded SHA-256 and size. */
export async function isStoredIntact(deps: Deps, object: RecordedObject): Promise<boolean> {
  const digest = await deps.documents.digest(object.key, object.versionId);
  return digest !== null && digest.sha256 === object.sha256 && digest.size === object.size;
}

/** Logs a security event: stored bytes differ from what the platform recorded. */
export function logTampering(deps: Deps, object: RecordedObject, context: Record<string, unknown>): void {
  deps.logger.error('Security event: stored document differs from its recorded SHA-256', {
    securityEvent: 'document-tampered',
    key: object.key,
    versionId: object.versionId ?? null,
    expectedSha256: object.sha256,
    expectedSize: object.size,
    ...context,
  });
}

/**
 * Re-hashes a stored document before the platform hands it out, and refuses with 409
 * `document-tampered` (logged as a security event) when it differs from the record.
 *
 * Why on every download: a URL to bytes that no longer match their published hash would present a
 * swapped document as the genuine one; the emulator checks nothing and even S3 is trusted only as
 * far as the bytes it returns.
 */
export async function assertStoredIntact(
  deps: Deps,
  object: RecordedObject,
  context: Record<string, unknown>,
): Promise<void> {
  if (await isStoredIntact(deps, object)) return;
  logTampering(deps, object, context);
  throw new AppError(
    409,
    'document-tampered',
    { zh: '文件已被篡改', en: 'Document tampered' },
    {
      zh: '存储的文件与其记录的 SHA-256 和大小不符，平台不予提供；已记录为安全事件',
      en: 'The stored document does not match its recorded SHA-256 and size; it is not served, and a security event was logged',
    },
  );
}
