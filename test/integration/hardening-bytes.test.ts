import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encryptDocument, keyFromHex } from '../../shared/domain/sealing';
import type { Tender } from '../../shared/schemas/tender';
import {
  type ApiClient,
  attachDocument,
  emulatorS3Client,
  publishTender,
  startTestApi,
  uploadTo,
} from '../helpers/api';
import { makeSupplier, type PlacedBid, placeBid, revealBid, type TestSupplier } from '../helpers/bidder';
import { sha256 } from '../helpers/fixtures';

const MINUTE = 60_000;

let api: ApiClient;
let purchaser: string;
let s3: S3Client;
let supplierNo = 500;

beforeAll(async () => {
  api = await startTestApi();
  purchaser = await api.token('purchaser', 'org-county-school');
  s3 = emulatorS3Client();
});

afterAll(async () => {
  s3.destroy();
  await api.gateway.stop();
});

/** Fresh suppliers for one test. */
async function suppliers(count: number): Promise<TestSupplier[]> {
  const made: TestSupplier[] = [];
  for (let i = 0; i < count; i += 1) {
    supplierNo += 1;
    made.push(await makeSupplier(api, supplierNo));
  }
  return made;
}

/** Moves the dev clock to an instant (never back) and runs the tick. */
async function at(instant: string | Date): Promise<void> {
  const target = new Date(instant);
  if (target.getTime() > api.gateway.clock.now().getTime()) api.gateway.clock.set(target);
  await api.tick();
}

/** Writes bytes straight into the bucket, past the API, as an intruder with bucket access would. */
async function overwrite(key: string, bytes: Uint8Array | string): Promise<void> {
  await s3.send(new PutObjectCommand({ Bucket: process.env['BUCKET_NAME'], Key: key, Body: bytes }));
}

/** The first document id of a bid, as its bidder sees it. */
async function firstDocumentId(supplier: TestSupplier, tenderId: string, bidId: string): Promise<string> {
  const mine = await api.call('GET', `/api/tenders/${tenderId}/my-bids`, { token: supplier.token });
  const bid = mine.body.items.find((b: { id: string }) => b.id === bidId);
  return bid.documents[0].id;
}

const deadlineOf = (tender: Tender) => tender.content.timeline.bidDeadline;
const afterDecryption = (tender: Tender) =>
  new Date(
    new Date(deadlineOf(tender)).getTime() + (tender.content.timeline.decryptionWindowMinutes + 1) * MINUTE,
  );

