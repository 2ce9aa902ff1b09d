/**
 * A tender's version as an HTTP entity tag, and the version an `If-Match` header asks for.
 *
 * Why in the HTTP layer: entity tags are how HTTP spells optimistic locking; the use cases compare
 * versions (numbers) and never see a header.
 */

/** A tender's version as an ETag: `"v3"`. */
export function tenderEtag(tender: { version: number }): string {
  return `"v${tender.version}"`;
}

/**
 * The version an `If-Match` header requires: undefined when absent or `*` (no precondition),
 * NaN when it names no version of ours (it then matches none, and the change is refused).
 */
export function expectedVersionOf(ifMatch: string | undefined): number | undefined {
  if (ifMatch === undefined || ifMatch === '*') return undefined;
  const match = /^"v(0|[1-9]\d*)"$/.exec(ifMatch.replace(/^W\//, ''));
  return match ? Number(match[1]) : Number.NaN;
}
