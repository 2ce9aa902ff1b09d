/**
 * Serialises a JSON value with object keys sorted (by UTF-16 code units) at every depth, no white
 * space, and undefined members left out.
 *
 * Why: hashes over it (audit events, bid manifests) must not depend on property order, which
 * DynamoDB does not preserve, nor on the machine's locale. It lives apart from the hashing module
 * because it is pure: the sealing module, which also runs in the browser, needs it without
 * `node:crypto`.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
