/**
 * The paged audit logs, end to end on DynamoDB Local + s3rver through the HTTP gateway: a long log
 * read in small pages gives every event once and in order, each page says whether it is intact as
 * far as it can tell (linked within, to the event before it, and on the last page to the recorded
 * head), and the concatenated pages verify whole with the server's own verifyChain.
 */
import { DeleteCommand, DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { localDynamoClient } from '../../infra/local/local-stack';
import { keys } from '../../shared/adapters/dynamodb/keys';
import type { AuditEvent } from '../../shared/schemas/audit';
import type { Tender } from '../../shared/schemas/tender';
import { GENESIS_HASH, verifyChain } from '../../shared/usecases/audit-chain';
import { type ApiClient, type ApiResponse, attachDocument, startTestApi } from '../helpers/api';
import { makeSupplier, type PlacedBid, placeBid, tickAt } from '../helpers/bidder';
import { openTenderContent } from '../helpers/fixtures';

let api: ApiClient;
let purchaser: string;
let centre: string;
let db: DynamoDBDocumentClient;
/** A published tender whose log holds {@link LONG} events. */
let long: Tender;

/** The length of the long log: several pages of any small size, two and a half of the default. */
const LONG = 250;

beforeAll(async () => {
  api = await startTestApi();
  purchaser = await api.token('purchaser', 'org-audit-paging');
  centre = await api.token('centre', 'org-trading-centre');
  db = DynamoDBDocumentClient.from(localDynamoClient(inject('emulators').dynamo));
  long = await tenderWithLog(LONG);
}, 180_000);

afterAll(async () => {
  db.destroy();
  await api.gateway.stop();
});

/**
 * Publishes a tender whose log holds exactly `length` events: created, edited `length − 3` times,
 * a document declared, published.
 */
async function tenderWithLog(length: number, overrides: Record<string, unknown> = {}): Promise<Tender> {
  const created = await api.call('POST', '/api/tenders', {
    token: purchaser,
    body: openTenderContent(api.gateway.clock.now(), overrides),
  });
  if (created.status !== 201) throw new Error(`create: ${JSON.stringify(created.body)}`);
  const id = created.body.id as string;
  for (let i = 0; i < length - 3; i += 1) {
    const edited = await api.call('PATCH', `/api/tenders/${id}`, {
      token: purchaser,
      body: { title: `审计分页测试项目 第${i + 1}次修改` },
    });
    if (edited.status !== 200) throw new Error(`edit ${i}: ${JSON.stringify(edited.body)}`);
  }
  const doc = await attachDocument(api, purchaser, id, `招标文件 ${id}`);
  if (doc.uploadStatus !== 200) throw new Error(`upload: ${doc.uploadStatus}`);
  const published = await api.call('POST', `/api/tenders/${id}/publish`, { token: purchaser });
  if (published.status !== 200) throw new Error(`publish: ${JSON.stringify(published.body)}`);
  return published.body;
}

/** One page of an audit log as the routes answer it. */
interface AuditPageBody {
  /** On the centre's log each event also carries `restricted` and `restrictedValid`. */
  events: (AuditEvent & { restrictedValid?: boolean | null })[];
  verification: {
    valid: boolean;
    length: number;
    headHash: string | null;
    brokenAtSeq: number | null;
    reason: string | null;
  };
  page: {
    fromSeq: number;
    previousHash: string | null;
    recordedHead: { seq: number; hash: string };
    headChecked: boolean;
  };
  nextCursor: string | null;
  bids?: unknown[];
}

/** Follows a log's pages from the first to the one whose nextCursor is null. */
async function readAllPages(path: string, limit: number, token?: string): Promise<AuditPageBody[]> {
  const pages: AuditPageBody[] = [];
  let cursor: string | null = null;
  do {
    const query: string = `?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const response: ApiResponse<AuditPageBody> = await api.call(
      'GET',
      `${path}${query}`,
      token ? { token } : {},
    );
    if (response.status !== 200) throw new Error(`${path}${query}: ${JSON.stringify(response.body)}`);
    pages.push(response.body);
    cursor = response.body.nextCursor;
    if (pages.length > 1000) throw new Error('the pages never end');
  } while (cursor);
  return pages;
}

/** Rewrites an event's type directly in the table, as an operator with table access could. */
async function tamperEvent(tenderId: string, seq: number): Promise<void> {
  await db.send(
    new UpdateCommand({
      TableName: process.env['TABLE_NAME'],
      Key: keys.event(tenderId, seq),
      UpdateExpression: 'SET #d.#t = :t',
      ExpressionAttributeNames: { '#d': 'data', '#t': 'type' },
      ExpressionAttributeValues: { ':t': 'tender.rewrittenAfterTheFact' },
    }),
  );
}

describe('paging a long audit log', () => {
  it('returns every event exactly once, in order, each page valid and linked to the one before', async () => {
    // Act
    const pages = await readAllPages(`/api/tenders/${long.id}/audit`, 7);

    // Assess
    expect(pages).toHaveLength(Math.ceil(LONG / 7));
    const seqs = pages.flatMap((p) => p.events.map((e) => e.seq));
    expect(seqs).toEqual(Array.from({ length: LONG }, (_, i) => i + 1));
    let before: AuditEvent | undefined;
    for (const [i, page] of pages.entries()) {
      expect(page.verification, `page ${i + 1}`).toMatchObject({ valid: true, brokenAtSeq: null });
      expect(page.verification.length).toBe(page.events.length);
      expect(page.page.fromSeq).toBe((before?.seq ?? 0) + 1);
      expect(page.page.previousHash).toBe(before?.hash ?? GENESIS_HASH);
      expect(page.events[0]?.prevHash).toBe(page.page.previousHash);
      expect(page.page.headChecked).toBe(i === pages.length - 1);
      before = page.events.at(-1);
    }
  });

  it('gives pages that, concatenated, verify whole with the server’s verifyChain up to the recorded head', async () => {
    // Act
    const pages = await readAllPages(`/api/tenders/${long.id}/audit`, 13);
    const events = pages.flatMap((p) => p.events);
    const whole = verifyChain(events);

    // Assess
    const last = pages.at(-1);
    expect(whole).toMatchObject({ valid: true, length: LONG, brokenAtSeq: null });
    expect(last?.nextCursor).toBeNull();
    expect(last?.page.recordedHead).toEqual({ seq: LONG, hash: whole.headHash });
    expect(last?.verification.headHash).toBe(whole.headHash);
  });

  it('answers a call without limit with a page of 100 and a cursor, and a short log whole as before', async () => {
    // Prepare
    const short = await tenderWithLog(3);

    // Act
    const first = await api.call('GET', `/api/tenders/${long.id}/audit`);
    const whole = await api.call('GET', `/api/tenders/${short.id}/audit`);

    // Assess
    expect(first.body.events).toHaveLength(100);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    expect(first.body.verification).toMatchObject({ valid: true, length: 100 });
    expect(whole.body.events.map((e: AuditEvent) => e.type)).toEqual([
      'tender.created',
      'tender.documentDeclared',
      'tender.published',
    ]);
    expect(whole.body.nextCursor).toBeNull();
    expect(whole.body.verification).toMatchObject({
      valid: true,
      length: 3,
      brokenAtSeq: null,
      reason: null,
    });
    expect(whole.body.page).toMatchObject({ fromSeq: 1, previousHash: GENESIS_HASH, headChecked: true });
  });
});

describe('a tampered log, page by page', () => {
  it('breaks only the page holding an event edited in its middle', async () => {
    // Prepare
    const tender = await tenderWithLog(30);
    await tamperEvent(tender.id, 15);

    // Act
    const pages = await readAllPages(`/api/tenders/${tender.id}/audit`, 10);

    // Assess
    expect(pages.map((p) => p.verification.valid)).toEqual([true, false, true]);
    expect(pages[1]?.verification).toMatchObject({
      brokenAtSeq: 15,
      reason: 'event content does not match its hash',
    });
    expect(verifyChain(pages.flatMap((p) => p.events))).toMatchObject({ valid: false, brokenAtSeq: 15 });
  });

  it('breaks the page holding an edited last event and the next page’s link to it', async () => {
    // Prepare
    const tender = await tenderWithLog(30);
    await tamperEvent(tender.id, 20);

    // Act
    const pages = await readAllPages(`/api/tenders/${tender.id}/audit`, 10);

    // Assess
    expect(pages.map((p) => p.verification.valid)).toEqual([true, false, false]);
    expect(pages[1]?.verification).toMatchObject({ brokenAtSeq: 20 });
    expect(pages[2]?.verification).toMatchObject({
      brokenAtSeq: 20,
      reason: 'the event before this page does not match its hash',
    });
    expect(pages[2]?.page.fromSeq).toBe(21);
  });

  it('checks the head on the last page: events removed from the end break it, not the pages before', async () => {
    // Prepare
    const tender = await tenderWithLog(25);
    await db.send(
      new DeleteCommand({ TableName: process.env['TABLE_NAME'], Key: keys.event(tender.id, 25) }),
    );

    // Act
    const pages = await readAllPages(`/api/tenders/${tender.id}/audit`, 10);

    // Assess
    expect(pages.map((p) => p.verification.valid)).toEqual([true, true, false]);
    expect(pages[2]?.page).toMatchObject({ headChecked: true, recordedHead: { seq: 25 } });
    expect(pages[2]?.events.map((e) => e.seq)).toEqual([21, 22, 23, 24]);
    expect(pages[2]?.verification).toMatchObject({
      brokenAtSeq: 25,
      reason: 'the chain head does not match the tender (events missing at the end)',
    });
    // Concatenated, the pages still verify as a chain: only the recorded head tells it is short.
    const events = pages.flatMap((p) => p.events);
    expect(verifyChain(events).valid).toBe(true);
    expect(events.at(-1)?.hash).not.toBe(pages[2]?.page.recordedHead.hash);
  });
});

describe('cursors', () => {
  it('refuses a cursor that is no cursor, or one of another tender, with a 400 in Chinese and English', async () => {
    // Prepare
    const other = await tenderWithLog(12);
    const foreign = (await api.call('GET', `/api/tenders/${other.id}/audit?limit=5`)).body
      .nextCursor as string;
    const pastTheHead = Buffer.from(JSON.stringify({ c: `T#${long.id}`, after: LONG })).toString('base64url');

    // Act
    const answers = await Promise.all(
      ['not-a-cursor', foreign, pastTheHead].map((cursor) =>
        api.call('GET', `/api/tenders/${long.id}/audit?limit=5&cursor=${encodeURIComponent(cursor)}`),
      ),
    );

    // Assess
    for (const answer of answers) {
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ detail_zh: '分页游标无效', detail_en: 'Invalid cursor' });
      expect(answer.body.errors[0]).toMatchObject({
        path: 'query.cursor',
        message_zh: '分页游标无效或已过期',
        message_en: 'The cursor is invalid for this list',
      });
    }
  });
});

