import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  type NativeAttributeValue,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { ValidationError } from '../../domain/errors';
import type { EventStretch, EventWindow, Page, PageRequest } from '../../ports/tender-repository';
import { AuditEventSchema, RestrictedActorSchema, type SealedEvent } from '../../schemas/audit';
import { type IndexSpec, TABLE_KEY, TTL_ATTRIBUTE as TTL_ATTRIBUTE_NAME } from './keys';

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

/**
 * Reads a stretch of an audit chain stored under `pk` with sort keys `prefix` + padded seq: the
 * events after `window.afterSeq` (one consistent Query from that event's key, with a Limit) and the
 * event at `afterSeq` itself (one consistent GetItem), both at once.
 *
 * Why from the key: the cost of a page is the page's events plus one item, whatever the log's
 * length; the Query keeps `begins_with` so it never leaves the chain for the partition's other items.
 */
export async function readChainStretch(
  client: DynamoDBDocumentClient,
  tableName: string,
  chain: { pk: string; prefix: string; keyAt: (seq: number) => { pk: string; sk: string } },
  window: EventWindow,
): Promise<EventStretch> {
  const after = window.afterSeq > 0 ? chain.keyAt(window.afterSeq) : undefined;
  const [previous, page] = await Promise.all([
    after
      ? client.send(new GetCommand({ TableName: tableName, Key: after, ConsistentRead: true }))
      : Promise.resolve(undefined),
    client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': chain.pk, ':prefix': chain.prefix },
        ConsistentRead: true,
        Limit: window.limit,
        ...(after ? { ExclusiveStartKey: after } : {}),
      }),
    ),
  ]);
  const items = page.Items ?? [];
  const lastKey = items.at(-1)?.['sk'];
  return {
    previous: previous?.Item ? readEvent(previous.Item, window.restricted) : null,
    events: items.map((item) => readEvent(item, window.restricted)),
    lastStoredSeq: typeof lastKey === 'string' ? Number(lastKey.slice(chain.prefix.length)) : null,
  };
}

/** Encodes a LastEvaluatedKey as an opaque URL-safe cursor. */
export function encodeCursor(key: Item | undefined): string | null {
  return key ? Buffer.from(JSON.stringify(key), 'utf8').toString('base64url') : null;
}

/** Decodes a cursor and checks it names exactly the key attributes of the index it is used on. */
export function decodeCursor(
  cursor: string | undefined,
  index: IndexSpec,
  partition: string,
): Item | undefined {
  if (cursor === undefined) return undefined;
  const expected: string[] = [TABLE_KEY.partitionKey, TABLE_KEY.sortKey, index.partitionKey, index.sortKey];
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new Error('not an object');
    const entries = Object.entries(parsed);
    const ok =
      entries.length === new Set(expected).size &&
      entries.every(
        ([name, value]) => expected.includes(name) && typeof value === 'string' && value.length > 0,
      ) &&
      // A cursor from another list (or forged) would make DynamoDB reject the start key with a 500.
      (parsed as Record<string, unknown>)[index.partitionKey] === partition;
    if (!ok) throw new Error('unexpected attributes');
    return parsed as Item;
  } catch (cause) {
    throw invalidCursor(cause);
  }
}

/** The 400 for a cursor that does not belong to the list it is used on. */
export function invalidCursor(cause: unknown): ValidationError {
  return new ValidationError(
    { zh: '分页游标无效', en: 'Invalid cursor' },
    [
      {
        path: 'query.cursor',
        message: { zh: '分页游标无效或已过期', en: 'The cursor is invalid for this list' },
      },
    ],
    { cause },
  );
}

/**
 * One condition of a filtered index read: the attribute at `path` (nested names allowed, e.g.
 * `['data', 'content', 'title']`) equals `value`, or contains it as a substring.
 */
export interface FilterTerm {
  /** Attribute path from the item's top level. */
  path: readonly string[];
  /** `equals`: the whole value; `contains`: a substring (DynamoDB `contains`, case-sensitive). */
  match: 'equals' | 'contains';
  /** The value compared with. */
  value: string;
}

/** Upper bound of query rounds read to fill one filtered page. */
const MAX_QUERY_ROUNDS = 10;

/** Items evaluated per round when a filter may drop some: enough to fill most pages in one round. */
const FILTERED_ROUND_ITEMS = 100;

