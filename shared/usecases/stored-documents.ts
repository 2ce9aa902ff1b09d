import type { Deps } from '../adapters/deps';
import { type BilingualText, type FieldIssue, UnprocessableError } from '../domain/errors';

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
 * Reads every declared object back from storage and fails with one 422 listing each object that is
 * missing or whose SHA-256 or size differ from the declaration.
 *
 * Why the app hashes the bytes itself: the S3 emulator checks nothing, and even real S3 is trusted
 * only as far as the bytes it returns. Used for tender documents and for sealed bid documents alike.
 */
export async function assertStoredAsDeclared(
  deps: Deps,
  objects: readonly DeclaredObject[],
  summary: BilingualText,
): Promise<void> {
  const problems: FieldIssue[] = [];
  await Promise.all(
    objects.map(async (object) => {
      const digest = await deps.documents.digest(object.key);
      if (!digest) {
        problems.push({
          path: object.path,
          message: {
            zh: `文件“${object.fileName}”尚未上传`,
            en: `Document '${object.fileName}' has not been uploaded`,
          },
        });
      } else if (digest.sha256 !== object.sha256 || digest.size !== object.size) {
        problems.push({
          path: object.path,
          message: {
            zh: `文件“${object.fileName}”的内容与声明的 SHA-256 不符`,
            en: `Document '${object.fileName}' does not match its declared SHA-256 and size`,
          },
        });
      }
    }),
  );
  if (problems.length > 0) {
    problems.sort((a, b) => a.path.localeCompare(b.path));
    throw new UnprocessableError('document-mismatch', summary, { errors: problems });
  }
}
