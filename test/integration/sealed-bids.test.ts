import { GetObjectCommand } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { localDynamoClient } from '../../infra/local/local-stack';
import { DynamoBidRepository } from '../../shared/adapters/dynamodb/bid-repository';
import { keys } from '../../shared/adapters/dynamodb/keys';
import { decryptDocument, keyFromHex } from '../../shared/domain/sealing';
import type { Tender } from '../../shared/schemas/tender';
import { type ApiClient, emulatorS3Client, publishTender, startTestApi } from '../helpers/api';
import { makeSupplier, type PlacedBid, placeBid, revealBid, type TestSupplier } from '../helpers/bidder';

const MINUTE = 60_000;

let api: ApiClient;
let purchaser: string;
let db: DynamoDBDocumentClient;
let supplierNo = 0;

beforeAll(async () => {
  api = await startTestApi();
  purchaser = await api.token('purchaser', 'org-county-school');
  db = DynamoDBDocumentClient.from(localDynamoClient(inject('emulators').dynamo));
});

afterAll(async () => {
  db.destroy();
  await api.gateway.stop();
});

/** Fresh suppliers for one test. */
async function suppliers(count: number, scale: 'small' | 'medium' | 'micro' | 'large' = 'small') {
  const made: TestSupplier[] = [];
  for (let i = 0; i < count; i += 1) {
    supplierNo += 1;
    made.push(await makeSupplier(api, supplierNo, scale));
  }
  return made;
}

/** Moves the dev clock to an instant (never back) and runs the tick. */
async function at(instant: string | Date): Promise<void> {
  const target = new Date(instant);
  if (target.getTime() > api.gateway.clock.now().getTime()) api.gateway.clock.set(target);
  await api.tick();
}

async function tenderStatus(id: string): Promise<Tender> {
  return (await api.call('GET', `/api/tenders/${id}`)).body;
}

/** The tender's count of current bids as the opening reads it, straight from the table. */
function bidCount(tenderId: string): Promise<number> {
  return new DynamoBidRepository(db, String(process.env['TABLE_NAME'])).getBidCount(tenderId);
}

const deadlineOf = (tender: Tender) => tender.content.timeline.bidDeadline;
const afterDecryption = (tender: Tender) =>
  new Date(
    new Date(deadlineOf(tender)).getTime() + (tender.content.timeline.decryptionWindowMinutes + 1) * MINUTE,
  );

