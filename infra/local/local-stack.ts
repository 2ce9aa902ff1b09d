import type { Server } from 'node:http';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { overrideDeps, resetDeps } from '../../shared/adapters/deps';
import { createS3Client } from '../../shared/adapters/s3/document-store';
import { provideS3DocumentStore } from '../../shared/adapters/s3/provide';
import { ENV } from '../../shared/config/env';
import { createDevAuth, type DevAuth } from './dev-auth';
import { createDevClock, type DevClock } from './dev-clock';
import {
  ensureBucket,
  ensureTable,
  type RunningEmulator,
  startDynamoLocal,
  startS3Emulator,
} from './emulators';
import { startGateway } from './gateway';
import type { LocalLiveChannels } from './live-channels';

/** The local table and bucket names. */
export const LOCAL_NAMES = { table: 'ggzy-portal', bucket: 'ggzy-portal-documents' } as const;

/** Where the emulators listen. */
export interface EmulatorEndpoints {
  /** DynamoDB Local endpoint. */
  dynamo: string;
  /** s3rver endpoint. */
  s3: string;
}

/** A DynamoDB client for DynamoDB Local. */
export function localDynamoClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

/** Starts both emulators; `dataDir` keeps their data on disk, else DynamoDB runs in memory. */
export async function startEmulators(options: {
  dataDir: string;
  persistDynamo: boolean;
  dynamoPort?: number;
  s3Port?: number;
}): Promise<{ endpoints: EmulatorEndpoints; stop: () => Promise<void> }> {
  const started: RunningEmulator[] = [];
  try {
    const dynamo = await startDynamoLocal({
      ...(options.dynamoPort ? { port: options.dynamoPort } : {}),
      ...(options.persistDynamo ? { dataDir: join(options.dataDir, 'dynamodb') } : {}),
      client: localDynamoClient,
    });
    started.push(dynamo);
    const s3 = await startS3Emulator({
      ...(options.s3Port ? { port: options.s3Port } : {}),
      dataDir: join(options.dataDir, 's3'),
    });
    started.push(s3);
    return {
      endpoints: { dynamo: dynamo.endpoint, s3: s3.endpoint },
      stop: async () => {
        await Promise.all(started.map((e) => e.stop()));
      },
    };
  } catch (error) {
    await Promise.all(started.map((e) => e.stop()));
    throw error;
  }
}

/** A running gateway over running emulators. */
export interface LocalGateway {
  /** Base URL, e.g. http://127.0.0.1:3000 */
  url: string;
  /** The dev clock the handlers use. */
  clock: DevClock;
  /** The dev token service. */
  auth: DevAuth;
  /**
   * Pauses the tick timer until the returned release is called; resolves once no tick is running.
   * The dev tick endpoint still works. Why: seeding demo data plays tenders on its own clock.
   */
  holdTick: () => Promise<() => void>;
  /** The live channels (`/api/live`): the publisher the handlers push through, and its subscribers. */
  live: LocalLiveChannels;
  /** Stops the tick timer and the HTTP server (not the emulators). */
  stop: () => Promise<void>;
}

/**
 * Points the handlers at the emulators, creates the table and bucket, and starts the gateway and
 * the tick timer.
 *
 * Why separate from the emulators: tests share one emulator pair and give each file its own table.
 */
export async function startLocalGateway(options: {
  endpoints: EmulatorEndpoints;
  port: number;
  host?: string;
  tableName?: string;
  bucketName?: string;
  dataDir?: string;
  tickIntervalMs?: number | null;
  /** The public base URL open data links to; the gateway's own URL when absent. */
  publicBaseUrl?: string | undefined;
  /** The built web client served at `/`. */
  webDir?: string | undefined;
}): Promise<LocalGateway> {
  const tableName = options.tableName ?? LOCAL_NAMES.table;
  const bucketName = options.bucketName ?? LOCAL_NAMES.bucket;
  process.env[ENV.tableName] = tableName;
  process.env[ENV.bucketName] = bucketName;
  process.env[ENV.dynamoEndpoint] = options.endpoints.dynamo;
  process.env[ENV.s3Endpoint] = options.endpoints.s3;
  process.env['AWS_REGION'] ??= 'us-east-1';
  const dynamo = localDynamoClient(options.endpoints.dynamo);
  await ensureTable(dynamo, tableName);
  dynamo.destroy();
  const s3 = createS3Client();
  await ensureBucket(s3, bucketName);
  s3.destroy();

  resetDeps();
  // One process serves every context here, so it holds the document store the bucket's contexts use
  provideS3DocumentStore();
  const clock = createDevClock(options.dataDir);
  overrideDeps({ clock });
  const auth = await createDevAuth(options.dataDir);
  const { handler: tick } = await import('../../functions/tick');
  const { server, url, live } = await startGateway({
    port: options.port,
    ...(options.host ? { host: options.host } : {}),
    auth,
    clock,
    tick,
    webDir: options.webDir,
  });
  // The handlers' pushes reach this gateway's WebSocket subscribers, as the WebSocket API's in AWS
  overrideDeps({ live: live.publisher });
  // Configuration, as the stack sets it in AWS: the handlers never derive it from a Host header.
  process.env[ENV.publicBaseUrl] = options.publicBaseUrl ?? url;
  let timer: NodeJS.Timeout | undefined;
  let holds = 0;
  let running: Promise<unknown> | undefined;
  if (options.tickIntervalMs) {
    timer = setInterval(() => {
      if (running || holds > 0) return;
      running = tick()
        .catch((error: unknown) => console.error('tick failed', error))
        .finally(() => {
          running = undefined;
        });
    }, options.tickIntervalMs);
    timer.unref();
  }
  return {
    url,
    clock,
    auth,
    holdTick: async () => {
      holds += 1;
      await running;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        holds -= 1;
      };
    },
    live,
    stop: async () => {
      if (timer) clearInterval(timer);
      // Upgraded sockets are no longer the HTTP server's connections: closed first, or they would hang
      await live.close();
      await closeServer(server);
    },
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