describe('stored bytes are re-checked wherever the platform relies on them', () => {
  it('a bid ciphertext swapped in the bucket is invalid at the reveal as tampered, and its evaluation download is refused', async () => {
    // Prepare: four sealed bids on a published tender
    const tender = await publishTender(api, purchaser);
    const bidders = await suppliers(4);
    const prices = [318_000_000, 325_000_000, 309_900_000, 330_000_000];
    const bids: PlacedBid[] = [];
    for (const [i, s] of bidders.entries()) bids.push(await placeBid(api, s, tender.id, prices[i] ?? 1));
    const swapped = bids[3] as PlacedBid;
    const swappedDoc = await firstDocumentId(bidders[3] as TestSupplier, tender.id, swapped.bidId);
    // Another document sealed with the bid's own key: it decrypts, yet it is not what was submitted
    const forged = await encryptDocument(Buffer.from('伪造的投标文件'), keyFromHex(swapped.sealed.keyHex));

    // Act: swap bid 4 after the deadline, everyone reveals; later swap bid 1 after its valid reveal
    await at(deadlineOf(tender));
    await overwrite(`tenders/${tender.id}/bids/${swapped.bidId}/${swappedDoc}`, forged);
    const reveals = [];
    for (const [i, s] of bidders.entries())
      reveals.push(await revealBid(api, s, tender.id, bids[i] as PlacedBid));
    await at(afterDecryption(tender));
    const record = await api.call('GET', `/api/tenders/${tender.id}/opening`, { token: purchaser });
    for (const s of bidders) {
      await api.call('POST', `/api/tenders/${tender.id}/opening/responses`, {
        token: s.token,
        body: { decision: 'confirm' },
      });
    }
    const first = bids[0] as PlacedBid;
    const firstDoc = await firstDocumentId(bidders[0] as TestSupplier, tender.id, first.bidId);
    await overwrite(`tenders/${tender.id}/bids/${first.bidId}/${firstDoc}`, 'swapped after the reveal');
    const tamperedLink = await api.call(
      'GET',
      `/api/tenders/${tender.id}/bids/${first.bidId}/documents/${firstDoc}`,
      { token: purchaser },
    );
    const second = bids[1] as PlacedBid;
    const secondDoc = await firstDocumentId(bidders[1] as TestSupplier, tender.id, second.bidId);
    const genuineLink = await api.call(
      'GET',
      `/api/tenders/${tender.id}/bids/${second.bidId}/documents/${secondDoc}`,
      { token: purchaser },
    );

    // Assess
    expect(reveals.map((r) => r.body.status)).toEqual(['valid', 'valid', 'valid', 'invalid']);
    expect(reveals[3]?.body).toMatchObject({
      priceMatches: true,
      keyMatches: true,
      documentsIntact: false,
      reason: 'tampered',
    });
    const entry = record.body.entries.find((e: { bidId: string }) => e.bidId === swapped.bidId);
    expect(entry).toMatchObject({ status: 'invalid', reason: 'tampered', priceFen: null });
    expect(entry.reasonLabel).toContain('篡改');
    expect(record.body.validCount).toBe(3);
    expect(tamperedLink.status).toBe(409);
    expect(tamperedLink.headers.get('content-type')).toContain('application/problem+json');
    expect(tamperedLink.body.type).toMatch(/document-tampered$/);
    expect(tamperedLink.body.url).toBeUndefined();
    expect(JSON.stringify(tamperedLink.body)).toMatch(/篡改/);
    expect(JSON.stringify(tamperedLink.body)).toMatch(/tampered/i);
    expect(genuineLink.status).toBe(200);
    expect(genuineLink.body.url).toMatch(/^http/);
  });

  it('a published tender document swapped in the bucket is refused at the public download as tampered, with no URL', async () => {
    // Prepare
    const tender = await publishTender(api, purchaser);
    const doc = tender.documents[0] as { id: string };
    const before = await api.call('GET', `/api/tenders/${tender.id}/documents/${doc.id}`);

    // Act
    await overwrite(`tenders/${tender.id}/documents/${doc.id}`, 'a different tender document');
    const after = await api.call('GET', `/api/tenders/${tender.id}/documents/${doc.id}`);

    // Assess
    expect(before.status).toBe(200);
    expect(after.status).toBe(409);
    expect(after.headers.get('content-type')).toContain('application/problem+json');
    expect(after.body.type).toMatch(/document-tampered$/);
    expect(after.body.url).toBeUndefined();
    expect(after.body.title).toMatch(/篡改/);
  });

  it('replaying a tender document upload URL after publication does not change the published document', async () => {
    // Prepare: a draft with one uploaded document, published
    const created = await api.call('POST', '/api/tenders', {
      token: purchaser,
      body: (await import('../helpers/fixtures')).openTenderContent(api.gateway.clock.now()),
    });
    const original = `招标文件 ${created.body.id} 原件`;
    const declared = await api.call('POST', `/api/tenders/${created.body.id}/documents`, {
      token: purchaser,
      body: {
        fileName: '招标文件.pdf',
        contentType: 'application/pdf',
        size: Buffer.byteLength(original),
        sha256: sha256(original),
      },
    });
    await uploadTo(declared.body.upload, original);
    const published = await api.call('POST', `/api/tenders/${created.body.id}/publish`, { token: purchaser });

    // Act: the old URL is replayed with other bytes, then the public downloads the document
    await uploadTo(declared.body.upload, '偷换后的招标文件内容，长度也不同');
    const link = await api.call(
      'GET',
      `/api/tenders/${created.body.id}/documents/${declared.body.document.id}`,
    );
    const downloaded =
      link.status === 200 ? Buffer.from(await (await fetch(link.body.url)).arrayBuffer()) : null;

    // Assess
    expect(published.status).toBe(200);
    expect(link.status).toBe(200);
    expect(downloaded?.toString()).toBe(original);
    expect(sha256(downloaded ?? '')).toBe(published.body.documents[0].sha256);
  });

  it('replaying a submitted bid upload URL does not change its sealed ciphertext: the reveal stays valid', async () => {
    // Prepare
    const tender = await publishTender(api, purchaser);
    const [supplier] = await suppliers(1);
    const bid = await placeBid(api, supplier as TestSupplier, tender.id, 250_000_000);
    const forged = await encryptDocument(Buffer.from('替换的投标文件'), keyFromHex(bid.sealed.keyHex));

    // Act: the bidder's own upload URL is replayed after submission with other bytes
    const replay = await uploadTo(bid.uploads[0] as PlacedBid['uploads'][number], forged);
    await at(deadlineOf(tender));
    const reveal = await revealBid(api, supplier as TestSupplier, tender.id, bid);

    // Assess: whatever the emulator did with the PUT, the sealed copy is the submitted one
    expect([200, 403]).toContain(replay);
    expect(reveal.status).toBe(200);
    expect(reveal.body).toMatchObject({ status: 'valid', documentsIntact: true });
  });
});

