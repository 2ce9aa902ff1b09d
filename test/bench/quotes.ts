import { performance } from 'node:perf_hooks';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { FIXTURE_SCHEDULE_2027, FIXTURE_YEAR } from '../../infra/local/calendar-fixture-2027';
import { type EmulatorEndpoints, type LocalGateway, localDynamoClient } from '../../infra/local/local-stack';
import { chinaMorning, openTenderContent } from '../../infra/local/sample-tender';
import { creditCodeFor } from '../helpers/bidder';
import { sha256 } from '../helpers/fixtures';
import { ok, percentile, request } from './bids';

/** What the quote bench needs of the bench's running stack. */
export interface QuoteBenchStack {
  /** The started local gateway (its dev clock, its token service). */
  gateway: LocalGateway;
  /** Where DynamoDB Local listens. */
  endpoints: EmulatorEndpoints;
  /** The gateway's table, where the raw baseline writes beside the quotes. */
  tableName: string;
}

/** The figures of one quote bench run. */
export interface QuoteBenchResult {
  /** Accepted quotes per second through the API. */
  acceptedPerSecond: number;
  /** Quote requests answered per second (accepted, told the new price, or refused). */
  answeredPerSecond: number;
  /** Latency of all quote requests, ms. */
  p50: number;
  p99: number;
  /** Raw conditional UpdateItem of one price item, accepted per second, same concurrency. */
  rawPerSecond: number;
  /** Accepted quotes the stored history lacks, and quotes stored twice or out of order. */
  lost: number;
  doubled: number;
}

/** Publishes an auction (拍卖: timed bidding from its start) and enrols `bidders` with confirmed deposits. */
async function auctionWithBidders(gateway: LocalGateway, bidders: number) {
  const purchaser = (await gateway.auth.issue({ role: 'purchaser', orgId: 'org-bench-land' })).token;
  const centre = (await gateway.auth.issue({ role: 'centre', orgId: 'org-bench-centre' })).token;
  // The listing reaches into 2027: the centre loads the test year (a second load is refused, that is fine)
  await request(gateway, 'PUT', `/api/calendar/years/${FIXTURE_YEAR}`, centre, FIXTURE_SCHEDULE_2027);
  const now = gateway.clock.now();
  const startsAt = chinaMorning(new Date(now.getTime() + 22 * 86_400_000).toISOString().slice(0, 10));
  const endsAt = new Date(startsAt.getTime() + 10 * 86_400_000);
  const content = openTenderContent(now, {
    title: '压测地块国有建设用地使用权网上拍卖出让',
    tradeType: 'landUseRights',
    category: 'works',
    method: 'auction',
    budgetFen: undefined,
    sme: { reservedForSme: false, notReservedReason: '土地出让不适用中小企业政策' },
    evaluation: { method: 'highestPrice', criteria: [] },
    timeline: {
      documentsFrom: startsAt.toISOString(),
      documentsUntil: new Date(endsAt.getTime() - 3 * 86_400_000).toISOString(),
      bidDeadline: endsAt.toISOString(),
      decryptionWindowMinutes: 30,
      confirmationWindowMinutes: 60,
    },
    transfer: {
      subject: {
        kind: 'land',
        parcelNo: 'BENCH-1',
        location: '压测片区',
        areaSquareMetres: 10_000,
        use: '住宅',
        termYears: 70,
        planning: '',
      },
      startPriceFen: 1_000_000_000,
      incrementFen: 100_000,
      depositFen: 100_000_000,
      bidding: {},
    },
  });
  const draft = await ok(gateway, 'POST', '/api/tenders', purchaser, content);
  const bytes = `出让文件 ${draft.id}`;
  const declared = await ok(gateway, 'POST', `/api/tenders/${draft.id}/documents`, purchaser, {
    fileName: '出让文件.pdf',
    contentType: 'application/pdf',
    size: Buffer.byteLength(bytes),
    sha256: sha256(bytes),
  });
  const put = await fetch(declared.upload.url, {
    method: 'PUT',
    headers: declared.upload.headers,
    body: bytes,
  });
  await put.arrayBuffer();
  const tender = await ok(gateway, 'POST', `/api/tenders/${draft.id}/publish`, purchaser);
  const tokens: string[] = [];
  for (let n = 1; n <= bidders; n += 1) {
    const orgId = `org-bench-developer-${n}`;
    const { token } = await gateway.auth.issue({ role: 'supplier', orgId });
    await ok(gateway, 'PUT', '/api/suppliers/me', token, {
      name: `压测置业${n}号有限公司`,
      creditCode: creditCodeFor(800_000 + n),
      scale: 'large',
      scaleDeclaredAt: '2026-01-05',
      contact: { name: '王经理', phone: '0571-88880000' },
    });
    await ok(gateway, 'POST', `/api/tenders/${tender.id}/transfer/applications`, token, {
      deposit: {
        amountFen: 100_000_000,
        payerAccountName: `压测置业${n}号有限公司`,
        payerAccountNo: '6222 0000 0000 0000',
        kind: 'bankTransfer',
        reference: `BENCH${String(n).padStart(6, '0')}`,
      },
    });
    await ok(gateway, 'POST', `/api/tenders/${tender.id}/transfer/deposits/${orgId}/decision`, centre, {
      decision: 'confirm',
    });
    tokens.push(token);
  }
  return { tenderId: tender.id as string, startsAt: endsAt, tokens };
}

