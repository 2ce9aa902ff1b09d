import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_SCHEDULE_2027, FIXTURE_YEAR } from '../../infra/local/calendar-fixture-2027';
import { addCalendarDays, buildCalendar, chinaDate, isWorkingDay } from '../../shared/domain/calendar';
import { type ApiClient, startTestApi } from '../helpers/api';
import { makeSupplier, type TestSupplier, tickAt } from '../helpers/bidder';
import { depositOf, enrolBidder, LAND_TERMS, publishTransfer, quote } from '../helpers/transfer';

/** Citation of the Fujian online trading rules (福建网上交易规则), as the rules table writes it. */
const FUJIAN = '福建省国有建设用地使用权出让网上交易规则（试行）';
const MINUTE = 60_000;

let api: ApiClient;
let purchaser: string;
let centre: string;
let nextSupplier = 900;

/** Fresh suppliers with profiles (numbers never reused within the file). */
async function suppliers(count: number): Promise<TestSupplier[]> {
  const made: TestSupplier[] = [];
  for (let i = 0; i < count; i += 1) made.push(await makeSupplier(api, nextSupplier++, 'large'));
  return made;
}

/** Publishes a listing, enrols `count` bidders and moves the clock into the listing. */
async function listingWith(count: number, options: Parameters<typeof publishTransfer>[2] = {}) {
  const published = await publishTransfer(api, purchaser, options);
  const bidders = await suppliers(count);
  const numbers: string[] = [];
  for (const bidder of bidders) numbers.push(await enrolBidder(api, published.tender.id, centre, bidder));
  api.gateway.clock.set(new Date(Date.parse(published.tender.content.timeline.documentsFrom) + MINUTE));
  return { ...published, bidders, numbers };
}

async function auctionOf(tenderId: string) {
  return (await api.call('GET', `/api/tenders/${tenderId}/auction`)).body;
}

beforeAll(async () => {
  api = await startTestApi();
  purchaser = await api.token('purchaser', 'org-land-bureau');
  centre = await api.token('centre', 'org-trading-centre');
});
afterAll(async () => {
  await api?.gateway.stop();
});

