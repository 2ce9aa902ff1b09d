/**
 * The sharded tender gate (issue 11, docs-deadline-minute.md): K copies of what the bid
 * transactions check, written with every tender change that moves them; each supplier's bids
 * check its own gate at commit. Through HTTP on DynamoDB Local and s3rver; a race is staged by
 * holding a submit inside its document re-hash, after it read the tender and before it commits.
 */
import { DeleteCommand, type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient, getDeps, overrideDeps } from '../../shared/adapters/deps';
import { GATE_SHARDS, gateShardOf, keys } from '../../shared/adapters/dynamodb/keys';
import type { DocumentStore } from '../../shared/ports/document-store';
import type { Tender } from '../../shared/schemas/tender';
import { type ApiClient, attachDocument, publishTender, startTestApi } from '../helpers/api';
import { draftBid, makeSuppliers, openingCount, registerAll, submit } from '../helpers/bid-drafts';
import type { TestSupplier } from '../helpers/bidder';

const DAY = 24 * 60 * 60 * 1000;

let api: ApiClient;
let purchaser: string;
let db: DynamoDBDocumentClient;
let realDocuments: DocumentStore;
let nextSupplier = 1;

beforeAll(async () => {
  api = await startTestApi();
  purchaser = await api.token('purchaser', 'org-gate-purchaser');
  db = createDocumentClient();
  realDocuments = getDeps().documents;
});

afterEach(() => {
  overrideDeps({ documents: realDocuments });
});

afterAll(async () => {
  db.destroy();
  await api.gateway.stop();
});

/** Fresh suppliers (numbers never reused in this file), registered for the tender. */
async function biddersFor(tenderId: string, count: number): Promise<TestSupplier[]> {
  const bidders = await makeSuppliers(api, nextSupplier, count);
  nextSupplier += count;
  await registerAll(api, tenderId, bidders);
  return bidders;
}

/** Every gate item of a tender, in shard order. */
async function gatesOf(tenderId: string): Promise<Record<string, unknown>[]> {
  const result = await db.send(
    new QueryCommand({
      TableName: process.env['TABLE_NAME'],
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.tender(tenderId).pk, ':prefix': keys.gatePrefix },
      ConsistentRead: true,
    }),
  );
  return result.Items ?? [];
}

/** Deletes every gate of a tender, as a table written before gates existed would lack them. */
async function dropGates(tenderId: string): Promise<void> {
  for (let shard = 0; shard < GATE_SHARDS; shard += 1) {
    await db.send(
      new DeleteCommand({ TableName: process.env['TABLE_NAME'], Key: keys.gate(tenderId, shard) }),
    );
  }
}

/**
 * Holds the next submit of `bidId` inside its re-hash (after it read the tender and took its
 * clock, before its transaction): resolves `held` once it waits, and lets it go on `release()`.
 */
function holdSubmitOf(bidId: string): { held: Promise<void>; release: () => void } {
  let release: () => void = () => {};
  let reached: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    reached = resolve;
  });
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const documents: DocumentStore = new Proxy(realDocuments, {
    get(target, property) {
      const real = Reflect.get(target, property) as (...args: unknown[]) => Promise<unknown>;
      if (property !== 'copy') return real;
      return async (...args: unknown[]) => {
        if (String(args[1]).includes(`/bids/${bidId}/`)) {
          reached();
          await gate;
        }
        return real.apply(target, args);
      };
    },
  });
  overrideDeps({ documents });
  return { held, release };
}

/** The bid's status as its supplier sees it. */
async function statusOf(supplier: TestSupplier, tender: Tender, bidId: string): Promise<string> {
  const mine = await api.call('GET', `/api/tenders/${tender.id}/my-bids`, { token: supplier.token });
  return (mine.body.items as { id: string; status: string }[]).find((bid) => bid.id === bidId)?.status ?? '';
}

