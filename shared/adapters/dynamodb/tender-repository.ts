import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { ConflictError, IdempotencyKeyUsedError } from '../../domain/errors';
import { indexDueAt } from '../../domain/tender';
import type {
  EventStretch,
  EventWindow,
  IdempotencyClaim,
  IdempotencyRecord,
  Page,
  PageRequest,
  TenderChange,
  TenderRepository,
} from '../../ports/tender-repository';
import type { SealedEvent } from '../../schemas/audit';
import { type Award, AwardSchema, type Contract, ContractSchema } from '../../schemas/award';
import { type Notice, type NoticeFilters, NoticeSchema } from '../../schemas/notice';
import { type Tender, type TenderFilters, TenderSchema } from '../../schemas/tender';
import { aggregateUpdates } from './aggregate-updates';
import { ENTITY, INDEXES, keys, TTL_ATTRIBUTE } from './keys';
import {
  batchGetAll,
  conditionFailedAt,
  eventAttributes,
  type FilterTerm,
  guardStoreValidation,
  type Item,
  idempotencyExpired,
  lostToConcurrentChange,
  putIdempotencyRecord,
  putNew,
  queryAll,
  queryIndexPage,
  readChainStretch,
  sortableInstant,
  type TransactItem,
  transactWithRetry,
} from './support';
import { gateWrites, movesGates } from './tender-gates';

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
  if (tender.auction) Object.assign(item, quoteWindows(tender.auction));
  const due = indexDueAt(tender);
  if (due) Object.assign(item, keys.dueIndex(sortableInstant(due), tender.id));
  return item;
}

/**
 * A live transfer's two quoting windows as sortable top-level attributes, so that a quote's write
 * can test its instant against them in its condition. A window not (yet) open is empty.
 */
function quoteWindows(auction: NonNullable<Tender['auction']>): Item {
  const closed = auction.closedAt !== undefined;
  const listingFrom = sortableInstant(auction.listingFrom);
  const countdownFrom = auction.countdownFrom ? sortableInstant(auction.countdownFrom) : listingFrom;
  return {
    quoteFrom1: listingFrom,
    quoteUntil1: closed ? listingFrom : sortableInstant(auction.listingUntil),
    quoteFrom2: countdownFrom,
    quoteUntil2: closed || !auction.countdownUntil ? countdownFrom : sortableInstant(auction.countdownUntil),
  };
}

/** The condition a quote's tender write adds: its instant lies in one of the stored windows. */
const IN_QUOTE_WINDOW =
  '((:quoteAt >= quoteFrom1 AND :quoteAt < quoteUntil1) OR (:quoteAt >= quoteFrom2 AND :quoteAt < quoteUntil2))';

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

/** Equality filter terms on top-level attributes, for the values given. */
function equalityTerms(facets: Record<string, string | undefined>): FilterTerm[] {
  return nestedEqualityTerms(undefined, facets);
}

/** Equality filter terms on attributes under `parent` (or top-level), for the values given. */
function nestedEqualityTerms(
  parent: string | undefined,
  facets: Record<string, string | undefined>,
): FilterTerm[] {
  return Object.entries(facets).flatMap(([name, value]) =>
    value === undefined ? [] : [{ path: parent ? [parent, name] : [name], match: 'equals' as const, value }],
  );
}

