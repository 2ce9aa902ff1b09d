import { GetObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_CALENDAR } from '../../infra/local/calendar-fixture-2027';
import { deemedAwardAt } from '../../shared/domain/tender';
import type { Tender } from '../../shared/schemas/tender';
import { type ApiClient, emulatorS3Client, publishTender, startTestApi, uploadTo } from '../helpers/api';
import {
  makeSupplier,
  type PlacedBid,
  placeBid,
  playToEvaluation,
  type TestSupplier,
  tickAt,
} from '../helpers/bidder';
import { addExperts, type PoolExpert, playToAwarding } from '../helpers/evaluation';
import { openTenderContent, sha256 } from '../helpers/fixtures';
import { loadOcdsValidators } from '../helpers/ocds-validator';

const SPECIALTY = 'A02-办公设备';
const DAY = 24 * 60 * 60 * 1000;

let api: ApiClient;
let purchaser: string;
let centre: string;
let pool: PoolExpert[];
let supplierNo = 900;

beforeAll(async () => {
  api = await startTestApi();
  purchaser = await api.token('purchaser', 'org-district-health');
  centre = await api.token('centre', 'org-trading-centre');
  pool = await addExperts(api, centre, SPECIALTY, 1, 7);
});

afterAll(async () => {
  await api.gateway.stop();
});

async function bidders(scales: ('small' | 'medium' | 'micro' | 'large')[]): Promise<TestSupplier[]> {
  const made: TestSupplier[] = [];
  for (const scale of scales) {
    supplierNo += 1;
    made.push(await makeSupplier(api, supplierNo, scale));
  }
  return made;
}

/**
 * A tender in awarding: budget 350万元; A small 318万, B medium 325万, C micro 309.9万; equal
 * points, so with the 10% small/micro deduction the candidates are C, A, B.
 */
async function tenderInAwarding(): Promise<{ tender: Tender; suppliers: TestSupplier[]; bids: PlacedBid[] }> {
  const tender = await publishTender(api, purchaser);
  const suppliers = await bidders(['small', 'medium', 'micro']);
  const prices = [318_000_000, 325_000_000, 309_900_000];
  const bids = await playToEvaluation(
    api,
    tender,
    suppliers.map((supplier, i) => ({ supplier, priceFen: prices[i] ?? 0 })),
  );
  await playToAwarding(api, centre, pool, tender.id, SPECIALTY, bids);
  return { tender, suppliers, bids };
}

async function uploadContract(tenderId: string, text: string) {
  return (await declareAndUploadContract(tenderId, text)).document;
}

/** Declares the signed contract and uploads it; answers the document and its upload URL. */
async function declareAndUploadContract(tenderId: string, text: string) {
  const declared = await api.call('POST', `/api/tenders/${tenderId}/contract/document`, {
    token: purchaser,
    body: { fileName: '政府采购合同.pdf', sha256: sha256(text), size: Buffer.byteLength(text) },
  });
  await uploadTo(declared.body.upload, text);
  const document = {
    id: declared.body.documentId as string,
    fileName: '政府采购合同.pdf',
    sha256: sha256(text),
    size: Buffer.byteLength(text),
  };
  return { document, upload: declared.body.upload };
}