describe('the tender gates', () => {
  it('are all written at publication, and all moved by a correction that extends the deadline', async () => {
    // Prepare
    const tender = await publishTender(api, purchaser);
    const published = await gatesOf(tender.id);
    const deadline = new Date(tender.content.timeline.bidDeadline);
    api.gateway.clock.set(new Date(deadline.getTime() - 5 * DAY));
    const doc = await attachDocument(api, purchaser, tender.id, '更正后的技术参数');

    // Act
    const corrected = await api.call('POST', `/api/tenders/${tender.id}/corrections`, {
      token: purchaser,
      body: { summary: '更正技术参数表', addDocumentIds: [doc.documentId] },
    });

    // Assess
    expect(published).toHaveLength(GATE_SHARDS);
    for (const gate of published) {
      expect(gate).toMatchObject({ status: 'tendering', bidDeadline: deadline.toISOString() });
    }
    expect(corrected.status).toBe(200);
    const extended = corrected.body.content.timeline.bidDeadline as string;
    expect(new Date(extended).getTime()).toBeGreaterThan(deadline.getTime());
    const gates = await gatesOf(tender.id);
    expect(gates.map((gate) => gate['sk'])).toEqual(published.map((gate) => gate['sk']));
    for (const gate of gates) {
      expect(gate).toMatchObject({
        status: 'tendering',
        bidDeadline: new Date(extended).toISOString(),
        tenderVersion: corrected.body.version,
      });
    }
  });

  it('let the bids of suppliers on different gates all pass, and the opening counts them all', async () => {
    // Prepare
    const tender = await publishTender(api, purchaser);
    const bidders = await biddersFor(tender.id, 12);
    const drafts = await Promise.all(bidders.map((s, i) => draftBid(api, s, tender.id, 180_000_000 + i)));

    // Act
    const answers = await Promise.all(bidders.map((s, i) => submit(api, s, tender.id, drafts[i] as string)));

    // Assess
    const shards = new Set(bidders.map((s) => gateShardOf(s.orgId)));
    expect(shards.size).toBeGreaterThan(1);
    expect(answers.map((answer) => answer.status)).toEqual(bidders.map(() => 200));
    expect(await openingCount(api, tender)).toBe(bidders.length);
    const gates = await gatesOf(tender.id);
    expect(gates).toHaveLength(GATE_SHARDS);
    expect(new Set(gates.map((gate) => gate['status']))).toEqual(new Set(['opening']));
  });

  it('refuse at commit, with deadline-passed, a submit whose tender was cancelled while it re-hashed', async () => {
    // Prepare: the submit has read a tendering tender when the purchaser cancels it
    const tender = await publishTender(api, purchaser);
    const [supplier] = await biddersFor(tender.id, 1);
    const bidId = await draftBid(api, supplier as TestSupplier, tender.id, 170_000_000);
    const hold = holdSubmitOf(bidId);
    const submitting = submit(api, supplier as TestSupplier, tender.id, bidId);
    await hold.held;

    // Act
    const cancelled = await api.call('POST', `/api/tenders/${tender.id}/cancel`, {
      token: purchaser,
      body: { reason: '采购需求发生重大变化' },
    });
    hold.release();
    const answer = await submitting;

    // Assess
    expect(cancelled.status).toBe(200);
    expect(answer.status).toBe(422);
    expect(answer.body.type).toBe('urn:ggzy-portal:problem:deadline-passed');
    expect(answer.body.detail_zh).toContain('投标截止时间已到');
    expect(await statusOf(supplier as TestSupplier, tender, bidId)).toBe('draft');
    const gates = await gatesOf(tender.id);
    expect(gates).toHaveLength(GATE_SHARDS);
    expect(new Set(gates.map((gate) => gate['status']))).toEqual(new Set(['cancelled']));
  });

  it('refuse at commit, with deadline-passed, a submit that re-hashed while the opening moved the gates', async () => {
    // Prepare: the submit took its clock before the deadline; the tick opens the tender meanwhile
    const tender = await publishTender(api, purchaser);
    const [supplier] = await biddersFor(tender.id, 1);
    const bidId = await draftBid(api, supplier as TestSupplier, tender.id, 171_000_000);
    const hold = holdSubmitOf(bidId);
    const submitting = submit(api, supplier as TestSupplier, tender.id, bidId);
    await hold.held;

    // Act
    const counted = await openingCount(api, tender);
    hold.release();
    const answer = await submitting;

    // Assess
    expect(counted).toBe(0);
    expect(answer.status).toBe(422);
    expect(answer.body.type).toBe('urn:ggzy-portal:problem:deadline-passed');
    expect(await statusOf(supplier as TestSupplier, tender, bidId)).toBe('draft');
    const gate = (await gatesOf(tender.id))[gateShardOf((supplier as TestSupplier).orgId)];
    expect(gate).toMatchObject({ status: 'opening' });
  });

  it('missing (a tender stored before gates): an open tender heals its bidder’s gate and takes the bid', async () => {
    // Prepare
    const tender = await publishTender(api, purchaser);
    const [supplier] = await biddersFor(tender.id, 1);
    const bidId = await draftBid(api, supplier as TestSupplier, tender.id, 172_000_000);
    await dropGates(tender.id);

    // Act
    const answer = await submit(api, supplier as TestSupplier, tender.id, bidId);

    // Assess
    expect(answer.status).toBe(200);
    const shard = gateShardOf((supplier as TestSupplier).orgId);
    const gates = await gatesOf(tender.id);
    expect(gates.map((gate) => gate['sk'])).toEqual([keys.gate(tender.id, shard).sk]);
    expect(gates[0]).toMatchObject({
      status: 'tendering',
      bidDeadline: new Date(tender.content.timeline.bidDeadline).toISOString(),
    });
  });

  it('missing on a cancelled tender: the healed gate is closed, and the racing submit is refused', async () => {
    // Prepare: cancelled while the submit re-hashed, then its gates lost
    const tender = await publishTender(api, purchaser);
    const [supplier] = await biddersFor(tender.id, 1);
    const bidId = await draftBid(api, supplier as TestSupplier, tender.id, 173_000_000);
    const hold = holdSubmitOf(bidId);
    const submitting = submit(api, supplier as TestSupplier, tender.id, bidId);
    await hold.held;
    const cancelled = await api.call('POST', `/api/tenders/${tender.id}/cancel`, {
      token: purchaser,
      body: { reason: '采购需求发生重大变化' },
    });
    await dropGates(tender.id);

    // Act
    hold.release();
    const answer = await submitting;

    // Assess
    expect(cancelled.status).toBe(200);
    expect(answer.status).toBe(422);
    expect(answer.body.type).toBe('urn:ggzy-portal:problem:deadline-passed');
    expect(await statusOf(supplier as TestSupplier, tender, bidId)).toBe('draft');
    const gates = await gatesOf(tender.id);
    expect(gates).toHaveLength(1);
    expect(gates[0]).toMatchObject({ status: 'cancelled' });
  });
});
