import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { BID_KEY_FILE_FORMAT, type BidKeyFile } from '../../shared/schemas/bid-key-file';
import type { Tender } from '../../shared/schemas/tender';
import { type ApiClient, publishTender, startTestApi } from '../helpers/api';
import { makeSupplier, type PlacedBid, placeBid, type TestSupplier, tickAt } from '../helpers/bidder';
import {
  expectAccessible,
  launchBrowser,
  newPortalContext,
  signInThroughLoginPage,
  type TestBrowser,
  takeScreenshots,
  watchPageErrors,
} from '../helpers/browser';
import { sha256 } from '../helpers/fixtures';

/** How long a page may take to show what a step expects (the machine is shared). */
const WAIT = { timeout: 15_000 };

const hex = () => randomBytes(32).toString('hex');

describe('a supplier without its key file at the remote opening', () => {
  let api: ApiClient;
  let chromium: TestBrowser;
  let tender: Tender;
  let supplier: TestSupplier;
  let bid: PlacedBid;

  beforeAll(async () => {
    api = await startTestApi({ webDir: inject('webDir') });
    chromium = await launchBrowser();
    tender = await publishTender(api, await api.token('purchaser', 'org-county-school'));
    supplier = await makeSupplier(api, 401);
    bid = await placeBid(api, supplier, tender.id, 318_000_000);
    await tickAt(api, tender.content.timeline.bidDeadline);
  });
  afterAll(async () => {
    await chromium?.close();
    await api?.gateway.stop();
  });

  test('sees why it cannot decrypt, has no control that sends without a key, and a forged key is shown as 密钥不匹配', async () => {
    // Prepare: the bid was sealed elsewhere (Node), so this browser holds no key
    const context = await newPortalContext(chromium.browser, api.gateway.url);
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await signInThroughLoginPage(page, 'supplier', supplier.orgId);
    await page.goto(`/supplier/tenders/${tender.id}/opening`);

    // Assess 1: the explanation, and no 解密 button
    await expect.poll(() => page.getByText('本浏览器中没有该投标的投标密钥').count(), WAIT).toBe(1);
    expect(await page.getByText(/任何人，包括平台，都无法找回/).count()).toBe(1);
    expect(await page.getByRole('button', { name: '解密', exact: true }).count()).toBe(0);
    await expectAccessible(page, 'the opening room without a key');
    await takeScreenshots(page, 'supplier-opening-no-key');

    // Act 2: a key file of another tender is refused before anything is sent
    const key = randomBytes(32);
    const forged: BidKeyFile = {
      format: BID_KEY_FILE_FORMAT,
      tenderId: tender.id,
      supplierId: supplier.orgId,
      bidId: bid.bidId,
      priceFen: bid.priceFen,
      keyHex: key.toString('hex'),
      nonce: hex(),
      priceCommitment: hex(),
      keyCommitment: sha256(key),
      documents: [{ name: '投标文件.pdf', sha256: hex(), size: 100 }],
      createdAt: new Date().toISOString(),
    };
    const input = page.locator('input[type=file]');
    await input.setInputFiles({
      name: 'other.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ ...forged, tenderId: '01JZZZZZZZZZZZZZZZZZZZZZZZ' })),
    });
    await expect.poll(() => page.getByText(/该密钥文件属于另一个项目/).count(), WAIT).toBe(1);
    expect(await page.getByRole('button', { name: '解密', exact: true }).count()).toBe(0);

    // Act 3: a forged file of the right shape for this bid reaches the server, which refuses it
    await input.setInputFiles({
      name: 'forged.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(forged)),
    });
    await expect.poll(() => page.getByText(/密钥承诺与您递交的投标不一致/).count(), WAIT).toBe(1);
    await page.getByRole('button', { name: '解密', exact: true }).click();

    // Assess 3: the mismatch as the server found it, never a success
    await expect.poll(() => page.getByText('解密未通过：与递交的承诺不一致').count(), WAIT).toBe(1);
    expect(await page.getByText('密钥不匹配').count()).toBeGreaterThan(0);
    expect(await page.getByText('报价不一致').count()).toBeGreaterThan(0);
    expect(await page.getByText(/已解密/).count()).toBe(0);
    const mine = await api.call('GET', `/api/tenders/${tender.id}/my-bids`, { token: supplier.token });
    const stored = mine.body.items[0];
    expect(stored.reveal).toBeUndefined();
    expect(stored.revealAttempts).toEqual([
      expect.objectContaining({ status: 'invalid', keyMatches: false }),
    ]);
    await expectAccessible(page, 'the opening room after a forged key');
    await takeScreenshots(page, 'supplier-opening-forged-key');
    expect(errors, errors.join('\n')).toEqual([]);
    await context.close();
  });
});