describe('a full remote opening (不见面开标), through HTTP on DynamoDB Local and s3rver', () => {
  it('publish → 4 bids with documents → deadline → reveals → opening record → confirmations → evaluating', async () => {
    // Prepare: a published tender and four sealed bids
    const tender = await publishTender(api, purchaser);
    const bidders = await suppliers(4);
    const prices = [318_000_000, 325_000_000, 309_900_000, 330_000_000];
    const bids: PlacedBid[] = [];
    for (const [i, supplier] of bidders.entries())
      bids.push(await placeBid(api, supplier, tender.id, prices[i] ?? 0));

    // Act: the deadline passes, three reveal honestly, one reveals another price, all confirm
    await at(deadlineOf(tender));
    const opened = await tenderStatus(tender.id);
    const reveals = [];
    for (const [i, supplier] of bidders.entries()) {
      const bid = bids[i] as PlacedBid;
      reveals.push(await revealBid(api, supplier, tender.id, bid, i === 3 ? bid.priceFen - 1 : bid.priceFen));
    }
    await at(afterDecryption(tender));
    const record = await api.call('GET', `/api/tenders/${tender.id}/opening`, { token: bidders[0]?.token });
    const registrations = await api.call('GET', `/api/tenders/${tender.id}/registrations`, {
      token: purchaser,
    });
    const confirmations = [];
    for (const [i, supplier] of bidders.entries()) {
      confirmations.push(
        await api.call('POST', `/api/tenders/${tender.id}/opening/responses`, {
          token: supplier.token,
          body:
            i === 3
              ? { decision: 'object', reason: '我方报价录入有误，请评标委员会核实' }
              : { decision: 'confirm' },
        }),
      );
    }
    const final = await tenderStatus(tender.id);
    const kept = await api.call('GET', `/api/tenders/${tender.id}/opening`, { token: purchaser });

    // Assess
    expect(bids.map((b) => b.receipt.status)).toEqual([200, 200, 200, 200]);
    expect(bids[0]?.receipt.body.manifestDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(opened.status).toBe('opening');
    expect(reveals.map((r) => r.body.status)).toEqual(['valid', 'valid', 'valid', 'invalid']);
    expect(record.status).toBe(200);
    expect(record.body.validCount).toBe(3);
    const byBid = new Map(record.body.entries.map((e: { bidId: string }) => [e.bidId, e]));
    expect(byBid.get(bids[0]?.bidId)).toMatchObject({ status: 'valid', priceFen: 318_000_000 });
    expect(byBid.get(bids[3]?.bidId)).toMatchObject({
      status: 'invalid',
      reasonLabel: '不一致',
      priceFen: null,
    });
    expect(registrations.status).toBe(200);
    expect(registrations.body.items).toHaveLength(4);
    expect(confirmations.every((c) => c.status === 200)).toBe(true);
    expect(final.status).toBe('evaluating');
    expect(kept.body.responses).toHaveLength(4);
    expect(kept.body.responses.find((r: { decision: string }) => r.decision === 'object')).toMatchObject({
      supplierOrgId: bidders[3]?.orgId,
      reason: '我方报价录入有误，请评标委员会核实',
    });

    // The purchasing unit may now read the decrypted bids and decrypt the documents with K
    const opened2 = await api.call('GET', `/api/tenders/${tender.id}/bids`, { token: purchaser });
    expect(opened2.status).toBe(200);
    const first = opened2.body.items.find((b: { id: string }) => b.id === bids[0]?.bidId);
    const link = await api.call(
      'GET',
      `/api/tenders/${tender.id}/bids/${first.id}/documents/${first.documents[0].id}`,
      {
        token: purchaser,
      },
    );
    const sealedBytes = new Uint8Array(await (await fetch(link.body.url)).arrayBuffer());
    const plain = Buffer.from(await decryptDocument(sealedBytes, keyFromHex(first.reveal.keyHex))).toString();
    expect(plain).toBe(bids[0]?.plaintext);
    // The tender's chain anchors every bid chain's head
    const audit = await api.call('GET', `/api/tenders/${tender.id}/audit`);
    expect(audit.body.verification.valid).toBe(true);
    const anchor = audit.body.events.find((e: { type: string }) => e.type === 'opening.recordPublished');
    const bidAudit = await api.call('GET', `/api/tenders/${tender.id}/bids/${bids[1]?.bidId}/audit`, {
      token: bidders[1]?.token,
    });
    expect(anchor.data.bidChainHeads[bids[1]?.bidId ?? '']).toBe(bidAudit.body.events.at(-1).hash);
  });

  it('a bid that is not revealed is invalid (未解密), and 2 valid bids fail the tender with a failure notice', async () => {
    // Prepare
    const tender = await publishTender(api, purchaser);
    const bidders = await suppliers(3);
    const bids: PlacedBid[] = [];
    for (const supplier of bidders) bids.push(await placeBid(api, supplier, tender.id, 100_000_000));

    // Act: only two reveal
    await at(deadlineOf(tender));
    await revealBid(api, bidders[0] as TestSupplier, tender.id, bids[0] as PlacedBid);
    await revealBid(api, bidders[1] as TestSupplier, tender.id, bids[1] as PlacedBid);
    await at(afterDecryption(tender));
    const late = await revealBid(api, bidders[2] as TestSupplier, tender.id, bids[2] as PlacedBid);

    // Assess
    expect((await tenderStatus(tender.id)).status).toBe('failed');
    const record = await api.call('GET', `/api/tenders/${tender.id}/opening`, { token: purchaser });
    expect(record.body.validCount).toBe(2);
    const silent = record.body.entries.find((e: { bidId: string }) => e.bidId === bids[2]?.bidId);
    expect(silent).toMatchObject({ status: 'invalid', reasonLabel: '未解密' });
    expect(late.status).toBe(422);
    const notices = await api.call('GET', '/api/notices?type=failure');
    const failure = notices.body.items.find((n: { tenderId: string }) => n.tenderId === tender.id);
    expect(failure).toMatchObject({ typeLabel: '废标公告', body: { validCount: 2 } });
    expect(failure.body.citation).toContain('政府采购法第三十六条');
  });
});

describe('the deadline, by the server clock', () => {
  it('refuses a new bid, a submit and a withdrawal at the exact deadline instant, allows them 1 s before (an upload URL lasts whole seconds)', async () => {
    // Prepare: one submitted bid and one draft waiting for submission
    const tender = await publishTender(api, purchaser);
    const [a, b, c] = await suppliers(3);
    const placed = await placeBid(api, a as TestSupplier, tender.id, 123_000_000);
    await api.call('POST', `/api/tenders/${tender.id}/registrations`, { token: b?.token });
    const draft = await api.call('POST', `/api/tenders/${tender.id}/bids`, {
      token: b?.token,
      body: {
        priceCommitment: placed.sealed.priceCommitment,
        keyCommitment: placed.sealed.keyCommitment,
        documents: [
          {
            fileName: 'x.pdf',
            sha256: placed.sealed.documents[0]?.sha256,
            size: placed.sealed.documents[0]?.size,
          },
        ],
      },
    });
    const deadline = new Date(deadlineOf(tender));
    api.gateway.clock.set(new Date(deadline.getTime() - 1000), { freeze: true });
    const justBefore = await placeBid(api, c as TestSupplier, tender.id, 99_000_000);

    // Act
    api.gateway.clock.set(deadline, { freeze: true });
    const lateCreate = await api.call('POST', `/api/tenders/${tender.id}/bids`, {
      token: c?.token,
      body: {
        priceCommitment: placed.sealed.priceCommitment,
        keyCommitment: placed.sealed.keyCommitment,
        documents: [{ fileName: 'y.pdf', sha256: placed.sealed.documents[0]?.sha256, size: 100 }],
      },
    });
    const lateSubmit = await api.call('POST', `/api/tenders/${tender.id}/bids/${draft.body.bid.id}/submit`, {
      token: b?.token,
    });
    const lateWithdraw = await api.call('POST', `/api/tenders/${tender.id}/bids/${placed.bidId}/withdraw`, {
      token: a?.token,
    });

    // Assess
    expect(justBefore.receipt.status).toBe(200);
    for (const late of [lateCreate, lateSubmit, lateWithdraw]) {
      expect(late.status).toBe(422);
      expect(late.body.type).toContain('deadline-passed');
      expect(late.body.detail_zh).toContain('投标截止时间已到');
    }
    const mine = await api.call('GET', `/api/tenders/${tender.id}/my-bids`, { token: a?.token });
    expect(mine.body.items[0].status).toBe('submitted');
  });

  it('lets a bidder withdraw and replace before the deadline, keeping the count exact', async () => {
    // Prepare
    const tender = await publishTender(api, purchaser);
    const [a, b] = await suppliers(2);

    // Act
    const first = await placeBid(api, a as TestSupplier, tender.id, 200_000_000);
    const replacement = await placeBid(api, a as TestSupplier, tender.id, 190_000_000, { register: false });
    const other = await placeBid(api, b as TestSupplier, tender.id, 210_000_000);
    const withdrawn = await api.call('POST', `/api/tenders/${tender.id}/bids/${other.bidId}/withdraw`, {
      token: b?.token,
    });
    const count = await bidCount(tender.id);
    const mine = await api.call('GET', `/api/tenders/${tender.id}/my-bids`, { token: a?.token });

    // Assess
    expect(withdrawn.status).toBe(200);
    expect(count).toBe(1);
    const statuses = Object.fromEntries(
      mine.body.items.map((bid: { id: string; status: string }) => [bid.id, bid.status]),
    );
    expect(statuses).toEqual({ [first.bidId]: 'replaced', [replacement.bidId]: 'submitted' });
  });
});

describe('sealing holds before the opening', () => {
  it('no route returns another party’s price, key, document URL or the registration list, for any role', async () => {
    // Prepare: two sealed bids; the secrets the server must never hand out before the opening
    const tender = await publishTender(api, purchaser);
    const [a, b] = await suppliers(2);
    const bidA = await placeBid(api, a as TestSupplier, tender.id, 287_654_321);
    const bidB = await placeBid(api, b as TestSupplier, tender.id, 276_543_210);
    const secrets = [bidA, bidB].flatMap((bid) => [
      String(bid.priceFen),
      bid.sealed.nonce,
      bid.sealed.keyHex,
      bid.plaintext.slice(0, 10),
    ]);
    const ownView = await api.call('GET', `/api/tenders/${tender.id}/my-bids`, { token: a?.token });
    const docOfA: string = ownView.body.items[0].documents[0].id;
    const callers: Record<string, string | undefined> = {
      public: undefined,
      owner: purchaser,
      otherPurchaser: await api.token('purchaser', 'org-nosy-unit'),
      centre: await api.token('centre', 'org-centre'),
      expert: await api.token('expert', 'org-expert'),
      supplierB: b?.token,
    };
    const paths = [
      `/api/tenders/${tender.id}`,
      `/api/tenders?limit=100`,
      `/api/notices?limit=100`,
      `/api/tenders/${tender.id}/audit`,
      `/api/tenders/${tender.id}/registrations`,
      `/api/tenders/${tender.id}/bids`,
      `/api/tenders/${tender.id}/my-bids`,
      `/api/tenders/${tender.id}/opening`,
      `/api/tenders/${tender.id}/bids/${bidA.bidId}/audit`,
      `/api/tenders/${tender.id}/bids/${bidA.bidId}/documents/${docOfA}`,
      `/api/manage/tenders/${tender.id}`,
    ];

    // Act
    const seen: { who: string; path: string; status: number; text: string }[] = [];
    for (const [who, token] of Object.entries(callers)) {
      for (const path of paths) {
        const response = await api.call('GET', path, token ? { token } : {});
        seen.push({ who, path, status: response.status, text: JSON.stringify(response.body) });
      }
    }

    // Assess: B may see its own bid, nothing of A's; nobody sees registrations or A's documents
    for (const { who, path, status, text } of seen) {
      for (const secret of secrets.slice(0, 4)) expect(text, `${who} ${path}`).not.toContain(secret);
      if (who !== 'supplierB')
        for (const secret of secrets.slice(4)) expect(text, `${who} ${path}`).not.toContain(secret);
      expect(text, `${who} ${path}`).not.toContain('X-Amz-Signature');
      if (path.endsWith('/registrations') || path.endsWith('/bids') || path.endsWith('/opening')) {
        expect(status, `${who} ${path}`).toBeGreaterThanOrEqual(400);
      }
      if (path.includes(bidA.bidId)) expect(status, `${who} ${path}`).toBeGreaterThanOrEqual(400);
    }
    const registrations = seen.find((s) => s.who === 'owner' && s.path.endsWith('/registrations'));
    expect(registrations?.status).toBe(403);
    expect(registrations?.text).toContain('87号令第二十八条');
  });

  it('stores only commitments and ciphertext: the bid item and S3 objects hold no price, key or plaintext', async () => {
    // Prepare
    const tender = await publishTender(api, purchaser);
    const [a] = await suppliers(1);
    const bid = await placeBid(api, a as TestSupplier, tender.id, 456_789_012);

    // Act: read what an operator would see
    const items = await db.send(
      new QueryCommand({
        TableName: process.env['TABLE_NAME'],
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.tender(tender.id).pk },
      }),
    );
    const s3 = emulatorS3Client();
    const stored = items.Items?.find((item) => item['sk'] === keys.bid(tender.id, bid.bidId).sk);
    const docId = stored?.['data'].documents[0].id;
    const object = await s3.send(
      new GetObjectCommand({
        Bucket: process.env['BUCKET_NAME'],
        Key: `tenders/${tender.id}/bids/${bid.bidId}/${docId}`,
      }),
    );
    const bytes = Buffer.from(await object.Body!.transformToByteArray());
    s3.destroy();

    // Assess
    const everything = JSON.stringify(items.Items);
    expect(everything).not.toContain('456789012');
    expect(everything).not.toContain(bid.sealed.keyHex);
    expect(everything).not.toContain(bid.sealed.nonce);
    expect(stored?.['data']).toMatchObject({
      priceCommitment: bid.sealed.priceCommitment,
      keyCommitment: bid.sealed.keyCommitment,
    });
    expect(bytes.subarray(0, 4).toString()).toBe('GGZ1');
    expect(bytes.toString('utf8')).not.toContain('投标文件');
  });
});