describe('a live listing (网上挂牌): quotes update the listed price', () => {
  it('takes quotes of at least the current price plus the increment, and refuses one below with 第三十条', async () => {
    // Prepare: three bidders with confirmed deposits, each known by a six-digit 竞买号
    const { tender, bidders, numbers } = await listingWith(3);
    const [a, b, c] = bidders as [TestSupplier, TestSupplier, TestSupplier];

    // Act
    const belowStart = await quote(api, tender.id, a, LAND_TERMS.startPriceFen - 100_000);
    const first = await quote(api, tender.id, a, LAND_TERMS.startPriceFen);
    const belowIncrement = await quote(api, tender.id, b, LAND_TERMS.startPriceFen + 5_000_000);
    const offUnit = await quote(api, tender.id, b, LAND_TERMS.startPriceFen + 10_050_000);
    const second = await quote(api, tender.id, b, LAND_TERMS.startPriceFen + 10_000_000);
    const third = await quote(api, tender.id, c, LAND_TERMS.startPriceFen + 30_000_000);
    const view = await auctionOf(tender.id);
    const history = await api.call('GET', `/api/tenders/${tender.id}/auction/quotes`);
    const audit = await api.call('GET', `/api/tenders/${tender.id}/audit`);
    const timeline = await api.call('GET', `/api/tenders/${tender.id}/timeline`);

    // Assess: 福建网上交易规则第三十条 — the first at least the start, each later one increment above
    expect(new Set(numbers).size).toBe(3);
    for (const no of numbers) expect(no).toMatch(/^\d{6}$/);
    expect(belowStart.status).toBe(422);
    expect(belowStart.body.errors[0]).toMatchObject({
      rule: 'transfer.quote-unit',
      citation: `${FUJIAN}第三十条`,
    });
    expect(belowStart.body.errors[0].message_zh).toContain('初次报价不得低于起始价');
    expect(first.status).toBe(201);
    expect(belowIncrement.status).toBe(422);
    expect(belowIncrement.body.errors[0].message_zh).toContain('至少高一个加价幅度');
    // The least quote in 万元 for people, in 分 in English (as the rest of the API counts money)
    expect(belowIncrement.body.errors[0].message_zh).toContain('至少 1010万元');
    expect(belowIncrement.body.errors[0].message_en).toContain(
      `${LAND_TERMS.startPriceFen + 10_000_000} fen`,
    );
    expect(offUnit.status).toBe(422);
    expect(offUnit.body.errors[0].message_zh).toContain('整数倍');
    expect(second.status).toBe(201);
    expect(third.status).toBe(201);
    expect(view).toMatchObject({
      phase: 'listing',
      currentPriceFen: LAND_TERMS.startPriceFen + 30_000_000,
      minimumQuoteFen: LAND_TERMS.startPriceFen + 40_000_000,
      leaderBidderNo: numbers[2],
      quoteCount: 3,
    });
    expect(history.body.items.map((q: { bidderNo: string }) => q.bidderNo)).toEqual(numbers);
    // Bidders are known to each other by 竞买号 only (第二十五条): no organisation in public reads
    const publicText = JSON.stringify([view, history.body, audit.body]);
    for (const bidder of bidders) {
      expect(publicText).not.toContain(bidder.orgId);
      expect(publicText).not.toContain(bidder.name);
    }
    const quoted = audit.body.events.filter((e: { type: string }) => e.type === 'transfer.quoted');
    expect(quoted.map((e: { data: { amountFen: number } }) => e.data.amountFen)).toEqual([
      LAND_TERMS.startPriceFen,
      LAND_TERMS.startPriceFen + 10_000_000,
      LAND_TERMS.startPriceFen + 30_000_000,
    ]);
    expect(audit.body.verification).toMatchObject({ valid: true, brokenAtSeq: null });
    // Its timeline is a listing's: no decryption, opening record or evaluation steps
    const steps = timeline.body.steps.map((step: { key: string; label: string }) => step.label);
    expect(steps).toEqual([
      '发布出让公告',
      '挂牌起始（开始接受报价）',
      '竞买申请截止',
      '挂牌截止（如转入限时竞价，以倒计时结束为准）',
    ]);
  });

  it('accepts exactly one of 100 concurrent quotes at the same level and tells the others the new price', async () => {
    // Prepare: ten bidders, each sending ten quotes of the same amount at once
    const { tender, bidders } = await listingWith(10);
    const amount = LAND_TERMS.startPriceFen + 50_000_000;

    // Act
    const answers = await Promise.all(
      bidders.flatMap((bidder) => Array.from({ length: 10 }, () => quote(api, tender.id, bidder, amount))),
    );
    const view = await auctionOf(tender.id);
    const history = await api.call('GET', `/api/tenders/${tender.id}/auction/quotes`);

    // Assess
    const accepted = answers.filter((r) => r.status === 201);
    const refused = answers.filter((r) => r.status !== 201);
    expect(answers).toHaveLength(100);
    expect(accepted).toHaveLength(1);
    expect(refused.every((r) => r.status === 409 || r.status === 422)).toBe(true);
    const told = refused.filter((r) => r.status === 409);
    for (const r of told) expect(r.body.currentPriceFen ?? r.body.extensions?.currentPriceFen).toBe(amount);
    expect(view.quoteCount).toBe(1);
    expect(view.currentPriceFen).toBe(amount);
    expect(history.body.items).toHaveLength(1);
  });

  it('refuses a quote from a bidder whose deposit is not confirmed, and one that did not apply', async () => {
    // Prepare: one applied but not confirmed, one never applied
    const { tender } = await listingWith(1);
    const [pending, stranger] = await suppliers(2);
    const applied = await api.call('POST', `/api/tenders/${tender.id}/transfer/applications`, {
      token: (pending as TestSupplier).token,
      body: { deposit: depositOf(pending as TestSupplier) },
    });
    const short = await api.call('POST', `/api/tenders/${tender.id}/transfer/applications`, {
      token: (stranger as TestSupplier).token,
      body: { deposit: depositOf(stranger as TestSupplier, LAND_TERMS.depositFen - 1) },
    });

    // Act
    const fromPending = await quote(api, tender.id, pending as TestSupplier, LAND_TERMS.startPriceFen);
    const fromStranger = await quote(api, tender.id, stranger as TestSupplier, LAND_TERMS.startPriceFen);
    const mine = await api.call('GET', `/api/tenders/${tender.id}/transfer/application`, {
      token: (pending as TestSupplier).token,
    });

    // Assess: 福建网上交易规则第二十二条第一项 — the 竞买号 after the deposit is confirmed
    expect(applied.status).toBe(201);
    expect(applied.body).toMatchObject({ status: 'applied', bidderNo: null, settlement: 'held' });
    expect(short.status).toBe(422);
    expect(short.body.errors[0].citation).toBe(`${FUJIAN}第二十一条第五项`);
    for (const refused of [fromPending, fromStranger]) {
      expect(refused.status).toBe(422);
      expect(refused.body.errors[0]).toMatchObject({ rule: 'transfer.deposit-confirmed' });
    }
    expect(mine.body).toMatchObject({ status: 'applied', bidderNo: null });
    expect((await auctionOf(tender.id)).quoteCount).toBe(0);
  });
});

