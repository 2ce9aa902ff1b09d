import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { type Clock, systemClock } from '../domain/clock';
import { ENV } from '../http/routes';
import type { BidRepository } from '../ports/bid-repository';
import type { CalendarRepository } from '../ports/calendar-repository';
import type { DocumentStore } from '../ports/document-store';
import type { EvaluationRepository } from '../ports/evaluation-repository';
import type { ReportRepository } from '../ports/report-repository';
import type { TenderRepository } from '../ports/tender-repository';
import { DynamoBidRepository } from './dynamodb/bid-repository';
import { DynamoCalendarRepository } from './dynamodb/calendar-repository';
import { DynamoEvaluationRepository } from './dynamodb/evaluation-repository';
import { DynamoReportRepository } from './dynamodb/report-repository';
import { DynamoTenderRepository } from './dynamodb/tender-repository';
import { S3DocumentStore } from './s3/document-store';

/** Everything a use case may need from the outside world. */
export interface Deps {
  /** Tender storage. */
  tenders: TenderRepository;
  /** Supplier profiles, registrations, bids and the opening record. */
  bids: BidRepository;
  /** The expert pool, committees, score sheets and reports. */
  evaluations: EvaluationRepository;
  /** Report counters and targets. */
  reports: ReportRepository;
  /** Document storage. */
  documents: DocumentStore;
  /** The years the centre loaded into the working-day calendar. */
  calendar: CalendarRepository;
  /** The one clock. */
  clock: Clock;
  /** Id generator (ULIDs). */
  newId: () => string;
}

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

/** An S3 client; pointed at the s3rver emulator when S3_ENDPOINT is set. */
export function createS3Client(): S3Client {
  const endpoint = process.env[ENV.s3Endpoint];
  return new S3Client({
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(endpoint
      ? {
          endpoint,
          forcePathStyle: true,
          region: process.env['AWS_REGION'] ?? 'us-east-1',
          credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
        }
      : {}),
  });
}

/** Builds the real adapters from the environment; the bucket is optional for routes that need none. */
export function createDeps(clock: Clock = systemClock): Deps {
  const tableName = requireEnv(ENV.tableName);
  const bucketName = process.env[ENV.bucketName];
  const client = createDocumentClient();
  const tenders = new DynamoTenderRepository(client, tableName);
  const bids = new DynamoBidRepository(client, tableName);
  const evaluations = new DynamoEvaluationRepository(client, tableName);
  const reports = new DynamoReportRepository(client, tableName);
  const calendar = new DynamoCalendarRepository(client, tableName);
  const documents: DocumentStore = bucketName
    ? new S3DocumentStore(createS3Client(), bucketName)
    : new Proxy({} as DocumentStore, {
        get() {
          throw new Error(`${ENV.bucketName} is not set for this function`);
        },
      });
  return { tenders, bids, evaluations, reports, documents, calendar, clock, newId: () => ulid() };
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
