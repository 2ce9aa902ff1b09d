import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  type NativeAttributeValue,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { ValidationError } from '../../domain/errors';
import { AuditEventSchema, RestrictedActorSchema, type SealedEvent } from '../../schemas/audit';
import { TTL_ATTRIBUTE as TTL_ATTRIBUTE_NAME } from './keys';

/** A stored item. */
export type Item = Record<string, NativeAttributeValue>;

/** One operation of a TransactWriteItems call. */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Normalises an instant to UTC `...Z` form so that sort keys and conditions order by time. */
export function sortableInstant(instant: string): string {
  return new Date(instant).toISOString();
}

/** A Put that fails if an item with that key exists. */
export function putNew(tableName: string, item: Item): TransactItem {
  return { Put: { TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } };
}

/**
 * A Put of an idempotency record that fails only if a record with that key is still alive at
 * `claimedAt`; an expired one (DynamoDB's TTL deletes lazily, up to days later) is replaced.
 */
export function putIdempotencyRecord(tableName: string, item: Item, claimedAt: string): TransactItem {
  return {
    Put: {
      TableName: tableName,
      Item: item,
      ConditionExpression: 'attribute_not_exists(pk) OR #ttl <= :now',
      ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE_NAME },
      ExpressionAttributeValues: { ':now': Math.floor(new Date(claimedAt).getTime() / 1000) },
    },
  };
}

/** Whether an idempotency item's TTL (epoch seconds) has passed at `now`. */
export function idempotencyExpired(item: Item, now: Date): boolean {
  const ttl = Number(item[TTL_ATTRIBUTE_NAME]);
  return Number.isFinite(ttl) && ttl * 1000 <= now.getTime();
}

/** True when a transaction failed because a condition did not hold at `index`. */
export function conditionFailedAt(error: unknown, index: number): boolean {
  return (
    error instanceof TransactionCanceledException &&
    error.CancellationReasons?.[index]?.Code === 'ConditionalCheckFailed'
  );
}

/**
 * True when a transaction lost to a concurrent change: a condition failed or another transaction
 * held an item (TransactionConflict). Both mean "someone else changed it first", a 409.
 */
export function lostToConcurrentChange(error: unknown): boolean {
  return (
    error instanceof TransactionCanceledException &&
    (error.CancellationReasons ?? []).some(
      (reason) => reason.Code === 'ConditionalCheckFailed' || reason.Code === 'TransactionConflict',
    )
  );
}

/** True when a transaction was cancelled only by conflicts with other transactions, not by a condition. */
function onlyConflicts(error: unknown): boolean {
  return (
    error instanceof TransactionCanceledException &&
    (error.CancellationReasons ?? []).some((reason) => reason.Code === 'TransactionConflict') &&
    !(error.CancellationReasons ?? []).some((reason) => reason.Code === 'ConditionalCheckFailed')
  );
}

/**
 * Sends a transaction, retrying with jittered backoff while it only conflicts with concurrent ones.
 *
 * Why: fifty suppliers bidding at once all touch the tender's bid counter; a conflict is not a
 * refusal, and each bid must still land exactly once.
 */
export async function transactWithRetry(
  client: DynamoDBDocumentClient,
  items: TransactItem[],
  attempts = 12,
): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await client.send(new TransactWriteCommand({ TransactItems: items }));
      return;
    } catch (error) {
      if (!onlyConflicts(error) || attempt >= attempts) throw error;
      const backoff = Math.min(1000, 20 * 2 ** attempt) * (0.5 + Math.random());
      await new Promise((resolve) => setTimeout(resolve, backoff));
    }
  }
}

/** Reads every item of a partition whose sort key starts with `prefix`, in order (consistent). */
export async function queryAll(
  client: DynamoDBDocumentClient,
  tableName: string,
  pk: string,
  prefix: string,
): Promise<Item[]> {
  const items: Item[] = [];
  let startKey: Item | undefined;
  do {
    const result = await client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(result.Items ?? []));
    startKey = result.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/** The DynamoDB operations that write. */
const WRITE_COMMANDS = new Set([
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
  'BatchWriteItemCommand',
  'TransactWriteItemsCommand',
]);

/**
 * True when DynamoDB refused a write's values themselves: a ValidationException (e.g. "Number
 * underflow", an item too large) or a transaction cancelled with a ValidationError reason.
 */
export function isStoreValidationFailure(error: unknown): boolean {
  if ((error as { name?: string } | null)?.name === 'ValidationException') return true;
  return (
    error instanceof TransactionCanceledException &&
    (error.CancellationReasons ?? []).some((reason) => reason.Code === 'ValidationError')
  );
}

/** The bilingual 400 for a write the store refused as invalid; the store's text stays in `cause`. */
export function storeValidationError(cause: unknown): ValidationError {
  const message = {
    zh: '数据超出存储允许的范围或格式（如数值过小、过大或精度过高），未作任何更改',
    en: 'A value is outside what the store can hold (e.g. a number too small, too large or too precise); nothing was changed',
  };
  return new ValidationError(message, [{ path: 'body', message }], { cause });
}

const guarded = new WeakSet<object>();

/**
 * Makes every write through `client` that DynamoDB refuses as invalid fail with a 400
 * ValidationError instead of the SDK's exception (which the handlers would answer with a 500).
 *
 * Why on the client: the schemas bound every field, but a write must never answer 5xx for a value
 * the store refuses, whichever repository sends it; the middleware is added once per client.
 */
export function guardStoreValidation(client: DynamoDBDocumentClient): void {
  if (guarded.has(client)) return;
  guarded.add(client);
  client.middlewareStack.add(
    (next, context) =>
      async function mapStoreValidation(args) {
        try {
          return await next(args);
        } catch (error) {
          if (WRITE_COMMANDS.has(String(context.commandName)) && isStoreValidationFailure(error)) {
            throw storeValidationError(error);
          }
          throw error;
        }
      },
    { step: 'initialize', name: 'ggzyStoreValidation', priority: 'high' },
  );
}

/**
 * The attributes of a stored audit event: the public event under `data`, its restricted record
 * (subject, network address, salt) apart under `restricted`.
 *
 * Why apart: every read of `data` is then public-safe; only the centre's read takes `restricted`.
 */
export function eventAttributes(event: SealedEvent): Item {
  const { restricted, ...data } = event;
  return { data, ...(restricted ? { restricted } : {}) };
}

/** Reads a stored audit event back; with `restricted`, its restricted record too. */
export function readEvent(item: Item, restricted: boolean): SealedEvent {
  const event = AuditEventSchema.parse(item['data']);
  if (!restricted || item['restricted'] === undefined) return event;
  return { ...event, restricted: RestrictedActorSchema.parse(item['restricted']) };
}
