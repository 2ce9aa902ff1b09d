/**
 * The live channel of the auction rooms on the local gateway: `/api/live?channel=auction:<tenderId>`,
 * the protocol of the WebSocket API in AWS. Quotes, the tick's close and the reserve reveal are pushed
 * as `LiveAuctionMessageSchema` frames carrying the view the polled route answers.
 */
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { getDeps, overrideDeps } from '../../shared/adapters/deps';
import type { Logger } from '../../shared/ports/logger';
import {
  auctionChannel,
  type LiveAuctionMessage,
  LiveAuctionMessageSchema,
} from '../../shared/schemas/transfer';
import { type ApiClient, startTestApi } from '../helpers/api';
import { makeSupplier, type TestSupplier, tickAt } from '../helpers/bidder';
import { enrolBidder, LAND_TERMS, publishTransfer, quote } from '../helpers/transfer';

const MINUTE = 60_000;

let api: ApiClient;
let purchaser: string;
let centre: string;
let nextSupplier = 1200;
const open: WebSocket[] = [];

/** A client of one channel: every frame it received, parsed, in order. */
interface Subscriber {
  socket: WebSocket;
  received: LiveAuctionMessage[];
  /** The n-th message (0-based), waiting for it if it has not come yet. */
  message(n: number): Promise<LiveAuctionMessage>;
}

/** The gateway's WebSocket URL of a channel. */
function liveUrl(channel: string | null): string {
  const base = `${api.gateway.url.replace(/^http/, 'ws')}/api/live`;
  return channel === null ? base : `${base}?channel=${encodeURIComponent(channel)}`;
}

/** Connects to a channel and collects what it pushes (each frame parsed with the message schema). */
async function subscribe(channel: string): Promise<Subscriber> {
  const socket = new WebSocket(liveUrl(channel));
  open.push(socket);
  const received: LiveAuctionMessage[] = [];
  const waiting: Array<() => void> = [];
  socket.on('message', (data, isBinary) => {
    expect(isBinary).toBe(false);
    received.push(LiveAuctionMessageSchema.parse(JSON.parse(data.toString())));
    for (const wake of waiting.splice(0)) wake();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return {
    socket,
    received,
    message: async (n) => {
      while (received.length <= n) await new Promise<void>((wake) => waiting.push(wake));
      return received[n] as LiveAuctionMessage;
    },
  };
}

/** The HTTP answer to an upgrade the gateway refuses (status and body), or an error if it accepts. */
function refusal(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.on('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    socket.on('open', () => {
      socket.terminate();
      reject(new Error(`${url} was accepted`));
    });
    socket.on('error', () => undefined);
  });
}

/** Fresh suppliers with profiles. */
async function suppliers(count: number): Promise<TestSupplier[]> {
  const made: TestSupplier[] = [];
  for (let i = 0; i < count; i += 1) made.push(await makeSupplier(api, nextSupplier++, 'large'));
  return made;
}

/** A published transfer with `count` confirmed bidders. */
async function enrolled(count: number, options: Parameters<typeof publishTransfer>[2] = {}) {
  const published = await publishTransfer(api, purchaser, options);
  const bidders = await suppliers(count);
  for (const bidder of bidders) await enrolBidder(api, published.tender.id, centre, bidder);
  return { ...published, bidders };
}

/** Moves the clock into a transfer's listing. */
function intoListing(tender: { content: { timeline: { documentsFrom: string } } }): void {
  api.gateway.clock.set(new Date(Date.parse(tender.content.timeline.documentsFrom) + MINUTE));
}

/** A published transfer with `count` confirmed bidders, the clock inside its listing. */
async function transferWith(count: number, options: Parameters<typeof publishTransfer>[2] = {}) {
  const transfer = await enrolled(count, options);
  intoListing(transfer.tender);
  return transfer;
}

beforeAll(async () => {
  api = await startTestApi();
  purchaser = await api.token('purchaser', 'org-land-bureau-live');
  centre = await api.token('centre', 'org-trading-centre');
});
afterAll(async () => {
  for (const socket of open) socket.terminate();
  await api?.gateway.stop();
});