describe('the restricted and the bid logs, paged', () => {
  let tender: Tender;
  let bids: PlacedBid[];
  let bidders: Awaited<ReturnType<typeof makeSupplier>>[];

  beforeAll(async () => {
    tender = await tenderWithLog(40);
    bidders = [];
    for (let n = 1; n <= 3; n += 1) bidders.push(await makeSupplier(api, 9100 + n));
    bids = [];
    for (const [i, supplier] of bidders.entries())
      bids.push(await placeBid(api, supplier, tender.id, 200_000_000 + i * 1_000_000));
    await tickAt(api, tender.content.timeline.bidDeadline);
  }, 120_000);

  it('pages the centre’s log with every restricted record, and gives the bid chains on the first page only', async () => {
    // Act
    const pages = await readAllPages(`/api/tenders/${tender.id}/audit/restricted`, 15, centre);
    const events = pages.flatMap((p) => p.events);

    // Assess
    expect(pages.length).toBeGreaterThan(2);
    expect(pages.every((p) => p.verification.valid)).toBe(true);
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: events.length }, (_, i) => i + 1));
    expect(events.every((e) => e.restrictedValid === true)).toBe(true);
    // The chain covers the public fields: the restricted record (hashEvent skips it) and its check are not.
    const publicEvents = events.map(({ restrictedValid: _checked, ...event }) => event);
    expect(verifyChain(publicEvents).valid).toBe(true);
    expect(events.at(-1)?.hash).toBe(pages.at(-1)?.page.recordedHead.hash);
    expect(pages[0]?.bids).toHaveLength(3);
    expect(pages.slice(1).every((p) => p.bids?.length === 0)).toBe(true);
  });

  it('pages a bid’s own chain one event at a time, each page verified, up to the bid’s head', async () => {
    // Act
    const bid = bids[0] as PlacedBid;
    const pages = await readAllPages(
      `/api/tenders/${tender.id}/bids/${bid.bidId}/audit`,
      1,
      bidders[0]?.token,
    );
    const events = pages.flatMap((p) => p.events);
    const whole = await api.call('GET', `/api/tenders/${tender.id}/bids/${bid.bidId}/audit`, {
      token: bidders[0]?.token,
    });

    // Assess
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pages.every((p) => p.events.length === 1 && p.verification.valid)).toBe(true);
    expect(events.every((e) => e.bidId === bid.bidId)).toBe(true);
    expect(verifyChain(events)).toMatchObject({ valid: true, length: pages.length });
    expect(pages.at(-1)?.page.recordedHead.hash).toBe(events.at(-1)?.hash);
    expect(whole.body.events).toEqual(events);
    expect(whole.body.verification).toMatchObject({ valid: true, length: events.length });
  });

  it('refuses a tender’s cursor on a bid’s chain', async () => {
    // Prepare
    const bid = bids[1] as PlacedBid;
    const cursor = (await api.call('GET', `/api/tenders/${tender.id}/audit?limit=1`)).body
      .nextCursor as string;

    // Act
    const answer = await api.call(
      'GET',
      `/api/tenders/${tender.id}/bids/${bid.bidId}/audit?limit=1&cursor=${encodeURIComponent(cursor)}`,
      { token: bidders[1]?.token },
    );

    // Assess
    expect(answer.status).toBe(400);
    expect(answer.body.detail_en).toBe('Invalid cursor');
  });
});