describe('bid checks', () => {
  it('refuses a document whose bytes do not match the declared hash', async () => {
    // Prepare / Act
    const tender = await publishTender(api, purchaser);
    const [a] = await suppliers(1);
    const bid = await placeBid(api, a as TestSupplier, tender.id, 100_000_000, {
      uploadInstead: new Uint8Array(64).fill(7),
    });

    // Assess
    expect(bid.receipt.status).toBe(422);
    expect(bid.receipt.body.type).toContain('document-mismatch');
    const count = await bidCount(tender.id);
    expect(count).toBe(0);
  });

  it('stores a bid once when it is created twice with the same Idempotency-Key', async () => {
    // Prepare
    const tender = await publishTender(api, purchaser);
    const [a] = await suppliers(1);
    await api.call('POST', `/api/tenders/${tender.id}/registrations`, { token: a?.token });
    const body = {
      priceCommitment: 'a'.repeat(64),
      keyCommitment: 'b'.repeat(64),
      documents: [{ fileName: '投标文件.pdf', sha256: 'c'.repeat(64), size: 1000 }],
    };

    // Act
    const first = await api.call('POST', `/api/tenders/${tender.id}/bids`, {
      token: a?.token,
      body,
      headers: { 'idempotency-key': 'bid-retry-0001' },
    });
    const again = await api.call('POST', `/api/tenders/${tender.id}/bids`, {
      token: a?.token,
      body,
      headers: { 'idempotency-key': 'bid-retry-0001' },
    });
    const mine = await api.call('GET', `/api/tenders/${tender.id}/my-bids`, { token: a?.token });

    // Assess
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.bid.id).toBe(first.body.bid.id);
    expect(mine.body.items).toHaveLength(1);
  });

  it('takes 50 concurrent bids from 50 suppliers, all stored, with the count exact', async () => {
    // Prepare
    const tender = await publishTender(api, purchaser);
    const many = await suppliers(50);

    // Act
    const placed = await Promise.all(many.map((s, i) => placeBid(api, s, tender.id, 100_000_000 + i)));
    const count = await bidCount(tender.id);
    await at(deadlineOf(tender));
    const audit = await api.call('GET', `/api/tenders/${tender.id}/audit`);

    // Assess
    expect(placed.filter((p) => p.receipt.status === 200)).toHaveLength(50);
    expect(count).toBe(50);
    const opened = audit.body.events.find((e: { type: string }) => e.type === 'tender.opened');
    expect(opened.data.bidCount).toBe(50);
  });

  it('asks for re-confirmation after a correction that affects bids; an unconfirmed bid is invalid', async () => {
    // Prepare
    const tender = await publishTender(api, purchaser);
    const bidders = await suppliers(4);
    const bids: PlacedBid[] = [];
    for (const s of bidders) bids.push(await placeBid(api, s, tender.id, 150_000_000));

    // Act: a criteria change; three bidders re-confirm, one does not
    const corrected = await api.call('POST', `/api/tenders/${tender.id}/corrections`, {
      token: purchaser,
      body: {
        summary: '调整评分标准',
        evaluation: {
          method: 'comprehensive',
          priceWeightPercent: 40,
          criteria: [{ name: '技术', maxPoints: 60 }],
        },
      },
    });
    const before = await api.call('GET', `/api/tenders/${tender.id}/my-bids`, { token: bidders[0]?.token });
    const reconfirmed = [];
    for (const [i, s] of bidders.slice(0, 3).entries()) {
      reconfirmed.push(
        await api.call('POST', `/api/tenders/${tender.id}/bids/${bids[i]?.bidId}/reconfirm`, {
          token: s.token,
        }),
      );
    }
    const deadline = (await tenderStatus(tender.id)).content.timeline.bidDeadline;
    await at(deadline);
    for (const [i, s] of bidders.entries()) await revealBid(api, s, tender.id, bids[i] as PlacedBid);
    await at(
      afterDecryption({
        ...tender,
        content: { ...tender.content, timeline: { ...tender.content.timeline, bidDeadline: deadline } },
      }),
    );
    const record = await api.call('GET', `/api/tenders/${tender.id}/opening`, { token: purchaser });

    // Assess
    expect(corrected.status).toBe(200);
    expect(before.body.items[0].needsReconfirmation).toBe(true);
    expect(reconfirmed.map((r) => r.status)).toEqual([200, 200, 200]);
    const unconfirmed = record.body.entries.find((e: { bidId: string }) => e.bidId === bids[3]?.bidId);
    expect(unconfirmed).toMatchObject({ status: 'invalid', reasonLabel: '未重新确认' });
    expect(record.body.validCount).toBe(3);

    // Nobody answers: the confirmation window closes and the tick moves the tender to evaluation
    expect((await tenderStatus(tender.id)).status).toBe('opening');
    await at(new Date(new Date(record.body.confirmationEndsAt).getTime() + 1));
    expect((await tenderStatus(tender.id)).status).toBe('evaluating');
  });
});
