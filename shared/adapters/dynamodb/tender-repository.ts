import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { ConflictError, IdempotencyKeyUsedError, ValidationError } from '../../domain/errors';
import { indexDueAt } from '../../domain/tender';
import type {
  IdempotencyClaim,
  IdempotencyRecord,
  Page,
  PageRequest,
  TenderChange,
  TenderRepository,
} from '../../ports/tender-repository';
import type { AuditEvent, SealedEvent } from '../../schemas/audit';
import { type Award, AwardSchema, type Contract, ContractSchema } from '../../schemas/award';
import { type Notice, NoticeSchema } from '../../schemas/notice';
import { type Tender, type TenderFilters, TenderSchema } from '../../schemas/tender';
import { aggregateUpdates } from './aggregate-updates';
import { ENTITY, INDEXES, type IndexSpec, keys, TABLE_KEY, TTL_ATTRIBUTE } from './keys';
import {
  conditionFailedAt,
  eventAttributes,
  guardStoreValidation,
  type Item,
  idempotencyExpired,
  lostToConcurrentChange,
  putIdempotencyRecord,
  putNew,
  queryAll,
  readEvent,
  sortableInstant,
  type TransactItem,
} from './support';

/** Upper bound of query pages read to fill one filtered page. */
const MAX_QUERY_ROUNDS = 10;

/** Builds the stored item of a tender: the tender under `data`, plus keys, indexes and filter facets. */
function tenderItem(tender: Tender): Item {
  const item: Item = {
    ...keys.tender(tender.id),
    entity: ENTITY.tender,
    version: tender.version,
    status: tender.status,
    bidDeadline: sortableInstant(tender.content.timeline.bidDeadline),
    method: tender.content.method,
    category: tender.content.category,
    tradeType: tender.content.tradeType,
    ...keys.ownerIndex(tender.orgId, sortableInstant(tender.createdAt), tender.id),
    data: tender,
  };
  if (tender.publishedAt) {
    const publishedAt = sortableInstant(tender.publishedAt);
    Object.assign(item, keys.tenderFeedIndex(publishedAt, tender.id));
    Object.assign(item, keys.statusIndex(tender.status, publishedAt, tender.id));
  }
  if (tender.opening?.recordPublishedAt) item['recordPublishedAt'] = tender.opening.recordPublishedAt;
  const due = indexDueAt(tender);
  if (due) Object.assign(item, keys.dueIndex(sortableInstant(due), tender.id));
  return item;
}

function eventItem(event: SealedEvent): Item {
  return { ...keys.event(event.tenderId, event.seq), entity: ENTITY.event, ...eventAttributes(event) };
}

function noticeItem(notice: Notice): Item {
  return {
    ...keys.notice(notice.tenderId, notice.seq),
    entity: ENTITY.notice,
    noticeType: notice.type,
    ...keys.noticeFeedIndex(sortableInstant(notice.publishedAt), notice.id),
    data: notice,
  };
}

/** Encodes a LastEvaluatedKey as an opaque URL-safe cursor. */
function encodeCursor(key: Item | undefined): string | null {
  return key ? Buffer.from(JSON.stringify(key), 'utf8').toString('base64url') : null;
}