describe('a supplementary notice (补充公告) before the listing starts (福建网上交易规则第十一条)', () => {
  it('moves the quoting windows with the corrected end, and is refused once the listing has started', async () => {
    // Prepare
    const { tender } = await publishTransfer(api, purchaser);
    const later = new Date(Date.parse(tender.content.timeline.bidDeadline) + 2 * 86_400_000).toISOString();

    // Act
    const corrected = await api.call('POST', `/api/tenders/${tender.id}/corrections`, {
      token: purchaser,
      body: { summary: '挂牌截止时间顺延两日', bidDeadline: later, affectsBidPreparation: false },
    });
    const view = await auctionOf(tender.id);
    api.gateway.clock.set(new Date(Date.parse(tender.content.timeline.documentsFrom) + MINUTE));
    const tooLate = await api.call('POST', `/api/tenders/${tender.id}/corrections`, {
      token: purchaser,
      body: { summary: '再次顺延', bidDeadline: new Date(Date.parse(later) + 86_400_000).toISOString() },
    });

    // Assess
    expect(corrected.status).toBe(200);
    expect(view.listingUntil).toBe(later);
    expect(view.endsAt).toBe(later);
    expect(tooLate.status).toBe(422);
    expect(tooLate.body.errors[0]).toMatchObject({
      rule: 'transfer.supplementary-notice',
      citation: `${FUJIAN}第十一条`,
    });
  });
});

describe('timed bidding (限时竞价): the switch and the countdown', () => {
  it('switches to timed bidding when two bidders quote in the last hour (第三十三条第三项, 第四十条)', async () => {
    // Prepare
    const { tender, bidders } = await listingWith(2);
    const [a, b] = bidders as [TestSupplier, TestSupplier];
    const end = Date.parse(tender.content.timeline.bidDeadline);
    await quote(api, tender.id, a, LAND_TERMS.startPriceFen);
    api.gateway.clock.set(new Date(end - 50 * MINUTE));

    // Act: one late bidder keeps the listing; the second switches it
    const lateA = await quote(api, tender.id, a, LAND_TERMS.startPriceFen + 10_000_000);
    const afterOne = await auctionOf(tender.id);
    const lateB = await quote(api, tender.id, b, LAND_TERMS.startPriceFen + 20_000_000);
    const afterTwo = await auctionOf(tender.id);
    api.gateway.clock.set(new Date(end + 5 * MINUTE));
    const inPreparation = await quote(api, tender.id, a, LAND_TERMS.startPriceFen + 30_000_000);
    const preparing = await auctionOf(tender.id);
    await api.tick();
    const stillTendering = (await api.call('GET', `/api/tenders/${tender.id}`)).body.status;

    // Assess: the countdown starts 15 minutes after the listing's end (第四十一条) and lasts 5 minutes
    expect(lateA.status).toBe(201);
    expect(afterOne.countdownFrom).toBeNull();
    expect(lateB.status).toBe(201);
    expect(afterTwo.countdownFrom).toBe(new Date(end + 15 * MINUTE).toISOString());
    expect(afterTwo.countdownUntil).toBe(new Date(end + 20 * MINUTE).toISOString());
    expect(afterTwo.endsAt).toBe(new Date(end + 20 * MINUTE).toISOString());
    expect(inPreparation.status).toBe(422);
    expect(inPreparation.body.errors[0].citation).toBe(`${FUJIAN}第四十一条`);
    expect(preparing.phase).toBe('preparation');
    expect(stillTendering).toBe('tendering');
  });

  it('restarts the countdown at a quote 10 s before its end and refuses one at the end instant (第四十二条)', async () => {
    // Prepare: an auction (拍卖) — timed bidding from its start
    const { tender, bidders } = await listingWith(2, { method: 'auction' });
    const [a, b] = bidders as [TestSupplier, TestSupplier];
    const start = Date.parse(tender.content.timeline.bidDeadline);
    api.gateway.clock.set(new Date(start + 1000));
    const opening = await quote(api, tender.id, a, LAND_TERMS.startPriceFen);
    const firstEnd = Date.parse((await auctionOf(tender.id)).countdownUntil);

    // Act
    api.gateway.clock.set(new Date(firstEnd - 10_000));
    const late = await quote(api, tender.id, b, LAND_TERMS.startPriceFen + 10_000_000);
    const restarted = await auctionOf(tender.id);
    const secondEnd = Date.parse(restarted.countdownUntil);
    api.gateway.clock.set(new Date(secondEnd));
    const atTheEnd = await quote(api, tender.id, a, LAND_TERMS.startPriceFen + 20_000_000);
    await api.tick();
    const after = await api.call('GET', `/api/tenders/${tender.id}`);
    const result = await api.call('GET', `/api/tenders/${tender.id}/result`);

    // Assess
    expect(opening.status).toBe(201);
    expect(firstEnd).toBe(Date.parse(opening.body.quote.at) + 300_000);
    expect(Date.parse(opening.body.quote.at)).toBeGreaterThanOrEqual(start);
    expect(late.status).toBe(201);
    expect(firstEnd - Date.parse(late.body.quote.at)).toBeLessThanOrEqual(10_000);
    expect(secondEnd).toBe(Date.parse(late.body.quote.at) + 300_000);
    expect(restarted.phase).toBe('countdown');
    expect(atTheEnd.status).toBe(422);
    expect(atTheEnd.body.errors[0]).toMatchObject({
      rule: 'transfer.closed',
      citation: `${FUJIAN}第四十二条`,
    });
    expect(after.body.status).toBe('awarded');
    expect(result.body).toMatchObject({
      dealAmount: '1010万元',
      startPriceFen: LAND_TERMS.startPriceFen,
      premiumFen: 10_000_000,
      premiumRate: '1.00%',
    });
  });
});

