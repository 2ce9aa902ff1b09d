/**
 * The opening's bid count stays exact (issue 11) when replacements and withdrawals race, on one
 * supplier and across suppliers: it equals the suppliers left with a current submitted bid.
 * Through HTTP on DynamoDB Local and s3rver.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, publishTender, startTestApi } from '../helpers/api';
import {
  draftBid,
  makeSuppliers,
  openingCount,
  pooled,
  registerAll,
  submit,
  withdraw,
} from '../helpers/bid-drafts';

let api: ApiClient;
let purchaser: string;

beforeAll(async () => {
  api = await startTestApi();
  purchaser = await api.token('purchaser', 'org-county-hospital');
});

afterAll(async () => {
  await api.gateway.stop();
});

describe('the bid count at the opening under races', () => {
  it('is exact after races of replacements and withdrawals on the same and on different suppliers', async () => {
    // Prepare: 50 suppliers, each with a submitted first bid
    const tender = await publishTender(api, purchaser);
    const bidders = await makeSuppliers(api, 1, 50);
    await registerAll(api, tender.id, bidders);
    const first = await pooled(bidders, 25, async (s) => {
      const bidId = await draftBid(api, s, tender.id, 160_000_000);
      expect((await submit(api, s, tender.id, bidId)).status).toBe(200);
      return bidId;
    });
    // Five groups: replace; withdraw; replace racing withdraw (same supplier); two replacements
    // racing (same supplier); withdraw, then a new bid.
    const groupOf = (i: number) => i % 5;
    const extra = await pooled(bidders, 25, async (s) => {
      const i = bidders.indexOf(s);
      const group = groupOf(i);
      const drafts: string[] = [];
      if (group !== 1) drafts.push(await draftBid(api, s, tender.id, 155_000_000 + i));
      if (group === 3) drafts.push(await draftBid(api, s, tender.id, 154_000_000 + i));
      return drafts;
    });

    // Act: every supplier's moves at once
    const answers = await Promise.all(
      bidders.map(async (s, i) => {
        const own = first[i] as string;
        const [a, b] = extra[i] as string[];
        switch (groupOf(i)) {
          case 0:
            return [await submit(api, s, tender.id, a as string)];
          case 1:
            return [await withdraw(api, s, tender.id, own)];
          case 2:
            return Promise.all([submit(api, s, tender.id, a as string), withdraw(api, s, tender.id, own)]);
          case 3:
            return Promise.all([
              submit(api, s, tender.id, a as string),
              submit(api, s, tender.id, b as string),
            ]);
          default: {
            const withdrawn = await withdraw(api, s, tender.id, own);
            return [withdrawn, await submit(api, s, tender.id, a as string)];
          }
        }
      }),
    );
    const standing = await Promise.all(
      bidders.map(async (s) => {
        const mine = await api.call('GET', `/api/tenders/${tender.id}/my-bids`, { token: s.token });
        return (mine.body.items as { status: string }[]).filter((bid) => bid.status === 'submitted').length;
      }),
    );
    const counted = await openingCount(api, tender);

    // Assess: every answer is an acceptance or a clean conflict; the count is the bidders standing
    const statuses = answers.flat().map((r) => r.status);
    expect(statuses.filter((s) => s !== 200 && s !== 409)).toEqual([]);
    expect(Math.max(...standing)).toBe(1);
    const expected = standing.reduce((a, b) => a + b, 0);
    expect(counted).toBe(expected);
    for (const [i, n] of standing.entries()) {
      if (groupOf(i) === 0 || groupOf(i) === 3 || groupOf(i) === 4) expect(n, `supplier ${i}`).toBe(1);
      if (groupOf(i) === 1) expect(n, `supplier ${i}`).toBe(0);
    }
    // Groups 0, 3, 4 stand (10 each), group 1 does not, group 2 as its race fell out.
    expect(expected).toBeGreaterThanOrEqual(30);
    expect(expected).toBeLessThanOrEqual(40);
  }, 120_000);
});