describe('the live channel of an auction room (/api/live)', () => {
  it('names itself in /config.json', async () => {
    // Act
    const config = await fetch(`${api.gateway.url}/config.json`);

    // Assess
    expect(await config.json()).toMatchObject({ live: { url: '/api/live' } });
  });

  it("pushes an accepted quote to every subscriber of the tender's channel and to no other", async () => {
    // Prepare: two rooms, two subscribers of the first and one of the second
    const first = await enrolled(1);
    const second = await enrolled(1);
    intoListing(second.tender);
    const [a] = first.bidders as [TestSupplier];
    const [b] = second.bidders as [TestSupplier];
    const one = await subscribe(auctionChannel(first.tender.id));
    const two = await subscribe(auctionChannel(first.tender.id));
    const other = await subscribe(auctionChannel(second.tender.id));

    // Act: a quote in the first room, then one in the second
    const placed = await quote(api, first.tender.id, a, LAND_TERMS.startPriceFen);
    const toOne = await one.message(0);
    const toTwo = await two.message(0);
    const elsewhere = await quote(api, second.tender.id, b, LAND_TERMS.startPriceFen + 10_000_000);
    const toOther = await other.message(0);
    const polled = (await api.call('GET', `/api/tenders/${first.tender.id}/auction`)).body;

    // Assess: the pushed view is the quote's answer, the same as the polled one but for the instant
    expect(placed.status).toBe(201);
    expect(toOne).toMatchObject({ type: 'auction', event: 'quote', tenderId: first.tender.id });
    expect(toOne.view).toEqual(placed.body.auction);
    expect(toOne.view).toMatchObject({
      currentPriceFen: LAND_TERMS.startPriceFen,
      quoteCount: 1,
      leaderBidderNo: placed.body.quote.bidderNo,
    });
    expect(toOne.view.recentQuotes[0]).toMatchObject({ seq: 1, amountFen: LAND_TERMS.startPriceFen });
    expect({ ...toOne.view, serverTime: null }).toEqual({ ...polled, serverTime: null });
    expect(toTwo).toEqual(toOne);
    // The second room's first message is its own quote: the first room's never reached it
    expect(elsewhere.status).toBe(201);
    expect(toOther).toMatchObject({ event: 'quote', tenderId: second.tender.id });
    expect(toOther.view).toMatchObject({
      currentPriceFen: LAND_TERMS.startPriceFen + 10_000_000,
      quoteCount: 1,
    });
    expect(other.received).toHaveLength(1);
    // ... and the first room heard nothing of the second
    const again = await quote(api, first.tender.id, a, LAND_TERMS.startPriceFen + 10_000_000);
    expect(again.status).toBe(201);
    expect((await one.message(1)).view.quoteCount).toBe(2);
    expect(one.received.map((m) => m.tenderId)).toEqual([first.tender.id, first.tender.id]);
  });

  it("pushes the restarted countdown, then the tick's close with the result", async () => {
    // Prepare: an auction (拍卖) counts down from its start
    const { tender, bidders } = await transferWith(2, { method: 'auction' });
    const [a, b] = bidders as [TestSupplier, TestSupplier];
    api.gateway.clock.set(new Date(Date.parse(tender.content.timeline.bidDeadline) + 1000));
    const room = await subscribe(auctionChannel(tender.id));

    // Act: a quote, one 10 s before the countdown's end, then the end and the tick
    const opening = await quote(api, tender.id, a, LAND_TERMS.startPriceFen);
    const firstEnd = Date.parse((await room.message(0)).view.countdownUntil as string);
    api.gateway.clock.set(new Date(firstEnd - 10_000));
    const late = await quote(api, tender.id, b, LAND_TERMS.startPriceFen + 10_000_000);
    const restarted = await room.message(1);
    await tickAt(api, new Date(Date.parse(restarted.view.countdownUntil as string)));
    const closed = await room.message(2);

    // Assess: 第四十二条 — the countdown restarts from the late quote; the close is pushed as 'closed'
    expect(opening.status).toBe(201);
    expect(late.status).toBe(201);
    expect(firstEnd).toBe(Date.parse(opening.body.quote.at) + 5 * MINUTE);
    expect(restarted.event).toBe('quote');
    expect(restarted.view.phase).toBe('countdown');
    expect(restarted.view.countdownUntil).toBe(
      new Date(Date.parse(late.body.quote.at) + 5 * MINUTE).toISOString(),
    );
    expect(Date.parse(restarted.view.countdownUntil as string)).toBeGreaterThan(firstEnd);
    expect(closed).toMatchObject({ event: 'closed', tenderId: tender.id });
    expect(closed.view).toMatchObject({
      phase: 'closed',
      status: 'awarded',
      minimumQuoteFen: null,
      currentPriceFen: LAND_TERMS.startPriceFen + 10_000_000,
      quoteCount: 2,
    });
  });

  it('pushes the close that awaits the reserve, then the reveal that decides', async () => {
    // Prepare: a listing with a sealed reserve of 1005万元
    const { tender, bidders, reserve } = await transferWith(1, { reserveFen: 1_005_000_000 });
    const [a] = bidders as [TestSupplier];
    const room = await subscribe(auctionChannel(tender.id));
    await quote(api, tender.id, a, LAND_TERMS.startPriceFen + 10_000_000);

    // Act
    await tickAt(api, new Date(Date.parse(tender.content.timeline.bidDeadline) + 1000));
    const closed = await room.message(1);
    const revealed = await api.call('POST', `/api/tenders/${tender.id}/auction/reserve`, {
      token: purchaser,
      body: reserve,
    });
    const decided = await room.message(2);

    // Assess: the reserve is unknown at the close, open and reached at the reveal
    expect(closed).toMatchObject({ event: 'closed', view: { status: 'awarding', phase: 'closed' } });
    expect(closed.view.reserve ?? null).toBeNull();
    expect(revealed.status).toBe(200);
    expect(decided).toMatchObject({
      event: 'reserve',
      view: { status: 'awarded', reserve: { priceFen: 1_005_000_000, matches: true } },
    });
  });

  it('pushes the cancellation (终止) of a transfer as its close', async () => {
    // Prepare
    const { tender } = await transferWith(1);
    const room = await subscribe(auctionChannel(tender.id));

    // Act
    const cancelled = await api.call('POST', `/api/tenders/${tender.id}/cancel`, {
      token: purchaser,
      body: { reason: '出让方案调整，终止本次挂牌出让' },
    });
    const closed = await room.message(0);

    // Assess
    expect(cancelled.status).toBe(200);
    expect(closed).toMatchObject({
      event: 'closed',
      tenderId: tender.id,
      view: { status: 'cancelled', phase: 'closed', minimumQuoteFen: null },
    });
  });

  it('refuses an upgrade without a valid auction channel with 400, and any other path with 404', async () => {
    // Act
    const missing = await refusal(liveUrl(null));
    const notAnId = await refusal(liveUrl('auction:not-a-tender'));
    const otherKind = await refusal(liveUrl(`tender:${ulid()}`));
    const otherPath = await refusal(`${api.gateway.url.replace(/^http/, 'ws')}/api/live-elsewhere`);

    // Assess
    for (const refused of [missing, notAnId, otherKind]) {
      expect(refused.status).toBe(400);
      expect(JSON.parse(refused.body).detail).toContain('auction:<tenderId>');
      expect(JSON.parse(refused.body).detail).toContain('频道');
    }
    expect(otherPath.status).toBe(404);
  });

  it('drops a client that closed, and one that vanished, without failing the quote or the others', async () => {
    // Prepare: three subscribers; one closes cleanly, one's socket is destroyed under it
    const { tender, bidders } = await transferWith(1);
    const [a] = bidders as [TestSupplier];
    const channel = auctionChannel(tender.id);
    const stays = await subscribe(channel);
    const leaves = await subscribe(channel);
    const vanishes = await subscribe(channel);
    expect(api.gateway.live.subscribers(channel)).toBe(3);

    // Act
    await new Promise<void>((resolve) => {
      leaves.socket.once('close', () => resolve());
      leaves.socket.close();
    });
    vanishes.socket.terminate();
    const placed = await quote(api, tender.id, a, LAND_TERMS.startPriceFen);
    const delivered = await stays.message(0);

    // Assess
    expect(placed.status).toBe(201);
    expect(delivered.view.quoteCount).toBe(1);
    expect(leaves.received).toEqual([]);
    await expect.poll(() => api.gateway.live.subscribers(channel)).toBe(1);
  });

  it('answers the quote when the push fails, and logs a warning naming the transfer', async () => {
    // Prepare: a publisher whose every push fails, and a logger that keeps its lines
    const { tender, bidders } = await transferWith(1);
    const [a] = bidders as [TestSupplier];
    const real = getDeps();
    const warnings: Array<{ message: string; extra: Record<string, unknown>[] }> = [];
    const keeping: Logger = {
      info: () => undefined,
      error: () => undefined,
      warn: (message, ...extra) => warnings.push({ message, extra }),
    };
    overrideDeps({
      live: { publish: () => Promise.reject(new Error('endpoint unreachable')) },
      logger: keeping,
    });

    // Act
    let placed: Awaited<ReturnType<typeof quote>>;
    try {
      placed = await quote(api, tender.id, a, LAND_TERMS.startPriceFen);
    } finally {
      overrideDeps({ live: real.live, logger: real.logger });
    }
    const polled = (await api.call('GET', `/api/tenders/${tender.id}/auction`)).body;

    // Assess
    expect(placed.status).toBe(201);
    expect(polled.quoteCount).toBe(1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toContain('Live push failed');
    expect(warnings[0]?.extra[0]).toMatchObject({ tenderId: tender.id, event: 'quote' });
  });

  it('ignores what a client sends and answers its pings', async () => {
    // Prepare
    const { tender, bidders } = await transferWith(1);
    const [a] = bidders as [TestSupplier];
    const room = await subscribe(auctionChannel(tender.id));

    // Act
    room.socket.send('{"type":"quote","amountFen":1}');
    const pong = new Promise<string>((resolve) =>
      room.socket.once('pong', (data) => resolve(data.toString())),
    );
    room.socket.ping('are-you-there');
    const answered = await pong;
    const placed = await quote(api, tender.id, a, LAND_TERMS.startPriceFen);
    const first = await room.message(0);

    // Assess: nothing was quoted by the frame; the room still gets the real quote
    expect(answered).toBe('are-you-there');
    expect(placed.status).toBe(201);
    expect(first).toMatchObject({ event: 'quote', view: { quoteCount: 1 } });
  });
});
