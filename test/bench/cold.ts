import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleEntry, REPO_ROOT } from '../../infra/constructs/house-function';
import { CONTEXTS, type ContextId, type RouteSpec, routesOf } from '../../shared/http/routes';
import { apiEvent, lambdaContext } from '../handler/fixtures';

/** Fresh processes per bundle and measure (median and range reported). */
const ROUNDS = 9;

/** The issue's goals for a function bundle: ≤ 1.3× the baseline's cold import, ≤ 450 KB loaded. */
export const COLD_GOALS = { ratio: 1.3, loadedBytes: 450 * 1024 } as const;

/** Median and range of some samples. */
export interface Spread {
  median: number;
  min: number;
  max: number;
}

/** What one bundle measured. */
export interface ColdBundle {
  /** Function name (its context, a schedule, or a baseline). */
  name: string;
  /** Bytes of JavaScript Node reads at cold import: the entry and the chunks it imports statically. */
  loadedBytes: number;
  /** Bytes of the first request's route chunks on top (its own code, schemas and rules). */
  routeBytes: number;
  /** Bytes of all JavaScript in the asset. */
  totalBytes: number;
  /** Cold import of the entry, ms. */
  importMs: Spread;
  /** Cold import and the first request of one route (answered before any I/O), ms. */
  firstMs: Spread | null;
  /** The route of that first request. */
  firstRoute: string | null;
}

/** What the cold-start bench measured. */
export interface ColdResult {
  /** A handler with only the DynamoDB client, the SDK as it comes (the issue's baseline). */
  baseline: ColdBundle;
  /** The same handler with the house's bundling (the SDK credential chain reduced to the environment). */
  houseBaseline: ColdBundle;
  /** Every function of the stateless stack. */
  bundles: ColdBundle[];
  /** CloudFormation resources in the stateless stack. */
  resources: number;
}

function spread(samples: number[]): Spread {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    median: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN,
    min: sorted[0] ?? Number.NaN,
    max: sorted.at(-1) ?? Number.NaN,
  };
}

/** The relative paths of the chunks a module imports statically (`from"./chunks/…"`) and dynamically. */
function importsOf(file: string): { static: string[]; dynamic: string[] } {
  const code = readFileSync(file, 'utf8');
  const base = dirname(file);
  const resolve = (spec: string) => join(base, spec);
  const statics = [
    ...code.matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[^'"();]*?\bfrom\s*)?["'](\.\.?\/[^"']+)["']/g),
  ].map((m) => resolve(m[1] as string));
  const dynamics = [...code.matchAll(/import\(\s*["'](\.\.?\/[^"']+)["']\s*\)/g)].map((m) =>
    resolve(m[1] as string),
  );
  return { static: statics, dynamic: dynamics };
}

/** Every file reached from `file` through static imports (itself included). */
function staticClosure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const next of importsOf(file).static) staticClosure(next, seen);
  return seen;
}

function bytesOf(files: Iterable<string>): number {
  let total = 0;
  for (const file of files) total += statSync(file).size;
  return total;
}

function allScripts(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.mjs'))
    .map((name) => join(dir, name));
}

/** The child process that imports a bundle cold and, with an event, answers one request. */
const CHILD = `
const [url, eventJson, contextJson] = process.argv.slice(1);
const t0 = performance.now();
const module = await import(url);
const t1 = performance.now();
let t2 = null;
if (eventJson) { await module.handler(JSON.parse(eventJson), JSON.parse(contextJson)); t2 = performance.now(); }
process.stdout.write(JSON.stringify({ importMs: t1 - t0, firstMs: t2 === null ? null : t2 - t0 }));
`;

/** The environment a function gets (no endpoint: nothing here reaches the network). */
const CHILD_ENV = {
  PATH: process.env['PATH'] ?? '',
  TABLE_NAME: 'bench-table',
  BUCKET_NAME: 'bench-bucket',
  PUBLIC_BASE_URL: 'https://ggzy.example',
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'AKIABENCHCOLDSTART00',
  AWS_SECRET_ACCESS_KEY: 'bench-cold-start-not-a-secret',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
  POWERTOOLS_SERVICE_NAME: 'ggzy-portal',
};

/** A request one route answers before any I/O: anonymous (401) or, on public routes, an invalid id (400). */
function firstRequestOf(context: ContextId): { route: RouteSpec; event: unknown } | null {
  const routes = routesOf(context);
  const route =
    routes.find((r) => r.auth !== 'public') ??
    routes.find((r) => r.path.includes('{tenderId}')) ??
    routes.find((r) => r.id === 'getOpenApi');
  if (!route) return null;
  const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
  const pathParameters = Object.fromEntries(names.map((name) => [name, 'not-an-id']));
  return { route, event: apiEvent({ method: route.method, route: route.path, pathParameters }) };
}

