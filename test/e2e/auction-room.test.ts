import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { type ApiClient, startTestApi } from '../helpers/api';
import { makeSupplier, type TestSupplier, tickAt } from '../helpers/bidder';
import {
  expectAccessible,
  launchBrowser,
  newPortalContext,
  signInWithToken,
  type TestBrowser,
  takeScreenshots,
  watchPageErrors,
} from '../helpers/browser';
import { enrolBidder, LAND_TERMS, publishTransfer } from '../helpers/transfer';

/** How long a page may take to show what a step expects (the machine is shared). */
const WAIT = { timeout: 20_000 };
const MINUTE = 60_000;

/** "10,100,000.00 元" as the portal writes an amount of 分. */
function yuan(fen: number): string {
  const whole = Math.floor(fen / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${whole}.${String(fen % 100).padStart(2, '0')} 元`;
}

/** "2027-01-20 09:35:05" in Beijing time, as the room writes an instant to the second. */
function beijingSeconds(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/** The text of one of the room's live figures. */
function figure(page: Page, testId: string): Promise<string> {
  return page
    .getByTestId(testId)
    .textContent()
    .then((t) => t ?? '');
}

/** Quotes in the room: the +1 increment button, or a typed amount; then the confirmation. */
async function quoteInRoom(page: Page, typedYuan?: string): Promise<void> {
  if (typedYuan) {
    await page.getByLabel('自定义报价金额（元）').fill(typedYuan);
    await page.getByRole('button', { name: '报价', exact: true }).click();
  } else {
    await page.getByRole('button', { name: /^加价报价/ }).click();
  }
  const dialog = page.getByRole('dialog', { name: '确认报价' });
  await dialog.getByRole('button', { name: '确认报价' }).click();
  await expect.poll(() => page.getByText(/^报价成功/).count(), WAIT).toBeGreaterThan(0);
}

describe('the auction room (竞价室): two bidders see each other live', () => {
  let api: ApiClient;
  let chromium: TestBrowser;
  let centreToken: string;
  let purchaser: string;
  let bidderA: TestSupplier;
  let bidderB: TestSupplier;
  let tenderId: string;
  let listing: Awaited<ReturnType<typeof publishTransfer>>;
  const contexts: BrowserContext[] = [];

  /** A signed-in page of its own browser context (its own storage: another person). */
  async function pageAs(token: string): Promise<{ page: Page; errors: string[] }> {
    const context = await newPortalContext(chromium.browser, api.gateway.url);
    contexts.push(context);
    await signInWithToken(context, token);
    const page = await context.newPage();
    return { page, errors: watchPageErrors(page) };
  }

  beforeAll(async () => {
    api = await startTestApi({ webDir: inject('webDir') });
    chromium = await launchBrowser();
    purchaser = await api.token('purchaser', 'org-land-bureau-browser');
    centreToken = await api.token('centre', 'org-trading-centre', 'centre-clerk-2');
    // A reserve of 1,030万元: two increments above the start price
    listing = await publishTransfer(api, purchaser, { reserveFen: LAND_TERMS.startPriceFen + 30_000_000 });
    tenderId = listing.tender.id;
    bidderA = await makeSupplier(api, 8101, 'large');
    bidderB = await makeSupplier(api, 8102, 'large');
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await chromium?.close();
    await api?.gateway.stop();
  });

  test('a bidder applies in the room and the centre confirms the deposit in its ledger; the 竞买号 appears', async () => {
    // Prepare
    const a = await pageAs(bidderA.token);
    const centre = await pageAs(centreToken);

    // Act 1: the bidder applies with its deposit
    await a.page.goto(`/supplier/tenders/${tenderId}/auction`);
    await expect.poll(() => a.page.getByRole('button', { name: '提交竞买申请' }).count(), WAIT).toBe(1);
    await a.page.getByLabel('付款账户名').fill(bidderA.name);
    await a.page.getByLabel('付款账号').fill('6222 0202 0000 8101');
    await a.page.getByLabel('银行流水号或保函编号').fill('HZ2027010800081');
    await a.page.getByRole('button', { name: '提交竞买申请' }).click();
    await expect.poll(() => a.page.getByText('已提交，等待交易中心确认保证金到账').count(), WAIT).toBe(1);

    // Act 2: the centre finds it in the ledger and confirms it
    await centre.page.goto('/centre/transfers');
    await centre.page.getByRole('link', { name: `保证金与竞价：${listing.tender.content.title}` }).click();
    await expect.poll(() => centre.page.getByText(bidderA.name).count(), WAIT).toBeGreaterThan(0);
    await expect.poll(() => centre.page.getByText('待确认', { exact: true }).count(), WAIT).toBe(1);
    await centre.page.getByRole('button', { name: `确认到账：${bidderA.name}` }).click();
    await expect
      .poll(() => centre.page.getByText(/^已确认 .* 的保证金，竞买号 \d{6}$/).count(), WAIT)
      .toBe(1);
    await takeScreenshots(centre.page, 'auction-centre-ledger');
    await expectAccessible(centre.page, 'the centre’s deposit ledger');

    // Assess: the bidder's room shows the number the ledger issued (it looks again while applied)
    const ledger = await api.call('GET', `/api/tenders/${tenderId}/transfer/deposits`, {
      token: centreToken,
    });
    const issued = ledger.body.lines.find(
      (l: { supplierOrgId: string }) => l.supplierOrgId === bidderA.orgId,
    );
    expect(issued.status).toBe('confirmed');
    await expect
      .poll(
        () =>
          a.page
            .getByTestId('own-bidder-no')
            .textContent()
            .then((t) => t ?? ''),
        WAIT,
      )
      .toBe(issued.bidderNo);
    await takeScreenshots(a.page, 'auction-room-confirmed');
    await expectAccessible(a.page, 'the bidder’s room before the listing');
    expect(a.errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
    expect(centre.errors).toEqual([]);
  });

  test('quotes pushed live: each bidder sees the other’s quote, then the countdown restart, without reloading', async () => {
    // Prepare: B enrolled through the API; the clock in the listing's last hour
    const numberB = await enrolBidder(api, tenderId, centreToken, bidderB);
    const until = listing.tender.content.timeline.bidDeadline;
    api.gateway.clock.set(new Date(Date.parse(until) - 30 * MINUTE));
    const a = await pageAs(bidderA.token);
    const b = await pageAs(bidderB.token);
    const watcher = await pageAs(purchaser);
    for (const { page } of [a, b]) await page.goto(`/supplier/tenders/${tenderId}/auction`);
    await watcher.page.goto(`/tenders/${tenderId}`);
    for (const { page } of [a, b, watcher]) {
      await expect.poll(() => page.locator('[data-live-status="live"]').count(), WAIT).toBe(1);
    }

    // Act 1: A quotes the start price (+1 from nothing: the first quote is the start price)
    await quoteInRoom(a.page);

    // Assess 1: B and the public watcher see it pushed, by 竞买号 only
    for (const { page } of [b, watcher]) {
      await expect.poll(() => figure(page, 'current-price'), WAIT).toContain(yuan(LAND_TERMS.startPriceFen));
      await expect.poll(() => figure(page, 'quote-count'), WAIT).toContain('1');
    }
    expect(await watcher.page.getByText(bidderA.name).count()).toBe(0);

    // Act 2: B answers with a typed amount two increments up
    const second = LAND_TERMS.startPriceFen + 2 * LAND_TERMS.incrementFen;
    await quoteInRoom(b.page, String(second / 100));

    // Assess 2: A sees B's quote and its own 竞买号 no longer leads
    await expect.poll(() => figure(a.page, 'current-price'), WAIT).toContain(yuan(second));
    await expect.poll(() => figure(a.page, 'leader'), WAIT).toContain(numberB);

    // Act 3: two bidders quoted in the last hour, so the listing turns into timed bidding after its
    // preparation; the rooms are opened again at the new phase (the dev clock jumped)
    const auction = (await api.call('GET', `/api/tenders/${tenderId}/auction`)).body;
    expect(auction.countdownFrom).not.toBeNull();
    api.gateway.clock.set(new Date(Date.parse(auction.countdownFrom) + 10_000));
    for (const { page } of [a, b]) {
      await page.reload();
      await expect.poll(() => page.getByText('倒计时', { exact: true }).count(), WAIT).toBe(1);
      await expect.poll(() => page.locator('[data-live-status="live"]').count(), WAIT).toBe(1);
    }
    const before = await figure(b.page, 'ends-at');
    await quoteInRoom(a.page);

    // Assess 3: B's countdown restarts at A's quote: the end moves to the quote's instant plus 300 s
    const restarted = (await api.call('GET', `/api/tenders/${tenderId}/auction`)).body;
    expect(restarted.countdownUntil).not.toBe(auction.countdownUntil);
    await expect
      .poll(() => figure(b.page, 'ends-at'), WAIT)
      .toContain(beijingSeconds(restarted.countdownUntil));
    expect(await figure(b.page, 'ends-at')).not.toBe(before);
    await expect
      .poll(() => figure(b.page, 'current-price'), WAIT)
      .toContain(yuan(second + LAND_TERMS.incrementFen));
    await takeScreenshots(b.page, 'auction-room-countdown');
    await expectAccessible(b.page, 'the auction room in timed bidding');

    // Act 4: the countdown ends, the tick closes it, the transferor opens its reserve
    await tickAt(api, new Date(Date.parse(restarted.countdownUntil) + 1000));
    const revealed = await api.call('POST', `/api/tenders/${tenderId}/auction/reserve`, {
      token: purchaser,
      body: listing.reserve,
    });
    expect(revealed.status).toBe(200);

    // Assess 4: the public page tells the sale to whoever watches: 成交 by 竞买号, reserve checked
    await expect.poll(() => watcher.page.getByText(/^成交：竞得人竞买号/).count(), WAIT).toBe(1);
    await expect.poll(() => watcher.page.getByText(/与挂牌起始时公布的承诺一致/).count(), WAIT).toBe(1);
    await takeScreenshots(watcher.page, 'auction-public-result');
    for (const { errors } of [a, b, watcher]) expect(errors).toEqual([]);
  });
});