describe('awards and contracts (87号令第68–71条), through HTTP', () => {
  it('awards in candidate order, publishes the result notice, records the contract and completes', async () => {
    // Prepare
    const { tender, bids } = await tenderInAwarding();
    const [a, , c] = bids;

    // Act
    const award = await api.call('POST', `/api/tenders/${tender.id}/award`, {
      token: purchaser,
      body: { bidId: c?.bidId },
    });
    const result = await api.call('GET', `/api/tenders/${tender.id}/result`);
    const notices = await api.call('GET', '/api/notices?type=result&limit=50');
    const document = await uploadContract(tender.id, '合同正文：甲方某区卫生健康局，乙方……');
    const contract = await api.call('POST', `/api/tenders/${tender.id}/contract`, {
      token: purchaser,
      body: { amountFen: 309_900_000, signedOn: '2026-12-30', document },
    });
    const after = await api.call('GET', `/api/tenders/${tender.id}`);
    const releases = await api.call('GET', `/api/ocds/tenders/${tender.id}`);

    // Assess: the deal is C's own price, never the deducted 278.91万元
    expect(award.status).toBe(201);
    expect(award.body).toMatchObject({
      bidId: c?.bidId,
      dealAmountFen: 309_900_000,
      candidateRank: 1,
      deemed: false,
      lateNotice: false,
    });
    // 节约资金 = 350万 − 309.9万 = 40.1万元; 节约率 = 40.1 / 350 = 11.457…% → 11.46%
    expect(result.body).toMatchObject({
      savingsFen: 40_100_000,
      savings: '40.1万元',
      savingsRate: '11.46%',
      dealAmount: '309.9万元',
    });
    const notice = notices.body.items.find((n: { tenderId: string }) => n.tenderId === tender.id);
    expect(notice.typeLabel).toContain('结果公告');
    expect(notice.body.committee).toHaveLength(5);
    expect(notice.body.winner.name).toBeTruthy();
    expect(contract.status).toBe(201);
    expect(contract.body.late).toBe(false);
    expect(after.body.status).toBe('complete');
    // Open data: every release validates; the award release carries the deal, not the bids' prices
    const { validatePackage } = loadOcdsValidators();
    expect(validatePackage(releases.body)).toEqual([]);
    const last = releases.body.releases.at(-1);
    expect(last.awards[0].value.amount).toBe(3099000);
    expect(JSON.stringify(releases.body.releases[0])).not.toContain('3180000');
    expect(a).toBeDefined();
  });

  it('a replayed contract upload URL after the contract is recorded does not change the recorded document', async () => {
    // Prepare: an awarded tender and its recorded contract
    const { tender, bids } = await tenderInAwarding();
    await api.call('POST', `/api/tenders/${tender.id}/award`, {
      token: purchaser,
      body: { bidId: bids[2]?.bidId },
    });
    const original = '合同正文：原件，双方盖章';
    const { document, upload } = await declareAndUploadContract(tender.id, original);
    const recorded = await api.call('POST', `/api/tenders/${tender.id}/contract`, {
      token: purchaser,
      body: { amountFen: 309_900_000, signedOn: '2026-12-30', document },
    });

    // Act: the old upload URL is replayed with other bytes
    await uploadTo(upload, '偷换后的合同正文，金额也不同');
    const s3 = emulatorS3Client();
    const stored = await s3.send(
      new GetObjectCommand({
        Bucket: process.env['BUCKET_NAME'],
        Key: `tenders/${tender.id}/contract/${document.id}`,
      }),
    );
    const bytes = Buffer.from((await stored.Body?.transformToByteArray()) ?? []);
    s3.destroy();

    // Assess: the URL only ever reached the upload slot
    expect(recorded.status).toBe(201);
    expect(String(upload.url)).toContain('/uploads/');
    expect(bytes.toString('utf8')).toBe(original);
  });

  it('refuses an out-of-order choice without a reason, accepts it with one, and flags a late contract', async () => {
    // Prepare
    const { tender, bids } = await tenderInAwarding();
    const a = bids[0];

    // Act
    const refused = await api.call('POST', `/api/tenders/${tender.id}/award`, {
      token: purchaser,
      body: { bidId: a?.bidId },
    });
    const accepted = await api.call('POST', `/api/tenders/${tender.id}/award`, {
      token: purchaser,
      body: { bidId: a?.bidId, outOfOrderReason: '第一候选人放弃中标资格，已书面确认' },
    });
    api.gateway.clock.set(new Date(api.gateway.clock.now().getTime() + 31 * DAY));
    const document = await uploadContract(tender.id, '合同正文（逾期签订）');
    const contract = await api.call('POST', `/api/tenders/${tender.id}/contract`, {
      token: purchaser,
      body: { amountFen: 318_000_000, signedOn: '2027-02-01', document },
    });

    // Assess
    expect(refused.status).toBe(422);
    expect(refused.body.type).toContain('out-of-order');
    expect(refused.body.errors[0].citation).toBe('87号令第六十八条');
    expect(accepted.status).toBe(201);
    expect(accepted.body).toMatchObject({
      candidateRank: 2,
      outOfOrderReason: '第一候选人放弃中标资格，已书面确认',
    });
    expect(contract.status).toBe(201);
    expect(contract.body.late).toBe(true);
    expect((await api.call('GET', `/api/tenders/${tender.id}`)).body.status).toBe('complete');
  });

  it('lets exactly one of two concurrent awards win', async () => {
    // Prepare
    const { tender, bids } = await tenderInAwarding();

    // Act
    const results = await Promise.all([
      api.call('POST', `/api/tenders/${tender.id}/award`, {
        token: purchaser,
        body: { bidId: bids[2]?.bidId },
      }),
      api.call('POST', `/api/tenders/${tender.id}/award`, {
        token: purchaser,
        body: { bidId: bids[0]?.bidId, outOfOrderReason: '并发测试：第二个请求' },
      }),
    ]);

    // Assess
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const notices = await api.call('GET', '/api/notices?type=result&limit=100');
    expect(notices.body.items.filter((n: { tenderId: string }) => n.tenderId === tender.id)).toHaveLength(1);
  });

  it('deems the first candidate chosen by the tick 5 working days after the report', async () => {
    // Prepare
    const { tender, bids } = await tenderInAwarding();
    const reported = (await api.call('GET', `/api/manage/tenders/${tender.id}`, { token: purchaser })).body
      .reportedAt;
    const due = new Date(deemedAwardAt(reported, TEST_CALENDAR));

    // Act
    await tickAt(api, new Date(due.getTime() - 60_000));
    const before = await api.call('GET', `/api/tenders/${tender.id}`);
    await tickAt(api, due);
    const result = await api.call('GET', `/api/tenders/${tender.id}/result`);

    // Assess
    expect(before.body.status).toBe('awarding');
    expect(result.body.status).toBe('awarded');
    expect(result.body.award).toMatchObject({ bidId: bids[2]?.bidId, deemed: true });
    expect(result.body.award).not.toHaveProperty('awardedBy');
  });
});

