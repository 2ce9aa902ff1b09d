/**
 * The deadline minute without a hot item (issue 11): 200 concurrent submits to one tender are all
 * counted at the opening, from the bids themselves, and no item is written by every submit.
 * Through HTTP on DynamoDB Local and s3rver.
 */
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { localDynamoClient } from '../../infra/local/local-stack';
import { DynamoBidRepository } from '../../shared/adapters/dynamodb/bid-repository';
import { keys } from '../../shared/adapters/dynamodb/keys';
import { type ApiClient, publishTender, startTestApi } from '../helpers/api';
import {
  draftBid,
  everyItem,
  makeSuppliers,
  openingCount,
  pooled,
  registerAll,
  submit,
} from '../helpers/bid-drafts';

let api: ApiClient;
let purchaser: string;
let db: DynamoDBDocumentClient;

beforeAll(async () => {
  api = await startTestApi();
  purchaser = await api.token('purchaser', 'org-county-hospital');
  db = DynamoDBDocumentClient.from(localDynamoClient(inject('emulators').dynamo));
});

afterAll(async () => {
  db.destroy();
  await api.gateway.stop();
});

describe('the bid count at the opening, from the bids themselves', () => {
  it('is exact after 200 concurrent submits to one tender, and no item is written by every submit', async () => {
    // Prepare: 200 drafts ready to submit
    const tender = await publishTender(api, purchaser);
    const bidders = await makeSuppliers(api, 1, 200);
    await registerAll(api, tender.id, bidders);
    const drafts = await pooled(bidders, 25, async (s) => ({
      supplier: s,
      bidId: await draftBid(api, s, tender.id, 150_000_000 + bidders.indexOf(s)),
    }));
    const before = await everyItem(db);

    // Act: all 200 submits at once
    const receipts = await Promise.all(drafts.map((d) => submit(api, d.supplier, tender.id, d.bidId)));
    const after = await everyItem(db);
    const repositoryCount = await new DynamoBidRepository(db, String(process.env['TABLE_NAME'])).getBidCount(
      tender.id,
    );
    const counted = await openingCount(api, tender);

    // Assess: every submit acknowledged and counted
    expect(receipts.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
    expect(repositoryCount).toBe(200);
    expect(counted).toBe(200);
    // Assess: what the rush wrote is the bids' own items, each belonging to one bidder
    const written = [...after].filter(
      ([key, item]) => JSON.stringify(before.get(key)) !== JSON.stringify(item),
    );
    const owner = new Map(drafts.flatMap((d) => [[d.bidId, d.supplier.orgId] as const]));
    const ownerOf = (sk: string): string | undefined => {
      const [kind, id = ''] = sk.split('#');
      if (kind === 'BIDDER') return id;
      if (kind === 'BID' || kind === 'BIDEVENT') return owner.get(id);
      return undefined;
    };
    const perOwner = new Map<string, string[]>();
    for (const [, item] of written) {
      const sk = String(item['sk']);
      expect(item['pk'], sk).toBe(keys.tender(tender.id).pk);
      const org = ownerOf(sk);
      expect(org, `${sk} belongs to one bidder`).toBeDefined();
      perOwner.set(org as string, [...(perOwner.get(org as string) ?? []), sk.split('#')[0] as string]);
    }
    expect(written).toHaveLength(3 * 200);
    for (const kinds of perOwner.values()) expect(kinds.sort()).toEqual(['BID', 'BIDDER', 'BIDEVENT']);
    expect([...after.keys()].filter((key) => key.endsWith('|BIDCOUNT'))).toEqual([]);
  }, 120_000);
});
