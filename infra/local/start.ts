import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulators, startLocalGateway } from './local-stack';

/**
 * `npm start`: DynamoDB Local + s3rver + the HTTP gateway + the tick, with data kept in `.data/`.
 *
 * Ports: PORT (3000), DYNAMODB_PORT (8000), S3_PORT (4569). Ctrl-C stops everything it started.
 */
async function main(): Promise<void> {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  const dataDir = resolve(process.env['DATA_DIR'] ?? join(root, '.data'));
  mkdirSync(dataDir, { recursive: true });
  const port = Number(process.env['PORT'] ?? 3000);
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
    });
  } catch (error) {
    await emulators.stop();
    throw error;
  }
  const base = gateway.url.replace('127.0.0.1', 'localhost');
  console.log(`
ggzy-portal 公共资源交易平台 — local stack is up
  API        ${base}/api/            (OpenAPI: ${base}/api/openapi.json)
  DynamoDB   ${emulators.endpoints.dynamo}   S3 (s3rver) ${emulators.endpoints.s3}
  Data       ${dataDir}
  Clock      ${gateway.clock.now().toISOString()} (dev clock; POST ${base}/api/dev/clock {"advanceMinutes":60})
  Tick       every 60 s (or POST ${base}/api/dev/tick)

Get a dev token (roles: purchaser, supplier, expert, centre):
  curl -s -X POST ${base}/api/dev/token -H 'content-type: application/json' \\
       -d '{"role":"purchaser","orgId":"org-demo"}'

Press Ctrl-C to stop.`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping gateway and emulators …`);
    await gateway.stop();
    await emulators.stop();
    console.log('Stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error('Failed to start the local stack:', error);
  process.exit(1);
});