/** The title-substring filter term, if a search text is given. */
function titleTerm(path: readonly string[], q: string | undefined): FilterTerm[] {
  return q === undefined ? [] : [{ path, match: 'contains', value: q }];
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

  /**
   * Writes the change under the version condition; when it moves what the bid checks test (see
   * movesGates), all of the tender's gates in the same transaction.
   *
   * Why retried on pure conflicts: the gates are checked by every bid in flight, so a correction or
   * a cancellation in the deadline minute may meet one; only the version condition refuses it.
   */
  async save(change: TenderChange, expectedVersion: number): Promise<void> {
    const stored = tenderItem(change.tender);
    const items: TransactItem[] = [
      {
        Put: {
          TableName: this.tableName,
          Item: stored,
          ...(change.quoteAt === undefined
            ? {
                ConditionExpression: 'attribute_exists(pk) AND version = :expected',
                ExpressionAttributeValues: { ':expected': expectedVersion },
              }
            : {
                ConditionExpression: `attribute_exists(pk) AND version = :expected AND ${IN_QUOTE_WINDOW}`,
                ExpressionAttributeValues: {
                  ':expected': expectedVersion,
                  ':quoteAt': sortableInstant(change.quoteAt),
                },
              }),
        },
      },
      putNew(this.tableName, eventItem(change.event)),
      ...(change.notices ?? []).map((notice) => putNew(this.tableName, noticeItem(notice))),
      ...this.relatedWrites(change),
      ...(movesGates(change.previous, change.tender) ? gateWrites(this.tableName, stored) : []),
    ];
    try {
      await transactWithRetry(this.client, items);
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

  /** A put of a new item (`expectedVersion` null) or of the next version of one still at `expectedVersion`. */
  private putVersioned(item: Item, expectedVersion: number | null): TransactItem {
    return expectedVersion === null
      ? putNew(this.tableName, item)
      : {
          Put: {
            TableName: this.tableName,
            Item: item,
            ConditionExpression: 'version = :v',
            ExpressionAttributeValues: { ':v': expectedVersion },
          },
        };
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
      items.push(this.putVersioned(item, expectedVersion));
    }
    if (change.enquiry) {
      const { value, expectedVersion } = change.enquiry;
      items.push(
        this.putVersioned(
          {
            ...keys.enquiry(tenderId, value.id),
            entity: ENTITY.enquiry,
            version: value.version,
            data: value,
            // Waiting for its answer: on the centre's board of answer clocks (sparse index)
            ...(value.answer === null
              ? keys.rightsDueIndex(sortableInstant(value.answerDueAt), tenderId, 'enquiry', value.id)
              : {}),
          },
          expectedVersion,
        ),
      );
    }
    if (change.challenge) {
      const { value, expectedVersion } = change.challenge;
      items.push(
        this.putVersioned(
          {
            ...keys.challenge(tenderId, value.id),
            entity: ENTITY.challenge,
            version: value.version,
            data: value,
            // Waiting for its answer: on the centre's board of answer clocks (sparse index)
            ...(value.answer === null
              ? keys.rightsDueIndex(sortableInstant(value.answerDueAt), tenderId, 'challenge', value.id)
              : {}),
          },
          expectedVersion,
        ),
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
    if (change.quote) {
      items.push(
        putNew(this.tableName, {
          ...keys.quote(tenderId, change.quote.seq),
          entity: ENTITY.quote,
          data: change.quote,
        }),
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

  async readEventStretch(tenderId: string, window: EventWindow): Promise<EventStretch> {
    return readChainStretch(
      this.client,
      this.tableName,
      { pk: keys.tender(tenderId).pk, prefix: keys.eventPrefix, keyAt: (seq) => keys.event(tenderId, seq) },
      window,
    );
  }

  async getMany(tenderIds: readonly string[]): Promise<Map<string, Tender>> {
    const items = await batchGetAll(this.client, this.tableName, tenderIds.map(keys.tender));
    const tenders = items.map((item) => TenderSchema.parse(item['data']));
    return new Map(tenders.map((tender) => [tender.id, tender]));
  }

  async listByOwner(orgId: string, page: PageRequest): Promise<Page<Tender>> {
    return queryIndexPage(
      this.client,
      this.tableName,
      { index: INDEXES.byOwner, partition: keys.ownerPartition(orgId) },
      page,
      (item) => TenderSchema.parse(item['data']),
    );
  }

  async listPublic(filters: TenderFilters, page: PageRequest): Promise<Page<Tender>> {
    const index = filters.status ? INDEXES.byStatus : INDEXES.publicFeed;
    const partition = filters.status ? keys.statusPartition(filters.status) : keys.tenderFeedPartition;
    // The tender item holds its facets at the top level (see tenderItem); the title only in data.
    const terms = [
      ...equalityTerms({ method: filters.method, category: filters.category, tradeType: filters.tradeType }),
      ...titleTerm(['data', 'content', 'title'], filters.q),
    ];
    return queryIndexPage(this.client, this.tableName, { index, partition, filters: terms }, page, (item) =>
      TenderSchema.parse(item['data']),
    );
  }

  async listNotices(filters: NoticeFilters, page: PageRequest): Promise<Page<Notice>> {
    // Facets are read from the stored notice itself (data.*), so notices written before these
    // filters existed are filtered alike; only the type has a top-level attribute of its own.
    const terms = [
      ...equalityTerms({ noticeType: filters.type }),
      ...nestedEqualityTerms('data', {
        method: filters.method,
        category: filters.category,
        tradeType: filters.tradeType,
      }),
      ...titleTerm(['data', 'title'], filters.q),
    ];
    return queryIndexPage(
      this.client,
      this.tableName,
      { index: INDEXES.publicFeed, partition: keys.noticeFeedPartition, filters: terms },
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
}