/** The FilterExpression and its placeholders for a list of terms (all must hold). */
function filterExpression(terms: readonly FilterTerm[]): {
  expression: string;
  names: Record<string, string>;
  values: Record<string, string>;
} {
  const names: Record<string, string> = {};
  const values: Record<string, string> = {};
  const parts = terms.map((term, i) => {
    const path = term.path
      .map((segment, j) => {
        names[`#f${i}_${j}`] = segment;
        return `#f${i}_${j}`;
      })
      .join('.');
    values[`:f${i}`] = term.value;
    return term.match === 'equals' ? `${path} = :f${i}` : `contains(${path}, :f${i})`;
  });
  return { expression: parts.join(' AND '), names, values };
}

/** The ExclusiveStartKey that resumes a read right after `item`: the table and index keys. */
function keyOf(item: Item, index: IndexSpec): Item {
  return Object.fromEntries(
    [TABLE_KEY.partitionKey, TABLE_KEY.sortKey, index.partitionKey, index.sortKey].map((name) => [
      name,
      item[name],
    ]),
  );
}

/**
 * Reads one page of a GSI partition, newest first (or, with `oldestFirst`, in sort-key order),
 * keeping the items every filter term matches.
 *
 * Why the loop: DynamoDB applies a FilterExpression after it reads, so one round may return fewer
 * matches than asked for; it reads on until the page is full, for at most {@link MAX_QUERY_ROUNDS}
 * rounds. A page can therefore hold fewer than `limit` items (even none) while `nextCursor` is
 * still set: the client follows the cursor until it is null. When a round matches more than the
 * page still needs, the cursor resumes right after the last item taken, so no item is lost or
 * repeated across pages. Without filters every round asks for exactly what the page still needs.
 */
export async function queryIndexPage<T>(
  client: DynamoDBDocumentClient,
  tableName: string,
  spec: { index: IndexSpec; partition: string; filters?: readonly FilterTerm[]; oldestFirst?: boolean },
  page: PageRequest,
  parse: (item: Item) => T,
): Promise<Page<T>> {
  const { index, partition } = spec;
  const filters = spec.filters ?? [];
  const filter = filterExpression(filters);
  const input: QueryCommandInput = {
    TableName: tableName,
    IndexName: index.name,
    KeyConditionExpression: '#pk = :pk',
    ExpressionAttributeNames: { '#pk': index.partitionKey, ...filter.names },
    ExpressionAttributeValues: { ':pk': partition, ...filter.values },
    ScanIndexForward: spec.oldestFirst === true,
  };
  if (filters.length > 0) input.FilterExpression = filter.expression;
  const items: T[] = [];
  let startKey = decodeCursor(page.cursor, index, partition);
  let rounds = 0;
  do {
    const wanted = page.limit - items.length;
    const result = await client
      .send(
        new QueryCommand({
          ...input,
          Limit: filters.length > 0 ? Math.max(wanted, FILTERED_ROUND_ITEMS) : wanted,
          ExclusiveStartKey: startKey,
        }),
      )
      .catch((error: unknown) => {
        // DynamoDB refusing a start key that passed our checks is still a bad cursor, not a 500.
        if (page.cursor && (error as { name?: string }).name === 'ValidationException')
          throw invalidCursor(error);
        throw error;
      });
    const found = result.Items ?? [];
    const taken = found.slice(0, wanted);
    for (const item of taken) items.push(parse(item));
    const last = taken.at(-1);
    startKey = found.length > taken.length && last ? keyOf(last, index) : result.LastEvaluatedKey;
    rounds += 1;
  } while (startKey && items.length < page.limit && rounds < MAX_QUERY_ROUNDS);
  return { items, nextCursor: encodeCursor(startKey) };
}

/** The most keys one BatchGetItem call may name. */
const BATCH_GET_MAX_KEYS = 100;

/**
 * Reads many items by key, consistently, in batches of 100, retrying what DynamoDB leaves
 * unprocessed; absent items are simply missing from the answer (in no particular order).
 */
export async function batchGetAll(
  client: DynamoDBDocumentClient,
  tableName: string,
  itemKeys: readonly { pk: string; sk: string }[],
): Promise<Item[]> {
  const unique = [...new Map(itemKeys.map((key) => [`${key.pk}\u0000${key.sk}`, key])).values()];
  const found: Item[] = [];
  for (let start = 0; start < unique.length; start += BATCH_GET_MAX_KEYS) {
    let pending: Item[] = unique.slice(start, start + BATCH_GET_MAX_KEYS);
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt)));
      const result = await client.send(
        new BatchGetCommand({
          RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } },
        }),
      );
      found.push(...(result.Responses?.[tableName] ?? []));
      pending = result.UnprocessedKeys?.[tableName]?.Keys ?? [];
      if (attempt >= 8 && pending.length > 0) throw new Error('BatchGetItem left keys unprocessed');
    }
  }
  return found;
}
