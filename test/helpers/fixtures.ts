import { createHash } from 'node:crypto';

// The sample tender lives with the local demo, which plays it too; the tests use the very same one.
export { chinaMorning, openTenderContent } from '../../infra/local/sample-tender';

/** Adds whole days to an instant. */
export function daysAfter(instant: Date, days: number): Date {
  return new Date(instant.getTime() + days * 24 * 60 * 60 * 1000);
}

/** SHA-256 of bytes, lowercase hex. */
export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}