/**
 * Issue 12's quote bench: `bidders` bidders quote as fast as they can for `seconds` of an auction's
 * countdown (each quote the minimum the last answer allowed, so they keep colliding at one level),
 * through the API on the local stack; then a raw conditional UpdateItem of one price item with the
 * same concurrency on the same DynamoDB Local. Checks the stored history against the accepted answers.
 */
export async function benchQuotes(
  stack: QuoteBenchStack,
  options: { bidders?: number; seconds?: number; log?: (line: string) => void } = {},
): Promise<QuoteBenchResult> {
  const log = options.log ?? console.log;
  const bidders = options.bidders ?? 50;
  const seconds = options.seconds ?? 30;
  const { gateway } = stack;
  const { tenderId, startsAt, tokens } = await auctionWithBidders(gateway, bidders);
  gateway.clock.set(new Date(startsAt.getTime() + 1000));
  const latencies: number[] = [];
  const accepted: number[] = [];
  let answered = 0;
  const stopAt = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    tokens.map(async (token) => {
      let minimum = 1_000_000_000;
      while (performance.now() < stopAt) {
        const t0 = performance.now();
        const answer = await request(gateway, 'POST', `/api/tenders/${tenderId}/auction/quotes`, token, {
          amountFen: minimum,
        });
        latencies.push(performance.now() - t0);
        answered += 1;
        if (answer.status === 201) {
          accepted.push(minimum);
          minimum = answer.body.auction.minimumQuoteFen;
        } else if (answer.status === 409) {
          minimum =
            answer.body.minimumQuoteFen ?? answer.body.extensions?.minimumQuoteFen ?? minimum + 100_000;
        } else {
          const view = await ok(gateway, 'GET', `/api/tenders/${tenderId}/auction`);
          minimum = view.minimumQuoteFen ?? minimum + 100_000;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const history: { seq: number; amountFen: number }[] = [];
  for (let after = 0; ; ) {
    const page = await ok(
      gateway,
      'GET',
      `/api/tenders/${tenderId}/auction/quotes?afterSeq=${after}&limit=500`,
    );
    history.push(...page.items);
    if (page.nextAfterSeq === null) break;
    after = page.nextAfterSeq;
  }
  const stored = new Set(history.map((q) => q.amountFen));
  const lost = accepted.filter((amount) => !stored.has(amount)).length;
  let doubled = history.length - stored.size;
  for (let i = 1; i < history.length; i += 1) {
    const [prev, next] = [history[i - 1], history[i]] as [
      { seq: number; amountFen: number },
      { seq: number; amountFen: number },
    ];
    if (next.seq !== prev.seq + 1 || next.amountFen <= prev.amountFen) doubled += 1;
  }
  doubled += Math.max(0, history.length - accepted.length);

  // The raw baseline: one item, a conditional UpdateItem per accepted step, the same concurrency
  const client = DynamoDBDocumentClient.from(localDynamoClient(stack.endpoints.dynamo));
  const key = { pk: 'BENCH#QUOTE', sk: 'PRICE' };
  await client.send(new PutCommand({ TableName: stack.tableName, Item: { ...key, price: 0 } }));
  let rawAccepted = 0;
  const rawStop = performance.now() + seconds * 1000;
  const rawStart = performance.now();
  await Promise.all(
    Array.from({ length: bidders }, async () => {
      let seen = 0;
      while (performance.now() < rawStop) {
        try {
          await client.send(
            new UpdateCommand({
              TableName: stack.tableName,
              Key: key,
              UpdateExpression: 'SET price = :next',
              ConditionExpression: 'price = :seen',
              ExpressionAttributeValues: { ':seen': seen, ':next': seen + 1 },
            }),
          );
          rawAccepted += 1;
          seen += 1;
        } catch {
          // Lost to another writer: read the price now, as a quote told the new price does
          const now = await client.send(
            new GetCommand({ TableName: stack.tableName, Key: key, ConsistentRead: true }),
          );
          seen = Number(now.Item?.['price'] ?? seen);
        }
      }
    }),
  );
  const rawPerSecond = rawAccepted / ((performance.now() - rawStart) / 1000);
  client.destroy();
  const result: QuoteBenchResult = {
    acceptedPerSecond: accepted.length / elapsed,
    answeredPerSecond: answered / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    rawPerSecond,
    lost,
    doubled,
  };
  log(
    `quotes: ${bidders} bidders × ${seconds} s of a countdown: ${result.acceptedPerSecond.toFixed(1)} accepted/s (${result.answeredPerSecond.toFixed(1)} answered/s), p50 ${result.p50.toFixed(0)} ms, p99 ${result.p99.toFixed(0)} ms; raw conditional UpdateItem ${rawPerSecond.toFixed(1)}/s → ratio ${(result.acceptedPerSecond / rawPerSecond).toFixed(2)}; ${accepted.length} accepted, ${history.length} stored, ${lost} lost, ${doubled} doubled or out of order`,
  );
  return result;
}
