import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startEmulators, startLocalGateway } from '../../infra/local/local-stack';
import { SEED_YEAR, seedDemoData } from '../../infra/local/seed';
import { buildWebIfChanged } from '../../infra/local/web-assets';
import { getDeps } from '../../shared/adapters/deps';
import { ROUTES } from '../../shared/http/routes';
import type { AuditEvent } from '../../shared/schemas/audit';
import { TradeReportSchema } from '../../shared/schemas/report';
import { ROLES, type Role } from '../../shared/schemas/roles';
import { GENESIS_HASH, sealEvent, verifyChain } from '../../shared/usecases/audit-chain';
import { openTenderContent, sha256 } from '../helpers/fixtures';
import { type AuditBenchResult, benchAuditLog } from './audit';
import { type BidBenchResult, benchBids } from './bids';
import { benchColdStarts, COLD_GOALS, type ColdResult } from './cold';
import { benchQuotes, type QuoteBenchResult } from './quotes';
import { benchScoring } from './scoring';
import { benchDashboard, benchPublicBoard, benchWorkspaces, type WorkspaceHome } from './web';

/**
 * `npm run bench`: the measures of issue 11, each against a baseline measured in the same run —
 * cold starts of every function of `npm run synth`'s output against a DynamoDB-only handler, exact
 * scoring against a float version, the deadline-minute bid rush against raw PutItem and a raw
 * transaction on the same DynamoDB Local, the whole bid flow, paged audit reads on a short and a
 * long log, the stack's resources — then request latencies of the local stack, the cost of verifying
 * a long audit chain, and the web client in headless Chromium (the public board's first load, each
 * workspace's JavaScript, the dashboard). Ends with a table of the issue's rows. Prints figures;
 * asserts nothing about speed.
 *
 * `npm run bench -- cold` (or `scoring`, `bids`, `audit`, `api`, `web`, `chain`, `quotes`, several at once)
 * runs only those parts.
 */

/** The parts of the bench, in the order they run (the pure ones first, before the stack starts). */
const PARTS = ['cold', 'scoring', 'chain', 'audit', 'bids', 'api', 'web', 'quotes'] as const;

/** The whole bid flow before issue 11, flows per second (the issue's figure; 36.7/s measured here before the change). */
const FLOW_BEFORE_PER_SECOND = 36.5;

/** What the parts measured, for the closing table. */
interface Measured {
  cold?: ColdResult;
  scoring?: ReturnType<typeof benchScoring>;
  audit?: AuditBenchResult;
  bids?: BidBenchResult;
  quotes?: QuoteBenchResult;
}

/** A part of the bench. */
type Part = (typeof PARTS)[number];

/** The parts named on the command line, or all of them; an unknown name stops the run. */
function readParts(args: readonly string[]): Set<Part> {
  const named = args.filter((arg) => !arg.startsWith('-'));
  const unknown = named.filter((arg) => !(PARTS as readonly string[]).includes(arg));
  if (unknown.length > 0) {
    console.error(
      `unknown bench part ${unknown.join(', ')} / 未知的测试部分; choose from 可选: ${PARTS.join(', ')}`,
    );
    process.exit(2);
  }
  return new Set((named.length > 0 ? named : PARTS) as Part[]);
}

/** Who signs in to each workspace home (the demo data's organisations; the expert is in its pool). */
const WORKSPACE_USERS: Readonly<Record<Role, { orgId: string; sub?: string }>> = {
  supplier: { orgId: 'org-bench-supplier' },
  purchaser: { orgId: 'org-district-education' },
  expert: { orgId: 'org-expert-pool', sub: 'seed-expert-01' },
  centre: { orgId: 'org-trading-centre' },
};

/** A 万元 text of the report ("3455.14万元") as the dashboard's KPI card prints it ("3,455.14"). */
function showWanYuanDigits(formatted: string): string {
  return formatted
    .replace(/万元$/, '')
    .replace(
      /^(-?)(\d+)/,
      (_all, sign: string, whole: string) => sign + whole.replace(/\B(?=(\d{3})+(?!\d))/g, ','),
    );
}

/** The few response fields the bench reads. */
interface BenchJson {
  id?: string;
  upload?: { url: string; headers: Record<string, string> };
  nextCursor?: string | null;
}