describe('the sealed reserve (底价), the result and the deposits', () => {
  it('sells at the highest quote once the revealed reserve opens its commitment and is reached', async () => {
    // Prepare: reserve 1050万元, quotes to 1080万元
    const { tender, bidders, reserve, numbers } = await listingWith(3, { reserveFen: 1_050_000_000 });
    const [a, b, c] = bidders as [TestSupplier, TestSupplier, TestSupplier];
    const endYear = chinaDate(new Date(tender.content.timeline.bidDeadline)).slice(0, 4);
    const report = async () =>
      (await api.call('GET', `/api/reports/trade?year=${endYear}`, { token: centre })).body.totals;
    const before = await report();
    await quote(api, tender.id, a, 1_000_000_000);
    await quote(api, tender.id, b, 1_040_000_000);
    await quote(api, tender.id, a, 1_080_000_000);
    const publicView = (await api.call('GET', `/api/tenders/${tender.id}`)).body;
    const publicNotice = (await api.call('GET', '/api/notices?type=procurement')).body.items.find(
      (n: { tenderId: string }) => n.tenderId === tender.id,
    );
    const early = await api.call('POST', `/api/tenders/${tender.id}/auction/reserve`, {
      token: purchaser,
      body: reserve,
    });

    // Act
    await tickAt(api, new Date(Date.parse(tender.content.timeline.bidDeadline) + 1000));
    const closed = await api.call('GET', `/api/tenders/${tender.id}`);
    const tampered = await api.call('POST', `/api/tenders/${tender.id}/auction/reserve`, {
      token: purchaser,
      body: { ...reserve, reservePriceFen: 1_000_000_000 },
    });
    const revealed = await api.call('POST', `/api/tenders/${tender.id}/auction/reserve`, {
      token: purchaser,
      body: reserve,
    });
    const result = await api.call('GET', `/api/tenders/${tender.id}/result`);
    const ledger = await api.call('GET', `/api/tenders/${tender.id}/transfer/deposits`, { token: centre });
    const after = await report();

    // Assess: nobody read the reserve before the end; it opens its commitment; 溢价 against 起始价
    expect(publicNotice.body.transfer.reserveCommitment).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify([publicView, publicNotice])).not.toContain(String(1_050_000_000));
    expect(early.status).toBe(422);
    expect(closed.body.status).toBe('awarding');
    expect(tampered.status).toBe(400);
    expect(tampered.body.type).toContain('reserve-mismatch');
    expect(revealed.status).toBe(200);
    expect(revealed.body.status).toBe('awarded');
    expect(revealed.body.auction.reserve).toMatchObject({ priceFen: 1_050_000_000, matches: true });
    expect(result.body).toMatchObject({
      award: { supplierName: a.name, dealAmountFen: 1_080_000_000 },
      startPriceFen: 1_000_000_000,
      premiumFen: 80_000_000,
      premiumRate: '8.00%',
    });
    // 福建网上交易规则第四十六条: the winner's deposit is part of the price, the others' due in 5 working days
    const lines = new Map(ledger.body.lines.map((l: { supplierOrgId: string }) => [l.supplierOrgId, l]));
    expect(lines.get(a.orgId)).toMatchObject({ settlement: 'appliedToPrice', refundDueOn: null });
    for (const loser of [b, c])
      expect(lines.get(loser.orgId)).toMatchObject({ settlement: 'refundDue', refundLate: false });
    expect(numbers).toHaveLength(3);
    // Into the report counters as a rights transfer: 1 more, 起始价 1000万元, 溢价 80万元
    expect(after.rightsCount - before.rightsCount).toBe(1);
    expect(after.startPriceFen - before.startPriceFen).toBe(1_000_000_000);
    expect(after.rightsDealFen - before.rightsDealFen).toBe(1_080_000_000);
    expect(after.premiumFen - before.premiumFen).toBe(80_000_000);
  });

  it('fails (流拍) when the highest quote is below the revealed reserve, with nothing counted', async () => {
    // Prepare
    const { tender, bidders, reserve } = await listingWith(2, { reserveFen: 1_200_000_000 });
    await quote(api, tender.id, bidders[0] as TestSupplier, 1_100_000_000);
    await tickAt(api, new Date(Date.parse(tender.content.timeline.bidDeadline) + 1000));

    // Act
    const revealed = await api.call('POST', `/api/tenders/${tender.id}/auction/reserve`, {
      token: purchaser,
      body: reserve,
    });
    const result = await api.call('GET', `/api/tenders/${tender.id}/result`);
    const notices = (await api.call('GET', '/api/notices?type=failure')).body.items;

    // Assess: 福建网上交易规则第四十四条
    expect(revealed.status).toBe(200);
    expect(revealed.body.status).toBe('failed');
    expect(result.status).toBe(404);
    const failure = notices.find((n: { tenderId: string }) => n.tenderId === tender.id);
    expect(failure.title).toContain('流拍');
    expect(failure.body).toMatchObject({ citation: `${FUJIAN}第四十四条`, reservePriceFen: 1_200_000_000 });
  });

  it('fails (流拍) a listing without quotes at its end, and dates the refunds in working days', async () => {
    // Prepare: a listing nobody quotes in
    const { tender, bidders } = await listingWith(2);
    const end = Date.parse(tender.content.timeline.bidDeadline);

    // Act
    await tickAt(api, new Date(end + 1000));
    const after = await api.call('GET', `/api/tenders/${tender.id}`);
    const ledger = await api.call('GET', `/api/tenders/${tender.id}/transfer/deposits`, { token: centre });
    const refund = await api.call(
      'POST',
      `/api/tenders/${tender.id}/transfer/deposits/${(bidders[0] as TestSupplier).orgId}/refund`,
      { token: centre, body: { reference: 'TK20270001' } },
    );

    // Assess: 第三十四条 (no quote → not sold); 第四十六条 (5 working days after the end day)
    expect(after.body.status).toBe('failed');
    const due = ledger.body.lines.map((l: { refundDueOn: string }) => l.refundDueOn);
    expect(new Set(due).size).toBe(1);
    // Counted independently: the 5th working day after the end day, on the calendar the centre loaded
    const calendar = buildCalendar([{ ...FIXTURE_SCHEDULE_2027, year: FIXTURE_YEAR }]);
    let day = chinaDate(new Date(end + 1000));
    for (let left = 5; left > 0; ) {
      day = addCalendarDays(day, 1);
      if (isWorkingDay(day, calendar)) left -= 1;
    }
    expect(due[0]).toBe(day);
    expect(refund.status).toBe(200);
    expect(refund.body).toMatchObject({ settlement: 'refunded', refundReference: 'TK20270001' });
  });
});
