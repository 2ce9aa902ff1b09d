import type { ResponseOf } from './api';

/** One page of a tender's public audit log, as the API answers it. */
export type AuditLogPage = ResponseOf<'getTenderAudit'>;

/**
 * Joins the pages of a tender's audit log, read in order from the first to the last, into one log
 * with one verdict: intact only if every page is, each page starts where the one before ended
 * (its `previousHash` is that page's last hash), and the last page checked the recorded head.
 *
 * Why the join checks the seams too: each page is verified by the server against the event before
 * it, read again for that page; the browser makes sure it is the same event it was shown.
 */
export function joinAuditPages(pages: readonly AuditLogPage[]): AuditLogPage {
  const first = pages[0];
  const last = pages.at(-1);
  if (!first || !last) throw new Error('joinAuditPages needs at least one page');
  const events = pages.flatMap((page) => page.events);
  const headHash = events.at(-1)?.hash ?? null;
  const broken = (brokenAtSeq: number | null, reason: string | null): AuditLogPage['verification'] => ({
    valid: false,
    length: events.length,
    headHash,
    brokenAtSeq,
    reason,
  });
  let verification: AuditLogPage['verification'] = {
    valid: true,
    length: events.length,
    headHash,
    brokenAtSeq: null,
    reason: null,
  };
  for (const [i, page] of pages.entries()) {
    const before = pages[i - 1]?.events.at(-1);
    if (!page.verification.valid) {
      verification = broken(page.verification.brokenAtSeq, page.verification.reason);
      break;
    }
    if (before && page.page.previousHash !== before.hash) {
      verification = broken(page.page.fromSeq, 'a page does not continue from the page before it');
      break;
    }
  }
  if (verification.valid && (!last.page.headChecked || last.nextCursor !== null)) {
    verification = broken(null, 'the last page was not read, so the head was not checked');
  }
  return {
    tenderId: first.tenderId,
    events,
    verification,
    page: { ...first.page, recordedHead: last.page.recordedHead, headChecked: last.page.headChecked },
    nextCursor: last.nextCursor,
  };
}