const ROUNDS = { create: 200, publish: 40, listPages: 50, chain: 10_000 };

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function report(name: string, samples: number[]): void {
  const total = samples.reduce((a, b) => a + b, 0);
  console.log(
    `${name.padEnd(38)} n=${String(samples.length).padStart(5)}  p50=${percentile(samples, 50).toFixed(1).padStart(7)} ms  p95=${percentile(samples, 95).toFixed(1).padStart(7)} ms  mean=${(total / samples.length).toFixed(1).padStart(7)} ms`,
  );
}

async function timed<T>(samples: number[], fn: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await fn();
  samples.push(performance.now() - start);
  return result;
}

async function main(): Promise<void> {
  const parts = readParts(process.argv.slice(2));
  const measured: Measured = {};
  console.log(`ggzy-portal bench — Node ${process.version}; parts: ${[...parts].join(', ')}\n`);
  if (parts.has('cold')) measured.cold = benchColdStarts();
  if (parts.has('scoring')) measured.scoring = benchScoring();
  if (parts.has('chain')) benchChain();
  if (['audit', 'bids', 'api', 'web', 'quotes'].some((part) => parts.has(part as Part))) {
    await benchStack(parts, measured);
  }
  printIssueTable(measured);
}

/** The parts that need the local stack: emulators and a gateway in a temporary folder. */
async function benchStack(parts: Set<Part>, measured: Measured): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ggzy-bench-'));
  const emulators = await startEmulators({ dataDir, persistDynamo: false });
  const webDir = join(dataDir, 'web');
  if (parts.has('web')) await buildWebIfChanged(webDir, () => undefined);
  const tableName = 'bench';
  const gateway = await startLocalGateway({
    webDir,
    endpoints: emulators.endpoints,
    port: 0,
    tickIntervalMs: null,
    tableName,
    bucketName: 'bench',
  });
  try {
    const { token } = await gateway.auth.issue({ role: 'purchaser', orgId: 'org-bench' });
    const call = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${gateway.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      const json = (await response.json()) as BenchJson;
      if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${JSON.stringify(json)}`);
      return json;
    };
    console.log(`\nlocal stack on ${gateway.url}`);
    if (parts.has('audit')) {
      measured.audit = await benchAuditLog({ baseUrl: gateway.url, token, now: () => gateway.clock.now() });
    }
    if (parts.has('api')) await benchRequests(call, () => gateway.clock.now());
    if (parts.has('web')) await benchWeb(gateway);
    // Last: each round moves the dev clock to its tender's deadline
    if (parts.has('quotes'))
      measured.quotes = await benchQuotes({ gateway, endpoints: emulators.endpoints, tableName });
    if (parts.has('bids'))
      measured.bids = await benchBids({ gateway, endpoints: emulators.endpoints, tableName });
  } finally {
    await gateway.stop();
    await emulators.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The median of some numbers. */
function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** The closing table: each row of issue 11 as measured, its baseline in this run, the ratio and the goal. */
function printIssueTable(measured: Measured): void {
  const rows: string[][] = [];
  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
  const { bids, cold, scoring, audit, quotes } = measured;
  if (quotes) {
    rows.push([
      'quotes, 50 bidders × 30 s of a countdown (issue 12)',
      `${quotes.acceptedPerSecond.toFixed(1)} accepted/s, p50 ${quotes.p50.toFixed(0)} ms, p99 ${quotes.p99.toFixed(0)} ms, ${quotes.lost} lost, ${quotes.doubled} doubled`,
      `raw conditional UpdateItem ${quotes.rawPerSecond.toFixed(1)}/s`,
      `${(quotes.acceptedPerSecond / quotes.rawPerSecond).toFixed(2)}×`,
      `0 lost, 0 doubled: ${verdict(quotes.lost === 0 && quotes.doubled === 0)}`,
    ]);
  }
  if (bids) {
    const submit = medianOf(bids.rush.map((round) => round.perSecond));
    const raw = medianOf(bids.rawTransaction);
    const lost = bids.rush.reduce((sum, round) => sum + round.lost, 0);
    const p99 = medianOf(bids.rush.map((round) => round.p99));
    rows.push([
      'bid submit, 500 suppliers, 32 at a time',
      `${submit.toFixed(1)} bids/s, p99 ${p99.toFixed(0)} ms, ${lost} lost`,
      `raw ${bids.transactionItems}-item transaction ${raw.toFixed(1)}/s, raw PutItem ${medianOf(bids.rawPut).toFixed(0)}/s`,
      `${(submit / raw).toFixed(2)}×`,
      `≥ 0.8×, 0 lost: ${verdict(submit / raw >= 0.8 && lost === 0)}`,
    ]);
    const flow = medianOf(bids.flow.map((round) => round.perSecond));
    rows.push([
      'whole bid flow (register, create, upload, submit)',
      `${flow.toFixed(1)} flows/s`,
      `before issue 11: ${FLOW_BEFORE_PER_SECOND}/s`,
      `${(flow / FLOW_BEFORE_PER_SECOND).toFixed(2)}×`,
      `≥ 2×: ${verdict(flow / FLOW_BEFORE_PER_SECOND >= 2)}`,
    ]);
  }
  if (cold) {
    const base = cold.baseline.importMs.median;
    const imports = cold.bundles.map((bundle) => bundle.importMs.median / base);
    const firsts = cold.bundles.flatMap((bundle) => (bundle.firstMs ? [bundle.firstMs.median / base] : []));
    const loaded = cold.bundles.map((bundle) => bundle.loadedBytes);
    rows.push([
      'cold import of a function bundle',
      `${Math.min(...imports).toFixed(2)}–${Math.max(...imports).toFixed(2)}×, ${(Math.min(...loaded) / 1024).toFixed(0)}–${(Math.max(...loaded) / 1024).toFixed(0)} KB at import`,
      `DynamoDB-only handler ${base.toFixed(0)} ms, ${(cold.baseline.loadedBytes / 1024).toFixed(0)} KB`,
      `import ≤ ${Math.max(...imports).toFixed(2)}×; first request ${Math.min(...firsts).toFixed(2)}–${Math.max(...firsts).toFixed(2)}×`,
      `≤ ${COLD_GOALS.ratio}×, ≤ 450 KB: import ${verdict(Math.max(...imports) <= COLD_GOALS.ratio && Math.max(...loaded) <= COLD_GOALS.loadedBytes)}, first request ${verdict(Math.max(...firsts) <= COLD_GOALS.ratio)}`,
    ]);
  }
  if (scoring) {
    rows.push([
      'scoring 200 bids × 9 experts × 30 criteria',
      `${scoring.exact.median.toFixed(1)} ms exact`,
      `float version ${scoring.float.median.toFixed(1)} ms`,
      `${(scoring.exact.median / scoring.float.median).toFixed(2)}×`,
      `≤ 50 ms, exact: ${verdict(scoring.exact.median <= 50)}`,
    ]);
  }
  if (audit) {
    rows.push([
      'GET audit log, a page of 100',
      `${audit.longFirst.median.toFixed(1)} / ${audit.longLast.median.toFixed(1)} ms (first / last page of 1,000)`,
      `the whole log of 100: ${audit.short.median.toFixed(1)} ms`,
      `${audit.ratioFirst.toFixed(2)}× / ${audit.ratioLast.toFixed(2)}×`,
      `paged, flat: ${verdict(Math.max(audit.ratioFirst, audit.ratioLast) <= 1.5)}`,
    ]);
  }
  if (cold) {
    const routes = ROUTES.length;
    rows.push([
      'CloudFormation resources, stateless stack',
      `${cold.resources} of 500 (${routes} routes, one resource each)`,
      '—',
      `3× the routes: ${cold.resources + 2 * routes}`,
      `room for 3× routes: ${verdict(cold.resources + 2 * routes <= 500)}`,
    ]);
  }
  if (rows.length === 0) return;
  const header = ['measure', 'this run', 'baseline in this run', 'ratio', 'goal'];
  console.log(`\n| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}

/** Sends a request to the bench's gateway as its purchaser; throws on a failure. */
type BenchCall = (method: string, path: string, body?: unknown) => Promise<BenchJson>;

/** Request latencies: drafts, the publish flow with a document, the purchaser's and the public lists. */
async function benchRequests(call: BenchCall, now: () => Date): Promise<void> {
  const create: number[] = [];
  for (let i = 0; i < ROUNDS.create; i += 1) {
    await timed(create, () => call('POST', '/api/tenders', openTenderContent(now())));
  }
  report('POST /api/tenders (create draft)', create);

  const flow: number[] = [];
  for (let i = 0; i < ROUNDS.publish; i += 1) {
    await timed(flow, async () => {
      const draft = await call('POST', '/api/tenders', openTenderContent(now()));
      const bytes = `bench document ${i} `.repeat(2000);
      const declared = await call('POST', `/api/tenders/${draft.id}/documents`, {
        fileName: 'bench.pdf',
        contentType: 'application/pdf',
        size: Buffer.byteLength(bytes),
        sha256: sha256(bytes),
      });
      await fetch(declared.upload?.url ?? '', {
        method: 'PUT',
        headers: declared.upload?.headers ?? {},
        body: bytes,
      });
      await call('POST', `/api/tenders/${draft.id}/publish`);
    });
  }
  report('create + 40 KB document + publish', flow);

  const list: number[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < ROUNDS.listPages; i += 1) {
    const page: BenchJson = await timed(list, () =>
      call('GET', `/api/manage/tenders?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
    );
    cursor = page.nextCursor ?? null;
  }
  report('GET /api/manage/tenders (page of 20)', list);

  const publicList: number[] = [];
  for (let i = 0; i < ROUNDS.listPages; i += 1)
    await timed(publicList, () => call('GET', '/api/tenders?limit=20'));
  report('GET /api/tenders (page of 20)', publicList);
}

/** A started gateway, as the bench uses it. */
type Gateway = Awaited<ReturnType<typeof startLocalGateway>>;

/**
 * The web client in Chromium, on the demo data (seeded here through the use cases, as `npm start`
 * does): the public board, each workspace's JavaScript beyond it, the dashboard on the demo year.
 */
async function benchWeb(gateway: Gateway): Promise<void> {
  const seedStarted = performance.now();
  const seeded = await seedDemoData(getDeps(), { log: () => undefined });
  console.log(
    `${`seed demo data (${seeded.tenders} tenders)`.padEnd(38)} ${((performance.now() - seedStarted) / 1000).toFixed(1)} s through the use cases`,
  );
  const notices = (await (await fetch(`${gateway.url}/api/notices?limit=1`)).json()) as {
    items?: { title: string }[];
  };
  const noticeTitle = notices.items?.[0]?.title;
  if (!noticeTitle) throw new Error('bench: no published notice to render');
  const { sharedScripts } = await benchPublicBoard(gateway.url, noticeTitle);

  const homes: WorkspaceHome[] = [];
  for (const role of ROLES) {
    const user = WORKSPACE_USERS[role];
    const { token } = await gateway.auth.issue({ role, ...user });
    // Each workspace's home is its path (`home: '/centre'` in pages/centre/routes.tsx).
    homes.push({ role, path: `/${role}`, token });
  }
  await benchWorkspaces(gateway.url, sharedScripts, homes);

  const centre = homes.find((home) => home.role === 'centre');
  if (!centre) throw new Error('bench: no centre token');
  const response = await fetch(`${gateway.url}/api/reports/trade?year=${SEED_YEAR}`, {
    headers: { authorization: `Bearer ${centre.token}` },
  });
  const year = TradeReportSchema.parse(await response.json());
  await benchDashboard(
    gateway.url,
    centre.token,
    SEED_YEAR,
    showWanYuanDigits(year.totals.formatted.dealWanYuan),
  );
}

/** The cost of verifying a long audit chain (pure, no I/O). */
function benchChain(): void {
  const events: AuditEvent[] = [];
  for (let i = 0; i < ROUNDS.chain; i += 1) {
    const prev = events.at(-1);
    events.push(
      sealEvent(
        {
          tenderId: '01JDQ3Z6B2W7X9Y0A1B2C3D4E5',
          type: 'tender.updated',
          at: new Date().toISOString(),
          actor: { sub: 's', role: 'purchaser' },
          data: { i },
        },
        prev?.seq ?? 0,
        prev?.hash ?? GENESIS_HASH,
      ),
    );
  }
  const start = performance.now();
  const verification = verifyChain(events);
  const elapsed = performance.now() - start;
  console.log(
    `${'verify audit chain (pure)'.padEnd(38)} n=${String(ROUNDS.chain).padStart(5)}  total=${elapsed.toFixed(1)} ms  per event=${((elapsed / ROUNDS.chain) * 1000).toFixed(1)} µs  valid=${verification.valid}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
