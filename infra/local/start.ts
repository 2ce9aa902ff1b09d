import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getDeps } from '../../shared/adapters/deps';
import { ENV } from '../../shared/config/env';
import { AppError } from '../../shared/domain/errors';
import { formatWanYuan } from '../../shared/domain/money';
import { assertJavaAvailable } from './emulators';
import { type LocalGateway, startEmulators, startLocalGateway } from './local-stack';
import { pauseTickWhileSeeding, readStartSeeding, seedDemoData } from './seed';
import { buildWebIfChanged, WEB_DIST } from './web-assets';

/**
 * `npm start`: the web client (built when its sources changed), DynamoDB Local + s3rver, the HTTP
 * gateway serving the client and the API, and the tick, with data kept in `.data/`.
 *
 * Ports: PORT (3000), DYNAMODB_PORT (8000), S3_PORT (4569). An empty store gets the demo year
 * unless `--empty` or SEED=none is given. Ctrl-C stops everything it started.
 */
async function main(): Promise<void> {
  assertJavaAvailable();
  const seeding = readStartSeeding(process.argv.slice(2), process.env);
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  const dataDir = resolve(process.env['DATA_DIR'] ?? join(root, '.data'));
  mkdirSync(dataDir, { recursive: true });
  const port = Number(process.env['PORT'] ?? 3000);
  await buildWebIfChanged(WEB_DIST);
  console.log('Starting DynamoDB Local and s3rver …');
  const emulators = await startEmulators({
    dataDir,
    persistDynamo: true,
    dynamoPort: Number(process.env['DYNAMODB_PORT'] ?? 8000),
    s3Port: Number(process.env['S3_PORT'] ?? 4569),
  });
  let gateway: Awaited<ReturnType<typeof startLocalGateway>>;
  try {
    gateway = await startLocalGateway({
      endpoints: emulators.endpoints,
      port,
      dataDir,
      tickIntervalMs: 60_000,
      // PUBLIC_BASE_URL when set (e.g. behind a proxy), else the gateway's own URL.
      publicBaseUrl: process.env[ENV.publicBaseUrl] || undefined,
      webDir: WEB_DIST,
    });
  } catch (error) {
    await emulators.stop();
    throw error;
  }
  const base = gateway.url.replace('127.0.0.1', 'localhost');
  console.log(`
ggzy-portal 公共资源交易平台 — local stack is up
  Portal     ${base}/               (网上交易平台; 演示登录 at ${base}/login)
  API        ${base}/api/            (OpenAPI: ${base}/api/openapi.json)
  DynamoDB   ${emulators.endpoints.dynamo}   S3 (s3rver) ${emulators.endpoints.s3}
  Data       ${dataDir}
  Clock      ${gateway.clock.now().toISOString()} (dev clock; POST ${base}/api/dev/clock {"advanceMinutes":60})
  Tick       every 60 s (or POST ${base}/api/dev/tick)

Get a dev token (roles: purchaser, supplier, expert, centre):
  curl -s -X POST ${base}/api/dev/token -H 'content-type: application/json' \\
       -d '{"role":"purchaser","orgId":"org-demo"}'

Press Ctrl-C to stop.`);
  const stopPausing = pauseTickWhileSeeding(dataDir, gateway);
  if (seeding === 'demo') void seedIfEmpty(gateway, dataDir);
  else console.log('\nNo demo data (--empty / SEED=none) 不生成演示数据; npm run seed adds it later');
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping gateway and emulators …`);
    stopPausing();
    await gateway.stop();
    await emulators.stop();
    console.log('Stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/**
 * On an empty store (no public tender), plays the demo data in the background with the tick paused,
 * so a first `npm start` shows the 2022 report, a few tenders in progress and their notices.
 */
async function seedIfEmpty(gateway: LocalGateway, dataDir: string): Promise<void> {
  const deps = getDeps();
  try {
    const page = await deps.tenders.listPublic({}, { limit: 1 });
    if (page.items.length > 0) return;
  } catch (error) {
    console.error('Could not check for data 无法检查数据:', error);
    return;
  }
  console.log('\nEmpty store: seeding demo data in the background … 数据为空，正在后台生成演示数据');
  const release = await gateway.holdTick();
  const started = Date.now();
  try {
    const summary = await seedDemoData(deps, { log: (line) => console.log(`  seed ${line}`) });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `Demo data ready 演示数据已生成 (${seconds} s): ${summary.tenders} tenders 项目; 2022: ${summary.awarded2022} projects, 成交金额 ${formatWanYuan(summary.dealFen)}, 节约资金 ${formatWanYuan(summary.savingsFen)} — GET /api/reports/trade?year=2022 (centre token)`,
    );
  } catch (error) {
    console.error(`Seeding failed 演示数据生成失败 (delete ${dataDir} to start again):`, error);
  } finally {
    release();
  }
}

main().catch((error: unknown) => {
  // A missing program (with its install command) or a wrong switch is one clear line, no stack trace.
  if (error instanceof AppError) console.error(error.message);
  else console.error('Failed to start the local stack:', error);
  process.exit(1);
});