describe('upload URLs end when their purpose does', () => {
  it('a bid upload URL issued shortly before the deadline expires no later than the deadline', async () => {
    // Prepare: a tender, its clock stopped 90 seconds before the deadline
    const tender = await publishTender(api, purchaser);
    const [supplier] = await suppliers(1);
    await api.call('POST', `/api/tenders/${tender.id}/registrations`, {
      token: (supplier as TestSupplier).token,
    });
    const deadline = new Date(deadlineOf(tender));
    api.gateway.clock.set(new Date(deadline.getTime() - 90_000), { freeze: true });
    const body = {
      priceCommitment: 'a'.repeat(64),
      keyCommitment: 'b'.repeat(64),
      documents: [{ fileName: '投标文件.pdf', sha256: 'c'.repeat(64), size: 100 }],
    };

    // Act: one bid 90 s before the deadline, one half a second before it
    const early = await api.call('POST', `/api/tenders/${tender.id}/bids`, {
      token: (supplier as TestSupplier).token,
      body,
    });
    api.gateway.clock.set(new Date(deadline.getTime() - 500), { freeze: true });
    const late = await api.call('POST', `/api/tenders/${tender.id}/bids`, {
      token: (supplier as TestSupplier).token,
      body,
    });
    api.gateway.clock.set(new Date(deadline.getTime() + 1));

    // Assess
    expect(early.status).toBe(201);
    const upload = early.body.uploads[0];
    const expires = Number(new URL(upload.url).searchParams.get('X-Amz-Expires'));
    expect(expires).toBeGreaterThan(0);
    expect(expires).toBeLessThanOrEqual(90);
    expect(new Date(upload.expiresAt).getTime()).toBeLessThanOrEqual(deadline.getTime());
    expect(late.status).toBe(422);
    expect(late.body.type).toMatch(/deadline-passed$/);
  });

  it('a tender document upload URL writes only an upload slot: after publication it cannot reach the published bytes', async () => {
    // Prepare: a published tender and its document's upload URL, kept by the purchaser
    const created = await api.call('POST', '/api/tenders', {
      token: purchaser,
      body: (await import('../helpers/fixtures')).openTenderContent(api.gateway.clock.now()),
    });
    const doc = await attachDocument(api, purchaser, created.body.id, `招标文件 ${created.body.id}`);
    const published = await api.call('POST', `/api/tenders/${created.body.id}/publish`, { token: purchaser });
    const declaredAgain = await api.call('POST', `/api/tenders/${created.body.id}/documents`, {
      token: purchaser,
      body: { fileName: '补充文件.pdf', contentType: 'application/pdf', size: 5, sha256: sha256('extra') },
    });

    // Act: the published tender's document list, and the URL a new (pending) document gets
    const view = await api.call('GET', `/api/tenders/${created.body.id}`);

    // Assess: the new URL points to an upload slot, never to a published document's key
    expect(published.status).toBe(200);
    expect(declaredAgain.status).toBe(201);
    const url = new URL(declaredAgain.body.upload.url);
    expect(url.pathname).toContain('/uploads/');
    expect(url.pathname).not.toContain(`/documents/${doc.documentId}`);
    expect(view.body.documents.map((d: { id: string }) => d.id)).toEqual([doc.documentId]);
  });
});

