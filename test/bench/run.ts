import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startEmulators, startLocalGateway } from '../../infra/local/local-stack';
import { GENESIS_HASH, sealEvent, verifyChain } from '../../shared/domain/audit';
import type { AuditEvent } from '../../shared/schemas/audit';
import { openTenderContent, sha256 } from '../helpers/fixtures';

/**
 * `npm run bench`: request latencies of the local stack (DynamoDB Local + s3rver + gateway) and
 * the cost of verifying a long audit chain. Prints figures; asserts nothing about speed.
 */

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
  const dataDir = mkdtempSync(join(tmpdir(), 'ggzy-bench-'));
  const emulators = await startEmulators({ dataDir, persistDynamo: false });
  const gateway = await startLocalGateway({
    endpoints: emulators.endpoints,
    port: 0,
    tickIntervalMs: null,
    tableName: 'bench',
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
    console.log(`ggzy-portal bench — Node ${process.version}, local stack on ${gateway.url}\n`);

    const create: number[] = [];
    for (let i = 0; i < ROUNDS.create; i += 1) {
      await timed(create, () => call('POST', '/api/tenders', openTenderContent(gateway.clock.now())));
    }
    report('POST /api/tenders (create draft)', create);

    const flow: number[] = [];
    for (let i = 0; i < ROUNDS.publish; i += 1) {
      await timed(flow, async () => {
        const draft = await call('POST', '/api/tenders', openTenderContent(gateway.clock.now()));
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
  } finally {
    await gateway.stop();
    await emulators.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
