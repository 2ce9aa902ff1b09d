import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../shared/schemas/audit';
import { GENESIS_HASH, sealEvent, toPublicEvent, verifyChainFrom } from '../../shared/usecases/audit-chain';
import { type AuditLogPage, joinAuditPages } from '../../shared/web/src/lib/audit-pages';

const TENDER = '01JDQ3Z6B2W7X9Y0A1B2C3D4E5';

/** A chain of `n` public events, sealed the way the use cases seal them. */
function chain(n: number): AuditEvent[] {
  const events: AuditEvent[] = [];
  for (let i = 0; i < n; i += 1) {
    const prev = events.at(-1);
    const sealed = sealEvent(
      {
        tenderId: TENDER,
        type: i === 0 ? 'tender.created' : 'tender.updated',
        at: new Date(Date.UTC(2026, 0, 5, 1, i)).toISOString(),
        actor: { sub: 'u1', orgId: 'org-1', role: 'purchaser' },
        data: { step: i },
      },
      prev?.seq ?? 0,
      prev?.hash ?? GENESIS_HASH,
    );
    events.push(toPublicEvent(sealed));
  }
  return events;
}

/** Cuts a chain into pages of `size` as the server answers them, each verified from the one before. */
function pagesOf(events: AuditEvent[], size: number): AuditLogPage[] {
  const head = events.at(-1) as AuditEvent;
  const pages: AuditLogPage[] = [];
  for (let start = 0; start < events.length; start += size) {
    const slice = events.slice(start, start + size);
    const before = events[start - 1];
    const last = start + size >= events.length;
    pages.push({
      tenderId: TENDER,
      events: slice,
      verification: verifyChainFrom(slice, { seq: start, hash: before?.hash ?? GENESIS_HASH }),
      page: {
        fromSeq: start + 1,
        previousHash: before?.hash ?? GENESIS_HASH,
        recordedHead: { seq: head.seq, hash: head.hash },
        headChecked: last,
      },
      nextCursor: last ? null : `after-${start + size}`,
    });
  }
  return pages;
}

describe('the tender page joins the audit log’s pages into one verdict', () => {
  it('says intact for intact pages, with the whole length and the head', () => {
    // Prepare
    const events = chain(23);

    // Act
    const joined = joinAuditPages(pagesOf(events, 5));

    // Assess
    expect(joined.events).toEqual(events);
    expect(joined.verification).toEqual({
      valid: true,
      length: 23,
      headHash: events.at(-1)?.hash,
      brokenAtSeq: null,
      reason: null,
    });
    expect(joined.nextCursor).toBeNull();
  });

  it('says broken where a page says so', () => {
    // Prepare
    const pages = pagesOf(chain(12), 5);
    const second = pages[1] as AuditLogPage;
    pages[1] = {
      ...second,
      verification: {
        ...second.verification,
        valid: false,
        brokenAtSeq: 8,
        reason: 'event content does not match its hash',
      },
    };

    // Act
    const joined = joinAuditPages(pages);

    // Assess
    expect(joined.verification).toMatchObject({ valid: false, brokenAtSeq: 8, length: 12 });
  });

  it('says broken where a page does not continue from the page before it', () => {
    // Prepare: the second page is valid from another predecessor than the first page's last event
    const pages = pagesOf(chain(10), 5);
    const second = pages[1] as AuditLogPage;
    pages[1] = { ...second, page: { ...second.page, previousHash: 'f'.repeat(64) } };

    // Act
    const joined = joinAuditPages(pages);

    // Assess
    expect(joined.verification).toMatchObject({ valid: false, brokenAtSeq: 6, length: 10 });
  });

  it('does not say intact when the last page was not read', () => {
    // Prepare
    const pages = pagesOf(chain(10), 5).slice(0, 1);

    // Act
    const joined = joinAuditPages(pages);

    // Assess
    expect(joined.verification.valid).toBe(false);
    expect(joined.verification.reason).toMatch(/head was not checked/);
  });
});