describe('a reveal can be retried inside the window (电子招标投标办法第三十一条)', () => {
  it('a wrong reveal may be followed by the right one; an identical body answers the stored result; every attempt is kept without its values', async () => {
    // Prepare
    const tender = await publishTender(api, purchaser);
    const [supplier] = await suppliers(1);
    const s = supplier as TestSupplier;
    const bid = await placeBid(api, s, tender.id, 287_654_321);
    const wrongPrice = 287_654_300;
    await at(deadlineOf(tender));

    // Act
    const wrong = await revealBid(api, s, tender.id, bid, wrongPrice);
    const wrongAgain = await revealBid(api, s, tender.id, bid, wrongPrice);
    const right = await revealBid(api, s, tender.id, bid);
    const rightAgain = await revealBid(api, s, tender.id, bid);
    const otherAfterMatch = await revealBid(api, s, tender.id, bid, wrongPrice + 1);
    await at(afterDecryption(tender));
    const retryAfterWindow = await revealBid(api, s, tender.id, bid);
    const record = await api.call('GET', `/api/tenders/${tender.id}/opening`, { token: s.token });
    const audit = await api.call('GET', `/api/tenders/${tender.id}/bids/${bid.bidId}/audit`, {
      token: purchaser,
    });

    // Assess
    expect(wrong.status).toBe(200);
    expect(wrong.body).toMatchObject({
      status: 'invalid',
      reason: 'mismatch',
      priceMatches: false,
      attempt: 1,
    });
    expect(wrongAgain.status).toBe(200);
    expect(wrongAgain.body).toEqual(wrong.body);
    expect(right.status).toBe(200);
    expect(right.body).toMatchObject({ status: 'valid', reason: null, attempt: 2 });
    expect(rightAgain.status).toBe(200);
    expect(rightAgain.body).toEqual(right.body);
    expect(otherAfterMatch.status).toBe(409);
    expect(retryAfterWindow.status).toBe(200);
    expect(retryAfterWindow.body).toEqual(right.body);
    const entry = record.body.entries.find((e: { bidId: string }) => e.bidId === bid.bidId);
    expect(entry).toMatchObject({ status: 'valid', priceFen: 287_654_321 });
    expect(entry.revealAttempts).toEqual([
      { at: expect.any(String), status: 'invalid', reason: 'mismatch' },
      { at: expect.any(String), status: 'valid', reason: null },
    ]);
    expect(JSON.stringify(record.body)).not.toContain(String(wrongPrice));
    expect(audit.status).toBe(200);
    expect(audit.body.events.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['bid.revealFailed', 'bid.revealed']),
    );
    expect(JSON.stringify(audit.body)).not.toContain(String(wrongPrice));
  });

  it('a bidder who only ever reveals wrongly is invalid for its own mismatch; the window is still enforced', async () => {
    // Prepare
    const tender = await publishTender(api, purchaser);
    const [supplier] = await suppliers(1);
    const s = supplier as TestSupplier;
    const bid = await placeBid(api, s, tender.id, 111_000_000);
    await at(deadlineOf(tender));

    // Act
    const first = await revealBid(api, s, tender.id, bid, 111_000_001);
    const second = await revealBid(api, s, tender.id, bid, 111_000_002);
    await at(afterDecryption(tender));
    const late = await revealBid(api, s, tender.id, bid);
    const record = await api.call('GET', `/api/tenders/${tender.id}/opening`, { token: s.token });

    // Assess
    expect([first.body.attempt, second.body.attempt]).toEqual([1, 2]);
    expect(late.status).toBe(422);
    expect(late.body.type).toMatch(/decryption-closed$/);
    const entry = record.body.entries.find((e: { bidId: string }) => e.bidId === bid.bidId);
    expect(entry).toMatchObject({ status: 'invalid', reason: 'mismatch', priceFen: null });
    expect(entry.revealAttempts).toHaveLength(2);
  });
});
