/**
 * The bid deposit a tender may require (投标保证金), through the local gateway on DynamoDB Local:
 * at most 2% of the budget (实施条例第三十三条), checked exactly in 分 by the dry run and at
 * publication; the public reads what the documents require.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, attachDocument, publishTender, startTestApi } from '../helpers/api';
import { openTenderContent } from '../helpers/fixtures';

let api: ApiClient;
let purchaser: string;

beforeAll(async () => {
  api = await startTestApi();
  purchaser = await api.token('purchaser', 'org-deposit-unit');
});

afterAll(async () => {
  await api.gateway.stop();
});

describe('the bid deposit (实施条例第三十三条)', () => {
  it('refuses 2.01% of the budget at the dry run and at publication, and publishes 2%', async () => {
    // Prepare: the sample budget is 350万元, so 2% is 7万元 = 7,000,000 分
    const over = openTenderContent(api.gateway.clock.now(), { bidDepositFen: 7_035_000 });
    const created = await api.call('POST', '/api/tenders', { token: purchaser, body: over });
    await attachDocument(api, purchaser, created.body.id, '招标文件：投标保证金7.035万元');

    // Act
    const dryRun = await api.call('POST', '/api/tenders/checks', {
      token: purchaser,
      body: { content: over },
    });
    const refused = await api.call('POST', `/api/tenders/${created.body.id}/publish`, { token: purchaser });
    const published = await publishTender(api, purchaser, { bidDepositFen: 7_000_000 });
    const publicView = await api.call('GET', `/api/tenders/${published.id}`);

    // Assess
    expect(created.status).toBe(201);
    const broken = dryRun.body.violations as { rule: string; citation: string }[];
    expect(broken.filter((issue) => issue.rule === 'deposit.bid-max')).toEqual([
      expect.objectContaining({ citation: '实施条例第三十三条', field: 'bidDepositFen' }),
    ]);
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ rule: 'deposit.bid-max', path: 'bidDepositFen' })]),
    );
    expect(refused.body.detail_zh).toContain('至多 7万元');
    expect(published.status).toBe('tendering');
    expect(publicView.body.content.bidDepositFen).toBe(7_000_000);
  });
});