/** Measures one bundle: bytes, cold import, and the first request. */
function measureBundle(
  name: string,
  entry: string,
  first: { route: RouteSpec; event: unknown } | null,
): ColdBundle {
  const imports: number[] = [];
  const firsts: number[] = [];
  const url = pathToFileURL(entry).href;
  for (let i = 0; i < ROUNDS; i += 1) {
    const args = ['--input-type=module', '-e', CHILD, url];
    if (first) args.push(JSON.stringify(first.event), JSON.stringify(lambdaContext()));
    const child = spawnSync(process.execPath, args, { env: CHILD_ENV, encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`bench: ${name} failed to load: ${child.stderr}`);
    const figures = JSON.parse(child.stdout) as { importMs: number; firstMs: number | null };
    imports.push(figures.importMs);
    if (figures.firstMs !== null) firsts.push(figures.firstMs);
  }
  const loaded = staticClosure(entry);
  const dir = dirname(entry);
  const all = allScripts(dir);
  // The route's chunks: the static closure of what the entry imports dynamically, largest route
  const routeChunks = importsOf(entry).dynamic.map((chunk) => {
    const closure = staticClosure(chunk);
    for (const file of loaded) closure.delete(file);
    return bytesOf(closure);
  });
  return {
    name,
    loadedBytes: bytesOf(loaded),
    routeBytes: routeChunks.length > 0 ? Math.max(...routeChunks) : 0,
    totalBytes: bytesOf(all),
    importMs: spread(imports),
    firstMs: firsts.length > 0 ? spread(firsts) : null,
    firstRoute: first?.route.id ?? null,
  };
}

/** Synthesises the app (`npm run synth`'s command) into a fresh folder and answers it. */
function synthesise(outDir: string): void {
  execFileSync('npm', ['run', '--silent', 'synth', '--', '--output', outDir], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, CDK_DISABLE_VERSION_CHECK: '1', CDK_DISABLE_CLI_TELEMETRY: 'true' },
  });
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const ms = (s: Spread) => `${s.median.toFixed(0)} ms (${s.min.toFixed(0)}–${s.max.toFixed(0)})`;

/**
 * Cold starts, from `npm run synth`'s output: every function of the stateless stack imported in a
 * fresh Node process, against a handler with only the DynamoDB client bundled the same way; plus
 * the first request of one of its routes (which loads that route's chunk), the bytes Node reads at
 * import and for that route, and the stack's CloudFormation resources. Prints; asserts nothing.
 */
export function benchColdStarts(print: (line: string) => void = console.log): ColdResult {
  const work = mkdtempSync(join(tmpdir(), 'ggzy-bench-cold-'));
  try {
    const started = performance.now();
    synthesise(join(work, 'cdk.out'));
    print(`${'npm run synth'.padEnd(38)} ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const baselineEntry = join(REPO_ROOT, 'test', 'bench', 'dynamodb-baseline.ts');
    bundleEntry(baselineEntry, join(work, 'baseline'), { aliases: false });
    bundleEntry(baselineEntry, join(work, 'house-baseline'));
    const baseline = measureBundle('DynamoDB-only baseline', join(work, 'baseline', 'index.mjs'), null);
    const houseBaseline = measureBundle(
      '…with the house bundling',
      join(work, 'house-baseline', 'index.mjs'),
      null,
    );

    const template = JSON.parse(
      readFileSync(join(work, 'cdk.out', 'GgzyPortalStateless.template.json'), 'utf8'),
    ) as { Resources: Record<string, { Type: string; Metadata?: Record<string, string> }> };
    const assetOf = (prefix: string) => {
      const found = Object.entries(template.Resources).find(
        ([id, resource]) => resource.Type === 'AWS::Lambda::Function' && id.startsWith(prefix),
      );
      const asset = found?.[1].Metadata?.['aws:asset:path'];
      if (!asset) throw new Error(`bench: no function ${prefix} in the synthesised stack`);
      return join(work, 'cdk.out', asset, 'index.mjs');
    };
    const pascal = (id: string) =>
      id
        .split('-')
        .map((part) => `${part[0]?.toUpperCase()}${part.slice(1)}`)
        .join('');
    const bundles: ColdBundle[] = [];
    for (const context of Object.keys(CONTEXTS) as ContextId[]) {
      bundles.push(
        measureBundle(context, assetOf(`Context${pascal(context)}Function`), firstRequestOf(context)),
      );
    }
    bundles.push(measureBundle('tick (schedule)', assetOf('ScheduleTickFunction'), null));

    const base = baseline.importMs.median;
    print(
      `${'cold import: DynamoDB-only baseline'.padEnd(38)} ${kb(baseline.loadedBytes)}  import ${ms(baseline.importMs)}  (the SDK as it comes)`,
    );
    print(
      `${'  … with the house bundling'.padEnd(38)} ${kb(houseBaseline.loadedBytes)}  import ${ms(houseBaseline.importMs)}  ×${(houseBaseline.importMs.median / base).toFixed(2)}`,
    );
    for (const bundle of bundles) {
      const ratio = bundle.importMs.median / base;
      const first = bundle.firstMs
        ? `; + first request (${bundle.firstRoute}) ${ms(bundle.firstMs)} ×${(bundle.firstMs.median / base).toFixed(2)}, +${kb(bundle.routeBytes)}`
        : '';
      const met =
        ratio <= COLD_GOALS.ratio && bundle.loadedBytes <= COLD_GOALS.loadedBytes ? 'within' : 'OVER';
      print(
        `${`cold import: ${bundle.name}`.padEnd(38)} ${kb(bundle.loadedBytes)} at import (asset ${kb(bundle.totalBytes)})  import ${ms(bundle.importMs)} ×${ratio.toFixed(2)} [goal ≤${COLD_GOALS.ratio}×, ≤450 KB: ${met}]${first}`,
      );
    }
    const resources = Object.keys(template.Resources).length;
    print(`${'stateless stack resources'.padEnd(38)} ${resources} of 500`);
    return { baseline, houseBaseline, bundles, resources };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
