import { performance } from 'node:perf_hooks';
import { openTenderContent, sha256 } from '../helpers/fixtures';

/**
 * The paged audit log's cost against the log's length (issue 11): GET …/audit?limit=100 on a log of
 * 100 events and on a log of 1,000 (its first page and its last, which reads from a cursor and
 * checks the recorded head), their ratio (≈ 1.0 means a page costs the same however long the log),
 * and reading the whole 1,000-event log by following every page, for comparison.
 *
 * Why logs built by editing a draft: each edit seals one event through the real use case, so the
 * chain is exactly what a long-lived tender would have. Prints figures; asserts nothing about speed.
 */
export async function benchAuditLog(options: {
  /** The gateway's base URL, e.g. http://127.0.0.1:3000 */
  baseUrl: string;
  /** A purchasing unit's bearer token (it builds the two logs). */
  token: string;
  /** The dev clock's now, for the tenders' timelines (defaults to the wall clock). */
  now?: () => Date;
  /** Timed rounds per measure (default 30). */
  rounds?: number;
  /** Where the lines go (default console.log). */
  print?: (line: string) => void;
}): Promise<AuditBenchResult> {
  const now = options.now ?? (() => new Date());
  const rounds = options.rounds ?? 30;
  const print = options.print ?? ((line: string) => console.log(line));
  const api = jsonClient(options.baseUrl, options.token);

  const built = performance.now();
  const [short, long] = await Promise.all([buildLog(api, 100, now), buildLog(api, 1000, now)]);
  print(
    `${'audit logs built (100 + 1,000 events)'.padEnd(38)} ${((performance.now() - built) / 1000).toFixed(1)} s`,
  );

  const path = (id: string, cursor?: string | null) =>
    `/api/tenders/${id}/audit?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
  const longPages = await followPages(api, (cursor) => path(long, cursor));
  const lastCursor = longPages.at(-2)?.nextCursor ?? null;
  if (longPages.length !== 10 || !lastCursor) throw new Error(`expected 10 pages, got ${longPages.length}`);
  if (!longPages.every((page) => page.verification.valid))
    throw new Error('a page of the long log is not valid');

  // One untimed warm-up of each, then the rounds interleaved so drift hits all alike.
  const measures = {
    short: [] as number[],
    longFirst: [] as number[],
    longLast: [] as number[],
    longWhole: [] as number[],
  };
  await api.get(path(short));
  await api.get(path(long, lastCursor));
  for (let round = 0; round < rounds; round += 1) {
    measures.short.push(await timed(() => api.get(path(short))));
    measures.longFirst.push(await timed(() => api.get(path(long))));
    measures.longLast.push(await timed(() => api.get(path(long, lastCursor))));
  }
  for (let round = 0; round < Math.max(3, Math.ceil(rounds / 5)); round += 1) {
    measures.longWhole.push(await timed(() => followPages(api, (cursor) => path(long, cursor))));
  }

  const result: AuditBenchResult = {
    short: summarise(measures.short),
    longFirst: summarise(measures.longFirst),
    longLast: summarise(measures.longLast),
    longWhole: summarise(measures.longWhole),
    ratioFirst: median(measures.longFirst) / median(measures.short),
    ratioLast: median(measures.longLast) / median(measures.short),
  };
  print(line('GET audit ?limit=100, log of 100', result.short));
  print(line('… log of 1,000, first page', result.longFirst));
  print(line('… log of 1,000, last page (cursor)', result.longLast));
  print(
    `${'audit page: log 1,000 ÷ log 100'.padEnd(38)} first page ×${result.ratioFirst.toFixed(2)}  last page ×${result.ratioLast.toFixed(2)}  (≈1.0 = flat)`,
  );
  print(line('whole log of 1,000 (10 pages followed)', result.longWhole));
  return result;
}

/** Median and range of one measure, in ms. */
export interface BenchSummary {
  /** Timed rounds. */
  n: number;
  /** Median, ms. */
  median: number;
  /** Fastest round, ms. */
  min: number;
  /** Slowest round, ms. */
  max: number;
}

/** What {@link benchAuditLog} measured. */
export interface AuditBenchResult {
  /** A page of 100 on a log of 100 (the whole log). */
  short: BenchSummary;
  /** The first page of 100 on a log of 1,000. */
  longFirst: BenchSummary;
  /** The last page of 100 on a log of 1,000, from a cursor, with the head check. */
  longLast: BenchSummary;
  /** All ten pages of the log of 1,000, followed one after another. */
  longWhole: BenchSummary;
  /** Median first page (1,000) ÷ median page (100). */
  ratioFirst: number;
  /** Median last page (1,000) ÷ median page (100). */
  ratioLast: number;
}

/** The few fields the bench reads from the API. */
interface Json {
  id?: string;
  upload?: { url: string; headers: Record<string, string> };
  nextCursor?: string | null;
  verification?: { valid: boolean };
}

/** A JSON client of the gateway as one purchasing unit; throws on any failure. */
function jsonClient(baseUrl: string, token: string) {
  const send = async (method: string, path: string, body?: unknown): Promise<Json> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await response.json()) as Json;
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${JSON.stringify(json)}`);
    return json;
  };
  return { send, get: (path: string) => send('GET', path) };
}

/** Publishes a tender whose log holds exactly `length` events (created, edits, document, published). */
async function buildLog(
  api: ReturnType<typeof jsonClient>,
  length: number,
  now: () => Date,
): Promise<string> {
  const draft = await api.send('POST', '/api/tenders', openTenderContent(now()));
  const id = draft.id as string;
  for (let i = 0; i < length - 3; i += 1) {
    await api.send('PATCH', `/api/tenders/${id}`, { title: `审计日志测速项目 第${i + 1}次修改` });
  }
  const bytes = `bench audit document ${id}`;
  const declared = await api.send('POST', `/api/tenders/${id}/documents`, {
    fileName: 'bench.pdf',
    contentType: 'application/pdf',
    size: Buffer.byteLength(bytes),
    sha256: sha256(bytes),
  });
  const uploaded = await fetch(declared.upload?.url ?? '', {
    method: 'PUT',
    headers: declared.upload?.headers ?? {},
    body: bytes,
  });
  await uploaded.arrayBuffer();
  await api.send('POST', `/api/tenders/${id}/publish`);
  return id;
}

/** Reads every page of a log, first to last. */
async function followPages(
  api: ReturnType<typeof jsonClient>,
  pathFor: (cursor: string | null) => string,
): Promise<(Json & { verification: { valid: boolean } })[]> {
  const pages: (Json & { verification: { valid: boolean } })[] = [];
  let cursor: string | null = null;
  do {
    const page = (await api.get(pathFor(cursor))) as Json & { verification: { valid: boolean } };
    pages.push(page);
    cursor = page.nextCursor ?? null;
  } while (cursor);
  return pages;
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function summarise(samples: readonly number[]): BenchSummary {
  return { n: samples.length, median: median(samples), min: Math.min(...samples), max: Math.max(...samples) };
}

function line(name: string, s: BenchSummary): string {
  return `${name.padEnd(38)} n=${String(s.n).padStart(5)}  median=${s.median.toFixed(1).padStart(7)} ms  range=${s.min.toFixed(1)}–${s.max.toFixed(1)} ms`;
}