/** Decodes a cursor and checks it names exactly the key attributes of the index it is used on. */
function decodeCursor(cursor: string | undefined, index: IndexSpec, partition: string): Item | undefined {
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
function invalidCursor(cause: unknown): ValidationError {
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
 * The DynamoDB adapter of {@link TenderRepository}: single table, transactions for every change.
 *
 * Why transactions: the tender, its audit event and its notices must be written all or not at all.
 */
export class DynamoTenderRepository implements TenderRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    guardStoreValidation(client);
  }

  async create(change: TenderChange, idempotency?: IdempotencyClaim): Promise<void> {
    const items: TransactItem[] = [
      putNew(this.tableName, tenderItem(change.tender)),
      putNew(this.tableName, eventItem(change.event)),
      ...(change.notices ?? []).map((notice) => putNew(this.tableName, noticeItem(notice))),
    ];
    if (idempotency) {
      items.push(
        putIdempotencyRecord(
          this.tableName,
          {
            ...keys.idempotency(idempotency.orgId, idempotency.key),
            entity: ENTITY.idempotency,
            requestHash: idempotency.requestHash,
            resultId: change.tender.id,
            [TTL_ATTRIBUTE]: Math.floor(new Date(idempotency.expiresAt).getTime() / 1000),
          },
          idempotency.claimedAt,
        ),
      );
    }
    try {
      await this.client.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      // Another request holds or has used the key: the caller looks up what it produced.
      if (idempotency && lostToConcurrentChange(error) && !conditionFailedAt(error, 0)) {
        throw new IdempotencyKeyUsedError({ cause: error });
      }
      if (conditionFailedAt(error, 0)) {
        throw new ConflictError(
          { zh: '项目编号已存在', en: 'A tender with this id exists' },
          { cause: error },
        );
      }
      throw error;
    }
  }

  async save(change: TenderChange, expectedVersion: number): Promise<void> {
    const items: TransactItem[] = [
      {
        Put: {
          TableName: this.tableName,
          Item: tenderItem(change.tender),
          ConditionExpression: 'attribute_exists(pk) AND version = :expected',
          ExpressionAttributeValues: { ':expected': expectedVersion },
        },
      },
      putNew(this.tableName, eventItem(change.event)),
      ...(change.notices ?? []).map((notice) => putNew(this.tableName, noticeItem(notice))),
      ...this.relatedWrites(change),
    ];
    try {
      await this.client.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      if (lostToConcurrentChange(error)) {
        throw new ConflictError(
          {
            zh: '项目已被他人修改，请刷新后重试',
            en: 'The tender was changed by someone else; reload and try again',
          },
          { cause: error, extensions: { expectedVersion } },
        );
      }
      throw error;
    }
  }

  /** The items a change writes besides the tender, its event and notices, each under its own condition. */
  private relatedWrites(change: TenderChange): TransactItem[] {
    const tenderId = change.tender.id;
    const items: TransactItem[] = [];
    if (change.openingRecord) {
      items.push(
        putNew(this.tableName, {
          ...keys.openingRecord(tenderId),
          entity: ENTITY.openingRecord,
          data: { ...change.openingRecord, responses: [] },
        }),
      );
    }
    if (change.committee) {
      const { value, expectedVersion } = change.committee;
      const item = {
        ...keys.committee(tenderId),
        entity: ENTITY.committee,
        version: value.version,
        data: value,
      };
      items.push(
        expectedVersion === null
          ? putNew(this.tableName, item)
          : {
              Put: {
                TableName: this.tableName,
                Item: item,
                ConditionExpression: 'version = :v',
                ExpressionAttributeValues: { ':v': expectedVersion },
              },
            },
      );
    }
    for (const expertId of change.assignments ?? []) {
      items.push(
        putNew(this.tableName, {
          ...keys.assignment(expertId, tenderId),
          entity: ENTITY.assignment,
          tenderId,
          assignedAt: change.event.at,
        }),
      );
    }
    if (change.submittedSheet) {
      const { value, expectedVersion } = change.submittedSheet;
      items.push({
        Put: {
          TableName: this.tableName,
          Item: {
            ...keys.sheet(tenderId, value.expertId),
            entity: ENTITY.scoreSheet,
            version: value.version,
            status: value.status,
            data: value,
          },
          ConditionExpression: '#status = :draft AND version = :v',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':draft': 'draft', ':v': expectedVersion },
        },
      });
    }
    if (change.award) {
      items.push(
        putNew(this.tableName, { ...keys.award(tenderId), entity: ENTITY.award, data: change.award }),
      );
    }
    if (change.contract) {
      items.push(
        putNew(this.tableName, {
          ...keys.contract(tenderId),
          entity: ENTITY.contract,
          data: change.contract,
        }),
      );
    }
    if (change.aggregates) {
      items.push(...aggregateUpdates(this.tableName, change.aggregates.facets, change.aggregates.delta));
    }
    if (change.report) {
      items.push(
        putNew(this.tableName, { ...keys.report(tenderId), entity: ENTITY.report, data: change.report }),
      );
    }
    return items;
  }

  async getAward(tenderId: string): Promise<Award | null> {
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.award(tenderId), ConsistentRead: true }),
    );
    return result.Item ? AwardSchema.parse(result.Item['data']) : null;
  }

  async getContract(tenderId: string): Promise<Contract | null> {
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.contract(tenderId), ConsistentRead: true }),
    );
    return result.Item ? ContractSchema.parse(result.Item['data']) : null;
  }

  async listTenderNotices(tenderId: string): Promise<Notice[]> {
    const items = await queryAll(this.client, this.tableName, keys.tender(tenderId).pk, keys.noticePrefix);
    return items.map((item) => NoticeSchema.parse(item['data']));
  }

  async get(tenderId: string): Promise<Tender | null> {
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.tender(tenderId), ConsistentRead: true }),
    );
    return result.Item ? TenderSchema.parse(result.Item['data']) : null;
  }

  async getIdempotency(orgId: string, key: string, now: Date): Promise<IdempotencyRecord | null> {
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.idempotency(orgId, key), ConsistentRead: true }),
    );
    const item = result.Item;
    // DynamoDB's TTL deletes lazily: a record past its expiry may still be read, and is ignored.
    if (!item || idempotencyExpired(item, now)) return null;
    return { requestHash: String(item['requestHash']), resultId: String(item['resultId']) };
  }

  async listEvents(tenderId: string): Promise<AuditEvent[]> {
    const items = await queryAll(this.client, this.tableName, keys.tender(tenderId).pk, keys.eventPrefix);
    return items.map((item) => readEvent(item, false));
  }

  async listRestrictedEvents(tenderId: string): Promise<SealedEvent[]> {
    const items = await queryAll(this.client, this.tableName, keys.tender(tenderId).pk, keys.eventPrefix);
    return items.map((item) => readEvent(item, true));
  }

  async listByOwner(orgId: string, page: PageRequest): Promise<Page<Tender>> {
    return this.queryPage(INDEXES.byOwner, { ':pk': keys.ownerPartition(orgId) }, {}, page, (item) =>
      TenderSchema.parse(item['data']),
    );
  }

  async listPublic(filters: TenderFilters, page: PageRequest): Promise<Page<Tender>> {
    const index = filters.status ? INDEXES.byStatus : INDEXES.publicFeed;
    const partition = filters.status ? keys.statusPartition(filters.status) : keys.tenderFeedPartition;
    const facets: Record<string, string | undefined> = {
      method: filters.method,
      category: filters.category,
      tradeType: filters.tradeType,
    };
    return this.queryPage(index, { ':pk': partition }, facets, page, (item) =>
      TenderSchema.parse(item['data']),
    );
  }

  async listNotices(
    filters: { type?: Notice['type'] | undefined },
    page: PageRequest,
  ): Promise<Page<Notice>> {
    return this.queryPage(
      INDEXES.publicFeed,
      { ':pk': keys.noticeFeedPartition },
      { noticeType: filters.type },
      page,
      (item) => NoticeSchema.parse(item['data']),
    );
  }

  async listDue(now: string, limit: number): Promise<Tender[]> {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: INDEXES.dueByTime.name,
        KeyConditionExpression: '#pk = :pk AND #sk <= :upTo',
        ExpressionAttributeNames: { '#pk': INDEXES.dueByTime.partitionKey, '#sk': INDEXES.dueByTime.sortKey },
        // '~' sorts after every character of a ULID, so ties at `now` are included.
        ExpressionAttributeValues: { ':pk': keys.duePartition, ':upTo': `${sortableInstant(now)}#~` },
        Limit: limit,
      }),
    );
    return (result.Items ?? []).map((item) => TenderSchema.parse(item['data']));
  }

  /**
   * Reads one page from an index, newest first, with equality filters on facet attributes.
   *
   * Why the loop: a filter can drop items, so it reads on (bounded) until the page is full.
   */
  private async queryPage<T>(
    index: IndexSpec,
    values: Record<string, string>,
    facets: Record<string, string | undefined>,
    page: PageRequest,
    parse: (item: Item) => T,
  ): Promise<Page<T>> {
    const filters = Object.entries(facets).filter(
      (entry): entry is [string, string] => entry[1] !== undefined,
    );
    const input: QueryCommandInput = {
      TableName: this.tableName,
      IndexName: index.name,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: {
        '#pk': index.partitionKey,
        ...Object.fromEntries(filters.map(([name], i) => [`#f${i}`, name])),
      },
      ExpressionAttributeValues: {
        ...values,
        ...Object.fromEntries(filters.map(([, value], i) => [`:f${i}`, value])),
      },
      ScanIndexForward: false,
    };
    if (filters.length > 0) input.FilterExpression = filters.map((_, i) => `#f${i} = :f${i}`).join(' AND ');
    const items: T[] = [];
    let startKey = decodeCursor(page.cursor, index, String(values[':pk']));
    let rounds = 0;
    do {
      const result = await this.client
        .send(new QueryCommand({ ...input, Limit: page.limit - items.length, ExclusiveStartKey: startKey }))
        .catch((error: unknown) => {
          // DynamoDB refusing a start key that passed our checks is still a bad cursor, not a 500.
          if (page.cursor && (error as { name?: string }).name === 'ValidationException')
            throw invalidCursor(error);
          throw error;
        });
      for (const item of result.Items ?? []) items.push(parse(item));
      startKey = result.LastEvaluatedKey;
      rounds += 1;
    } while (startKey && items.length < page.limit && rounds < MAX_QUERY_ROUNDS);
    return { items, nextCursor: encodeCursor(startKey) };
  }
}
