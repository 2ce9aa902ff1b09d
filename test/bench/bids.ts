import { performance } from 'node:perf_hooks';
import {
  DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { FIXTURE_SCHEDULE_2027, FIXTURE_YEAR } from '../../infra/local/calendar-fixture-2027';
import { type EmulatorEndpoints, type LocalGateway, localDynamoClient } from '../../infra/local/local-stack';
import { openTenderContent } from '../../infra/local/sample-tender';
import { type SealedBid, sealBid } from '../../shared/domain/sealing';
import { creditCodeFor } from '../helpers/bidder';
import { sha256 } from '../helpers/fixtures';

/** What the bid bench needs of the bench's running stack. */
export interface BidBenchStack {
  /** The started local gateway (its dev clock, its token service). */
  gateway: LocalGateway;
  /** Where DynamoDB Local and s3rver listen. */
  endpoints: EmulatorEndpoints;
  /** The gateway's table, where the raw baselines write beside the bids. */
  tableName: string;
}

/** The sizes of the bid bench. */
export interface BidBenchOptions {
  /** Rounds per measure (≥ 3); medians and ranges are over these. */
  rounds?: number;
  /** Suppliers bidding on one tender per round. */
  suppliers?: number;
  /** Requests (or raw writes) in flight at once. */
  concurrency?: number;
  /** Where the lines go (console.log by default). */
  log?: (line: string) => void;
}

/** One round's figures. */
interface RushRound {
  perSecond: number;
  p50: number;
  p99: number;
  lost: number;
  failed: number;
}

/** The figures of a bid bench run, one entry per round. */
export interface BidBenchResult {
  /** (a) sealed submits through the API to one tender. */
  rush: RushRound[];
  /** (b) raw PutItem of the bid item, items per second. */
  rawPut: number[];
  /** (b) raw TransactWriteItems of the items one submit writes, transactions per second. */
  rawTransaction: number[];
  /** How many items that raw transaction holds (the submit's own). */
  transactionItems: number;
  /** (c) register + create + upload + submit, flows per second. */
  flow: RushRound[];
}

/** A supplier the bench signs in as. */
interface BenchSupplier {
  orgId: string;
  token: string;
}

/** A bid created and uploaded, ready to submit. */
interface ReadyBid {
  supplier: BenchSupplier;
  bidId: string;
}

export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** "median (min–max)" of a figure over the rounds. */
function spread(values: readonly number[], digits = 1): string {
  const min = Math.min(...values);
  const max = Math.max(...values);
  return `${median(values).toFixed(digits)} (${min.toFixed(digits)}–${max.toFixed(digits)})`;
}

/** Runs `work` on each item, at most `limit` at once, in order of the items. */
async function pooled<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await work(items[i] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** A JSON answer, read loosely: the bench reads a few fields and fails loudly on anything else. */
// biome-ignore lint/suspicious/noExplicitAny: the bench reads a few fields of JSON answers
type Json = any;

/** A JSON request to the gateway; answers status and parsed body. */
export async function request(
  gateway: LocalGateway,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${gateway.url}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** The same request, throwing unless it succeeded. */
export async function ok(
  gateway: LocalGateway,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<Json> {
  const answer = await request(gateway, method, path, token, body);
  if (answer.status >= 300)
    throw new Error(`${method} ${path} → ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** Publishes one open tender (draft, one document, publish) as the bench's purchaser. */
async function publishBenchTender(
  gateway: LocalGateway,
  purchaser: string,
): Promise<{ id: string; deadline: string }> {
  const draft = await ok(gateway, 'POST', '/api/tenders', purchaser, openTenderContent(gateway.clock.now()));
  const bytes = `招标文件 ${draft.id}`;
  const declared = await ok(gateway, 'POST', `/api/tenders/${draft.id}/documents`, purchaser, {
    fileName: '招标文件.pdf',
    contentType: 'application/pdf',
    size: Buffer.byteLength(bytes),
    sha256: sha256(bytes),
  });
  await upload(declared.upload, bytes);
  const published = await ok(gateway, 'POST', `/api/tenders/${draft.id}/publish`, purchaser);
  return { id: published.id, deadline: published.content.timeline.bidDeadline };
}

async function upload(target: { url: string; headers: Record<string, string> }, bytes: Uint8Array | string) {
  const response = await fetch(target.url, { method: 'PUT', headers: target.headers, body: bytes });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`upload → ${response.status}`);
}

/** Signs `count` suppliers in and saves their profiles (once for the whole bench). */
async function makeSuppliers(gateway: LocalGateway, count: number, limit: number): Promise<BenchSupplier[]> {
  const ids = Array.from({ length: count }, (_, i) => i + 1);
  return pooled(ids, limit, async (n) => {
    const orgId = `org-bench-bidder-${n}`;
    const { token } = await gateway.auth.issue({ role: 'supplier', orgId });
    await ok(gateway, 'PUT', '/api/suppliers/me', token, {
      name: `杭州压测供应商${n}号有限公司`,
      creditCode: creditCodeFor(900_000 + n),
      scale: 'small',
      scaleDeclaredAt: '2026-01-05',
      contact: { name: '李经理', phone: '0571-88880000' },
    });
    return { orgId, token };
  });
}

/** Seals one bid for a supplier (client work: done before any timing). */
function sealFor(tenderId: string, supplier: BenchSupplier, i: number): Promise<SealedBid> {
  return sealBid({
    tenderId,
    supplierId: supplier.orgId,
    priceFen: 200_000_000 + i,
    documents: [
      {
        name: '投标文件.pdf',
        bytes: Buffer.from(`投标文件：${supplier.orgId} 技术响应与服务承诺 `.repeat(40)),
      },
    ],
  });
}

/** Registers, creates the bid draft and uploads its ciphertext: every step of a bid before submit. */
async function prepareBid(
  gateway: LocalGateway,
  tenderId: string,
  supplier: BenchSupplier,
  sealed: SealedBid,
): Promise<ReadyBid> {
  await ok(gateway, 'POST', `/api/tenders/${tenderId}/registrations`, supplier.token);
  const created = await ok(gateway, 'POST', `/api/tenders/${tenderId}/bids`, supplier.token, {
    priceCommitment: sealed.priceCommitment,
    keyCommitment: sealed.keyCommitment,
    documents: sealed.documents.map((d) => ({ fileName: d.name, sha256: d.sha256, size: d.size })),
  });
  for (const [i, target] of created.uploads.entries()) {
    await upload(target, sealed.documents[i]?.sealed ?? new Uint8Array());
  }
  return { supplier, bidId: created.bid.id };
}

/** The number of bids the opening counted: the tick opens the tender at its deadline. */
async function openingCount(
  gateway: LocalGateway,
  tender: { id: string; deadline: string },
): Promise<number> {
  const deadline = new Date(tender.deadline);
  if (gateway.clock.now().getTime() < deadline.getTime()) gateway.clock.set(deadline);
  await ok(gateway, 'POST', '/api/dev/tick');
  let cursor: string | null | undefined;
  do {
    const page = await ok(
      gateway,
      'GET',
      `/api/tenders/${tender.id}/audit${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    const opened = (page.events ?? page.items ?? []).find(
      (e: { type: string }) => e.type === 'tender.opened',
    );
    if (opened) return Number(opened.data.bidCount);
    cursor = page.nextCursor;
  } while (cursor);
  throw new Error(`bench: tender ${tender.id} did not open`);
}

/** Times `work` for each item, `limit` at once: per-second rate and the latencies of the acknowledged. */
async function timedRush<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<boolean>,
): Promise<{ perSecond: number; latencies: number[]; acknowledged: number; failed: number }> {
  const latencies: number[] = [];
  let failed = 0;
  const started = performance.now();
  await pooled(items, limit, async (item) => {
    const t0 = performance.now();
    const accepted = await work(item).catch(() => false);
    if (accepted) latencies.push(performance.now() - t0);
    else failed += 1;
  });
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: items.length / seconds, latencies, acknowledged: latencies.length, failed };
}

/** (a) One round of the bid rush: every supplier's prepared bid submitted, `limit` at once. */
async function rushRound(
  gateway: LocalGateway,
  purchaser: string,
  suppliers: readonly BenchSupplier[],
  limit: number,
): Promise<RushRound & { tenderId: string }> {
  const tender = await publishBenchTender(gateway, purchaser);
  const sealed = await Promise.all(suppliers.map((s, i) => sealFor(tender.id, s, i)));
  const ready = await pooled(
    suppliers.map((s, i) => [s, sealed[i] as SealedBid] as const),
    limit,
    ([s, seal]) => prepareBid(gateway, tender.id, s, seal),
  );
  const rush = await timedRush(ready, limit, async (bid) => {
    const answer = await request(
      gateway,
      'POST',
      `/api/tenders/${tender.id}/bids/${bid.bidId}/submit`,
      bid.supplier.token,
    );
    return answer.status === 200;
  });
  const counted = await openingCount(gateway, tender);
  return {
    tenderId: tender.id,
    perSecond: rush.perSecond,
    p50: percentile(rush.latencies, 50),
    p99: percentile(rush.latencies, 99),
    lost: rush.acknowledged - counted,
    failed: rush.failed,
  };
}

/** (c) One round of the whole bid flow: register, create, upload, submit, `limit` suppliers at once. */
async function flowRound(
  gateway: LocalGateway,
  purchaser: string,
  suppliers: readonly BenchSupplier[],
  limit: number,
): Promise<RushRound> {
  const tender = await publishBenchTender(gateway, purchaser);
  const sealed = await Promise.all(suppliers.map((s, i) => sealFor(tender.id, s, i)));
  const flow = await timedRush(
    suppliers.map((s, i) => [s, sealed[i] as SealedBid] as const),
    limit,
    async ([s, seal]) => {
      const bid = await prepareBid(gateway, tender.id, s, seal);
      const answer = await request(
        gateway,
        'POST',
        `/api/tenders/${tender.id}/bids/${bid.bidId}/submit`,
        s.token,
      );
      return answer.status === 200;
    },
  );
  const counted = await openingCount(gateway, tender);
  return {
    perSecond: flow.perSecond,
    p50: percentile(flow.latencies, 50),
    p99: percentile(flow.latencies, 99),
    lost: flow.acknowledged - counted,
    failed: flow.failed,
  };
}

/** The items one submit wrote, read back from a tender's partition: templates for the raw baselines. */
async function submitTemplates(
  db: DynamoDBDocumentClient,
  tableName: string,
  tenderId: string,
): Promise<{
  tender: Record<string, unknown>;
  gates: Record<string, unknown>[];
  bid: Record<string, unknown>;
  event: Record<string, unknown>;
  bidder: Record<string, unknown>;
  counter: Record<string, unknown> | undefined;
}> {
  const pk = `TENDER#${tenderId}`;
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  const find = (test: (item: Record<string, unknown>) => boolean, what: string) => {
    const found = items.find(test);
    if (!found) throw new Error(`bench: no ${what} item in ${pk}`);
    return found;
  };
  const bid = find((i) => i['entity'] === 'bid' && i['status'] === 'submitted', 'submitted bid');
  const bidId = String(bid['sk']).slice('BID#'.length);
  return {
    tender: find((i) => i['sk'] === 'TENDER', 'tender'),
    // The tender's gates, if the submit checks one of them instead of the tender item.
    gates: items.filter((i) => i['entity'] === 'tenderGate'),
    bid,
    event: find(
      (i) =>
        String(i['sk']).startsWith(`BIDEVENT#${bidId}#`) &&
        i['entity'] === 'bidEvent' &&
        String(i['sk']) !== `BIDEVENT#${bidId}#00000001`,
      'submit event',
    ),
    bidder: find((i) => i['entity'] === 'bidder', 'bidder'),
    // Today's shape, if the submit still keeps a per-tender counter item.
    counter: items.find((i) => i['sk'] === 'BIDCOUNT'),
  };
}

/**
 * (b) The raw baselines on the same DynamoDB Local: PutItem of the bid item `count` times, and a
 * TransactWriteItems of the very items one submit writes (its ConditionCheck on a tender gate, or
 * on the tender item where there are no gates, the bid, its event, the bidder pointer, and the
 * counter if the submit keeps one), copies of the stored items
 * under fresh sort keys so sizes match; `limit` at once. Answers items/s and transactions/s.
 */
async function rawRound(
  db: DynamoDBDocumentClient,
  tableName: string,
  templates: Awaited<ReturnType<typeof submitTemplates>>,
  count: number,
  limit: number,
  round: number,
): Promise<{ put: number; transaction: number; items: number }> {
  const pk = `TENDER#bench-raw-${round}-${Date.now().toString(36)}`;
  // The tender copy (and its gates' copies) stay open, whatever the original's status is by now.
  const open = { status: 'tendering', bidDeadline: '9999-12-31T00:00:00.000Z' };
  await db.send(new PutCommand({ TableName: tableName, Item: { ...templates.tender, pk, ...open } }));
  for (const gate of templates.gates) {
    await db.send(new PutCommand({ TableName: tableName, Item: { ...gate, pk, ...open } }));
  }
  const checked = (i: number) =>
    templates.gates.length > 0 ? String(templates.gates[i % templates.gates.length]?.['sk']) : 'TENDER';
  const indexes = Array.from({ length: count }, (_, i) => i);
  const putStarted = performance.now();
  await pooled(indexes, limit, (i) =>
    db.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...templates.bid, pk, sk: `PUT#${i}` },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    ),
  );
  const put = count / ((performance.now() - putStarted) / 1000);
  const transactionOf = (i: number): TransactWriteCommandInput['TransactItems'] => {
    const fresh = (item: Record<string, unknown>, sk: string) => ({
      Put: {
        TableName: tableName,
        Item: { ...item, pk, sk },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });
    return [
      {
        ConditionCheck: {
          TableName: tableName,
          Key: { pk, sk: checked(i) },
          ConditionExpression: '#status = :tendering AND bidDeadline > :now',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':tendering': 'tendering', ':now': '0000' },
        },
      },
      fresh(templates.bid, `BID#raw-${i}`),
      fresh(templates.event, `BIDEVENT#raw-${i}#00000002`),
      fresh(templates.bidder, `BIDDER#raw-${i}`),
      ...(templates.counter
        ? [
            {
              Update: {
                TableName: tableName,
                Key: { pk, sk: 'BIDCOUNT' },
                UpdateExpression: 'ADD #count :delta SET entity = :entity',
                ExpressionAttributeNames: { '#count': 'count' },
                ExpressionAttributeValues: { ':delta': 1, ':entity': 'bidCount' },
              },
            },
          ]
        : []),
    ];
  };
  const items = transactionOf(0)?.length ?? 0;
  const txStarted = performance.now();
  await pooled(indexes, limit, async (i) => {
    // DynamoDB Local may cancel a transaction on a conflict; retry it like the adapter does.
    for (let attempt = 1; ; attempt += 1) {
      try {
        await db.send(new TransactWriteCommand({ TransactItems: transactionOf(i) }));
        return;
      } catch (error) {
        if ((error as { name?: string }).name !== 'TransactionCanceledException' || attempt >= 12)
          throw error;
        await new Promise((resolve) =>
          setTimeout(resolve, Math.min(1000, 20 * 2 ** attempt) * (0.5 + Math.random())),
        );
      }
    }
  });
  const transaction = count / ((performance.now() - txStarted) / 1000);
  return { put, transaction, items };
}

/**
 * The deadline-minute bench (issue 11): (a) a rush of sealed submits to one tender through the API,
 * with bids/s, p50 and p99 latency and lost bids (acknowledged but not in the opening's count);
 * (b) raw PutItem and a raw transaction of the submit's own items on the same DynamoDB Local, and
 * the ratio submit / raw transaction; (c) the whole bid flow per second. Each over several rounds,
 * printed as median (range). Prints figures; asserts nothing about speed.
 */
export async function benchBids(
  stack: BidBenchStack,
  options: BidBenchOptions = {},
): Promise<BidBenchResult> {
  const rounds = Math.max(3, options.rounds ?? 3);
  const count = options.suppliers ?? 500;
  const limit = options.concurrency ?? 32;
  const log = options.log ?? ((line: string) => console.log(line));
  const { gateway } = stack;
  const db = DynamoDBDocumentClient.from(localDynamoClient(stack.endpoints.dynamo));
  try {
    const { token: purchaser } = await gateway.auth.issue({ role: 'purchaser', orgId: 'org-bench-bids' });
    // Each round opens its tenders at their deadlines, moving the dev clock weeks ahead: load the
    // test calendar of the next year, as the integration tests do.
    const { token: centre } = await gateway.auth.issue({ role: 'centre', orgId: 'org-bench-centre' });
    await ok(gateway, 'PUT', `/api/calendar/years/${FIXTURE_YEAR}`, centre, FIXTURE_SCHEDULE_2027);
    const suppliers = await makeSuppliers(gateway, count, limit);
    const result: BidBenchResult = {
      rush: [],
      rawPut: [],
      rawTransaction: [],
      transactionItems: 0,
      flow: [],
    };
    for (let round = 0; round < rounds; round += 1) {
      const rush = await rushRound(gateway, purchaser, suppliers, limit);
      result.rush.push(rush);
      const templates = await submitTemplates(db, stack.tableName, rush.tenderId);
      const raw = await rawRound(db, stack.tableName, templates, count, limit, round);
      result.rawPut.push(raw.put);
      result.rawTransaction.push(raw.transaction);
      result.transactionItems = raw.items;
      result.flow.push(await flowRound(gateway, purchaser, suppliers, limit));
    }
    const ratios = result.rush.map((r, i) => r.perSecond / (result.rawTransaction[i] ?? Number.NaN));
    const name = (text: string) => text.padEnd(38);
    const lostText = (list: RushRound[]) =>
      `lost=${list.reduce((a, r) => a + r.lost, 0)} failed=${list.reduce((a, r) => a + r.failed, 0)}`;
    log(
      `${name(`bid rush ${count} suppliers, ${limit} at a time`)} ${spread(result.rush.map((r) => r.perSecond))} bids/s  p50=${spread(result.rush.map((r) => r.p50))} ms  p99=${spread(result.rush.map((r) => r.p99))} ms  ${lostText(result.rush)}  (${rounds} rounds)`,
    );
    log(`${name(`raw PutItem ×${count}, ${limit} at a time`)} ${spread(result.rawPut)} items/s`);
    log(
      `${name(`raw ${result.transactionItems}-item transaction ×${count}`)} ${spread(result.rawTransaction)} tx/s  submit/raw transaction=${spread(ratios, 2)} (goal ≥ 0.80)`,
    );
    log(
      `${name(`whole bid flow ×${count}, ${limit} at a time`)} ${spread(result.flow.map((r) => r.perSecond))} flows/s  p50=${spread(result.flow.map((r) => r.p50))} ms  p99=${spread(result.flow.map((r) => r.p99))} ms  ${lostText(result.flow)}`,
    );
    return result;
  } finally {
    db.destroy();
  }
}
