import { createHash } from 'node:crypto';

export { canonicalJson } from './canonical-json';

/**
 * SHA-256 of bytes or of a string's UTF-8, lowercase hex.
 *
 * Why synchronous and on `node:crypto`: server code (the audit chain, request digests) hashes inline;
 * code that must also run in the browser uses the sealing module's `digestSha256Hex` instead.
 */
export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}
