/**
 * Helpers of the bid-count tests (issue 11): suppliers, registrations and drafts made many at a
 * time, submits and withdrawals, the count the opening records, and a whole-table snapshot.
 */
import { type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { sealBid } from '../../shared/domain/sealing';
import type { Tender } from '../../shared/schemas/tender';
import { type ApiClient, type ApiResponse, uploadTo } from './api';
import { makeSupplier, type TestSupplier, tickAt } from './bidder';

/** Runs `work` on every item, `limit` at once. */
export async function pooled<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await work(items[i] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Suppliers numbered `from`, `from + 1`, …, with saved profiles. */
export function makeSuppliers(api: ApiClient, from: number, count: number): Promise<TestSupplier[]> {
  const numbers = Array.from({ length: count }, (_, i) => from + i);
  return pooled(numbers, 25, (n) => makeSupplier(api, n));
}

/** Seals a bid, creates its draft and uploads its ciphertext: everything before submit. */
export async function draftBid(
  api: ApiClient,
  supplier: TestSupplier,
  tenderId: string,
  priceFen: number,
): Promise<string> {
  const sealed = await sealBid({
    tenderId,
    supplierId: supplier.orgId,
    priceFen,
    documents: [{ name: '投标文件.pdf', bytes: Buffer.from(`投标文件：${supplier.name} ${priceFen}`) }],
  });
  const created = await api.call('POST', `/api/tenders/${tenderId}/bids`, {
    token: supplier.token,
    body: {
      priceCommitment: sealed.priceCommitment,
      keyCommitment: sealed.keyCommitment,
      documents: sealed.documents.map((d) => ({ fileName: d.name, sha256: d.sha256, size: d.size })),
    },
  });
  if (created.status !== 201)
    throw new Error(`create bid: ${created.status} ${JSON.stringify(created.body)}`);
  const status = await uploadTo(created.body.uploads[0], sealed.documents[0]?.sealed ?? new Uint8Array());
  if (status !== 200) throw new Error(`upload ${status}`);
  return created.body.bid.id;
}

/** Registers every supplier for the tender. */
export async function registerAll(
  api: ApiClient,
  tenderId: string,
  bidders: readonly TestSupplier[],
): Promise<void> {
  await pooled(bidders, 25, async (s) => {
    const registered = await api.call('POST', `/api/tenders/${tenderId}/registrations`, { token: s.token });
    if (registered.status !== 201) throw new Error(`register: ${registered.status}`);
  });
}

export function submit(
  api: ApiClient,
  supplier: TestSupplier,
  tenderId: string,
  bidId: string,
): Promise<ApiResponse> {
  return api.call('POST', `/api/tenders/${tenderId}/bids/${bidId}/submit`, { token: supplier.token });
}

export function withdraw(
  api: ApiClient,
  supplier: TestSupplier,
  tenderId: string,
  bidId: string,
): Promise<ApiResponse> {
  return api.call('POST', `/api/tenders/${tenderId}/bids/${bidId}/withdraw`, { token: supplier.token });
}

/** The count the tick's opening recorded, once the deadline has come. */
export async function openingCount(api: ApiClient, tender: Tender): Promise<number> {
  await tickAt(api, tender.content.timeline.bidDeadline);
  const audit = await api.call('GET', `/api/tenders/${tender.id}/audit`);
  const opened = (audit.body.events ?? audit.body.items).find(
    (e: { type: string }) => e.type === 'tender.opened',
  );
  return opened.data.bidCount;
}

/** Every item of this file's own table (a test may Scan; no request path does). */
export async function everyItem(db: DynamoDBDocumentClient): Promise<Map<string, Record<string, unknown>>> {
  const items = new Map<string, Record<string, unknown>>();
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new ScanCommand({
        TableName: process.env['TABLE_NAME'],
        ExclusiveStartKey: startKey,
        ConsistentRead: true,
      }),
    );
    for (const item of page.Items ?? []) items.set(`${item['pk']}|${item['sk']}`, item);
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}