describe('open data (OCDS 1.1) served by the API', () => {
  it('validates every package it serves and carries no bid price or tenderer before the opening', async () => {
    // Prepare: a tender with sealed bids still before its deadline, and the feed of everything so far
    const tender = await publishTender(api, purchaser);
    const [s1] = await bidders(['small']);
    await placeBid(api, s1 as TestSupplier, tender.id, 287_654_321);
    const { validatePackage } = loadOcdsValidators();

    // Act
    const beforeOpening = await api.call('GET', `/api/ocds/tenders/${tender.id}`);
    const feed = await api.call('GET', '/api/ocds/releases?limit=5');
    const next = await api.call(
      'GET',
      `/api/ocds/releases?limit=5&cursor=${encodeURIComponent(feed.body.nextCursor)}`,
    );
    const draft = await api.call('POST', '/api/tenders', {
      token: purchaser,
      body: openTenderContent(api.gateway.clock.now()),
    });
    const draftReleases = await api.call('GET', `/api/ocds/tenders/${draft.body.id}`);

    // Assess
    expect(validatePackage(beforeOpening.body)).toEqual([]);
    expect(validatePackage({ ...feed.body, nextCursor: undefined, links: undefined })).toEqual([]);
    expect(validatePackage({ ...next.body, nextCursor: undefined, links: undefined })).toEqual([]);
    const text = JSON.stringify(beforeOpening.body);
    expect(text).not.toContain('2876543.21');
    expect(text).not.toContain('287654321');
    expect(text).not.toContain('tenderer');
    expect(beforeOpening.body.releases[0].tender.procurementMethodDetails).toBe('公开招标');
    expect(feed.body.releases).toHaveLength(5);
    expect(feed.body.links.next).toContain('/api/ocds/releases?limit=5&cursor=');
    expect(draftReleases.status).toBe(404);
  });
});
