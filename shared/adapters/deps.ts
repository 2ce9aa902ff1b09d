import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { ENV } from '../config/env';
import { type Clock, systemClock } from '../domain/clock';
import type { Deps } from '../ports/deps';
import type { DocumentStore } from '../ports/document-store';
import type { LivePublisher } from '../ports/live-publisher';
import { registeredDocumentStore } from './document-store-registry';
import { DynamoBidRepository } from './dynamodb/bid-repository';
import { DynamoCalendarRepository } from './dynamodb/calendar-repository';
import { DynamoEvaluationRepository } from './dynamodb/evaluation-repository';
import { DynamoReportRepository } from './dynamodb/report-repository';
import { DynamoRightsRepository } from './dynamodb/rights-repository';
import { DynamoTenderRepository } from './dynamodb/tender-repository';
import { DynamoTransferRepository } from './dynamodb/transfer-repository';
import {
  type LivePublisherSetting,
  NO_LIVE_PUBLISHER,
  registeredLivePublisher,
} from './live-publisher-registry';
import { logger } from './logger';

/** Reads a required environment variable, failing loudly at cold start. */
function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Missing environment variable ${name}`);
  return value;
}

/** A DynamoDB document client; pointed at DynamoDB Local when DYNAMODB_ENDPOINT is set. */
export function createDocumentClient(): DynamoDBDocumentClient {
  const endpoint = process.env[ENV.dynamoEndpoint];
  const client = new DynamoDBClient(
    endpoint
      ? {
          endpoint,
          region: process.env['AWS_REGION'] ?? 'us-east-1',
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }
      : {},
  );
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

/**
 * The document store, made at its first use from the registered factory, so that the order of
 * imports and the first request do not matter; a clear error where no bucket or store is given.
 */
function lazyDocumentStore(bucketName: string | undefined): DocumentStore {
  let store: Promise<DocumentStore> | undefined;
  const resolve = (): Promise<DocumentStore> => {
    if (!store) {
      if (!bucketName) return Promise.reject(new Error(`${ENV.bucketName} is not set for this function`));
      const factory = registeredDocumentStore();
      if (!factory) return Promise.reject(new Error('No document store was provided to this function'));
      store = Promise.resolve(factory(bucketName));
    }
    return store;
  };
  // Every method of the port is async, so each call can wait for the store
  return new Proxy({} as DocumentStore, {
    get(_target, property) {
      if (property === 'then') return undefined; // not a promise itself
      return async (...args: unknown[]) => {
        const resolved = await resolve();
        const method = Reflect.get(resolved, property) as (...a: unknown[]) => Promise<unknown>;
        return method.apply(resolved, args);
      };
    },
  });
}

/**
 * The live publisher, made at its first push from the registered factory; the no-op one where no
 * factory is registered or no endpoint is set (a context that never publishes, the local scripts).
 * The local gateway replaces it with its own WebSocket server's.
 */
function lazyLivePublisher(setting: Omit<LivePublisherSetting, 'endpoint'>): LivePublisher {
  const endpoint = process.env[ENV.liveEndpoint];
  const factory = registeredLivePublisher();
  if (!endpoint || !factory) return NO_LIVE_PUBLISHER;
  let made: Promise<LivePublisher> | undefined;
  return {
    publish: async (channel, message) => {
      made ??= Promise.resolve(factory({ ...setting, endpoint }));
      return (await made).publish(channel, message);
    },
  };
}

/** Builds the real adapters from the environment; the bucket is optional for routes that need none. */
export function createDeps(clock: Clock = systemClock): Deps {
  const tableName = requireEnv(ENV.tableName);
  const client = createDocumentClient();
  const tenders = new DynamoTenderRepository(client, tableName);
  const bids = new DynamoBidRepository(client, tableName);
  const evaluations = new DynamoEvaluationRepository(client, tableName);
  const reports = new DynamoReportRepository(client, tableName);
  const calendar = new DynamoCalendarRepository(client, tableName);
  const transfers = new DynamoTransferRepository(client, tableName);
  const rights = new DynamoRightsRepository(client, tableName);
  const documents = lazyDocumentStore(process.env[ENV.bucketName]);
  const live = lazyLivePublisher({ client, tableName });
  return {
    tenders,
    bids,
    evaluations,
    reports,
    transfers,
    rights,
    documents,
    calendar,
    clock,
    live,
    logger,
    newId: () => ulid(),
  };
}

let current: Deps | undefined;

/**
 * The process-wide dependencies, made once (at the first request) and reused.
 *
 * Why lazy: handler modules import cheaply in tests; warm Lambdas reuse clients.
 */
export function getDeps(): Deps {
  current ??= createDeps();
  return current;
}

/** Replaces some dependencies: the local runtime swaps the clock, tests swap adapters. */
export function overrideDeps(partial: Partial<Deps>): void {
  current = { ...getDeps(), ...partial };
}

/** Forgets the dependencies so the next request rebuilds them from the environment. */
export function resetDeps(): void {
  current = undefined;
}
