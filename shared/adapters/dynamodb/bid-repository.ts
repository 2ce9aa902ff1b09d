import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, IdempotencyKeyUsedError, UnprocessableError } from '../../domain/errors';
import type { BidChange, BidRepository } from '../../ports/bid-repository';
import type {
  EventStretch,
  EventWindow,
  IdempotencyClaim,
  Page,
  PageRequest,
} from '../../ports/tender-repository';
import type { SealedEvent } from '../../schemas/audit';
import {
  type Bid,
  BidSchema,
  type OpeningRecord,
  OpeningRecordSchema,
  type OpeningResponse,
  OpeningResponseSchema,
  type Registration,
  RegistrationSchema,
} from '../../schemas/bid';
import { type SupplierProfile, SupplierProfileSchema } from '../../schemas/supplier';
import { ENTITY, gateShardOf, INDEXES, keys, TTL_ATTRIBUTE } from './keys';
import {
  batchGetAll,
  conditionFailedAt,
  eventAttributes,
  guardStoreValidation,
  type Item,
  lostToConcurrentChange,
  putIdempotencyRecord,
  putNew,
  queryAll,
  queryIndexPage,
  readChainStretch,
  readEvent,
  sortableInstant,
  type TransactItem,
  transactWithRetry,
} from './support';
import { healGate } from './tender-gates';

function bidItem(bid: Bid): Item {
  return {
    ...keys.bid(bid.tenderId, bid.id),
    entity: ENTITY.bid,
    version: bid.version,
    status: bid.status,
    data: bid,
  };
}

function bidEventItem(event: SealedEvent): Item {
  if (!event.bidId) throw new Error('a bid event needs its bidId');
  return {
    ...keys.bidEvent(event.tenderId, event.bidId, event.seq),
    entity: ENTITY.bidEvent,
    ...eventAttributes(event),
  };
}

/** The refusal when the deadline (or the tendering state) has passed by the server's clock. */
function deadlinePassed(cause: unknown): UnprocessableError {
  return new UnprocessableError(
    'deadline-passed',
    {
      zh: '投标截止时间已到，不再接受投标、修改或撤回（87号令第三十三条、第三十四条）',
      en: 'The bid deadline has passed: no bid, change or withdrawal is accepted (87号令第三十三条、第三十四条)',
    },
    { cause },
  );
}

/** The refusal when the decryption window closed while the reveal was under way. */
function decryptionClosed(cause: unknown): UnprocessableError {
  return new UnprocessableError(
    'decryption-closed',
    { zh: '解密时间已结束', en: 'The decryption window has closed' },
    { cause },
  );
}

/**
 * The DynamoDB adapter of {@link BidRepository}.
 *
 * Why a tender gate is a ConditionCheck in every bid transaction: "before the deadline" is then
 * decided by the database at commit time, against the deadline as it stands after any correction
 * (the tender's change transaction writes every gate). Each supplier checks its own gate of K
 * (tender-gates.ts), so the bids of one tender do not all meet on one item.
 */
export class DynamoBidRepository implements BidRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    guardStoreValidation(client);
  }

  async getProfile(orgId: string): Promise<SupplierProfile | null> {
    const item = await this.get(keys.supplierProfile(orgId));
    return item ? SupplierProfileSchema.parse(item['data']) : null;
  }

  async saveProfile(profile: SupplierProfile, expectedVersion: number | null): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.supplierProfile(profile.orgId),
            entity: ENTITY.supplierProfile,
            version: profile.version,
            data: profile,
          },
          ...(expectedVersion === null
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': expectedVersion } }),
        }),
      );
    } catch (error) {
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException') {
        throw new ConflictError(
          { zh: '资料已被修改，请刷新后重试', en: 'The profile changed; reload and retry' },
          { cause: error },
        );
      }
      throw error;
    }
  }

  async register(registration: Registration): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.registration(registration.tenderId, registration.supplierOrgId),
            ...keys.supplierRegistrationIndex(
              registration.supplierOrgId,
              sortableInstant(registration.registeredAt),
              registration.tenderId,
            ),
            entity: ENTITY.registration,
            data: registration,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  async getRegistration(tenderId: string, orgId: string): Promise<Registration | null> {
    const item = await this.get(keys.registration(tenderId, orgId));
    return item ? RegistrationSchema.parse(item['data']) : null;
  }

  async listRegistrations(tenderId: string): Promise<Registration[]> {
    const items = await queryAll(
      this.client,
      this.tableName,
      keys.tender(tenderId).pk,
      keys.registrationPrefix,
    );
    return items.map((item) => RegistrationSchema.parse(item['data']));
  }

  async listRegistrationsBySupplier(orgId: string, page: PageRequest): Promise<Page<Registration>> {
    return queryIndexPage(
      this.client,
      this.tableName,
      { index: INDEXES.byOwner, partition: keys.supplierRegistrationPartition(orgId) },
      page,
      (item) => RegistrationSchema.parse(item['data']),
    );
  }

  async getSupplierStandings(
    orgId: string,
    tenderIds: readonly string[],
  ): Promise<Map<string, { currentBid: Bid | null; openingResponse: OpeningResponse | null }>> {
    const byKey = (items: Item[]) => new Map(items.map((item) => [`${item['pk']}|${item['sk']}`, item]));
    const keyText = (key: { pk: string; sk: string }) => `${key.pk}|${key.sk}`;
    const first = byKey(
      await batchGetAll(
        this.client,
        this.tableName,
        tenderIds.flatMap((id) => [keys.bidder(id, orgId), keys.openingResponse(id, orgId)]),
      ),
    );
    const currentIds = new Map(
      tenderIds.flatMap((id) => {
        const bidder = first.get(keyText(keys.bidder(id, orgId)));
        return bidder ? [[id, String(bidder['currentBidId'])] as const] : [];
      }),
    );
    const bids = byKey(
      await batchGetAll(
        this.client,
        this.tableName,
        [...currentIds].map(([id, bidId]) => keys.bid(id, bidId)),
      ),
    );
    return new Map(
      tenderIds.map((id) => {
        const bidId = currentIds.get(id);
        const bid = bidId ? bids.get(keyText(keys.bid(id, bidId))) : undefined;
        const response = first.get(keyText(keys.openingResponse(id, orgId)));
        return [
          id,
          {
            currentBid: bid ? BidSchema.parse(bid['data']) : null,
            openingResponse: response ? OpeningResponseSchema.parse(response['data']) : null,
          },
        ];
      }),
    );
  }

  async createBid(change: BidChange, idempotency?: IdempotencyClaim): Promise<void> {
    const items: TransactItem[] = [
      putNew(this.tableName, bidItem(change.bid)),
      putNew(this.tableName, bidEventItem(change.event)),
    ];
    if (idempotency) {
      items.push(
        putIdempotencyRecord(
          this.tableName,
          {
            ...keys.idempotency(idempotency.orgId, idempotency.key),
            entity: ENTITY.idempotency,
            requestHash: idempotency.requestHash,
            resultId: `${change.bid.tenderId}/${change.bid.id}`,
            [TTL_ATTRIBUTE]: Math.floor(new Date(idempotency.expiresAt).getTime() / 1000),
          },
          idempotency.claimedAt,
        ),
      );
    }
    try {
      await transactWithRetry(this.client, items);
    } catch (error) {
      if (idempotency && lostToConcurrentChange(error) && !conditionFailedAt(error, 0)) {
        throw new IdempotencyKeyUsedError({ cause: error });
      }
      if (lostToConcurrentChange(error)) {
        throw new ConflictError(
          { zh: '投标状态已变化，请重试', en: 'The bid changed meanwhile; retry' },
          { cause: error },
        );
      }
      throw error;
    }
  }

  async getBid(tenderId: string, bidId: string): Promise<Bid | null> {
    const item = await this.get(keys.bid(tenderId, bidId));
    return item ? BidSchema.parse(item['data']) : null;
  }

  async listBids(tenderId: string): Promise<Bid[]> {
    const items = await queryAll(this.client, this.tableName, keys.tender(tenderId).pk, keys.bidPrefix);
    return items.map((item) => BidSchema.parse(item['data']));
  }

  async getCurrentBidId(tenderId: string, orgId: string): Promise<string | null> {
    const item = await this.get(keys.bidder(tenderId, orgId));
    return item ? String(item['currentBidId']) : null;
  }

  /**
   * Counts the tender's current-bid pointers (one per supplier with a submitted bid), page by page.
   *
   * Why a COUNT Query and no counter item: a counter would be written by every bid's transaction,
   * and on DynamoDB concurrent transactions on one item conflict, exactly in the deadline minute.
   * A pointer is written only by its own supplier's submit and withdraw, so the count stays exact
   * (a replacement keeps it, a withdrawal deletes it) with no item shared between bidders.
   */
  async getBidCount(tenderId: string): Promise<number> {
    let count = 0;
    let startKey: Item | undefined;
    do {
      const result = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': keys.tender(tenderId).pk, ':prefix': keys.bidderPrefix },
          Select: 'COUNT',
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      count += result.Count ?? 0;
      startKey = result.LastEvaluatedKey;
    } while (startKey);
    return count;
  }

  async submitBid(change: BidChange, now: string, replaced?: BidChange): Promise<void> {
    const { bid } = change;
    const bidder = keys.bidder(bid.tenderId, bid.supplierOrgId);
    const items: TransactItem[] = [
      this.tenderStillOpen(bid, now),
      this.updateBid(change, 'draft'),
      putNew(this.tableName, bidEventItem(change.event)),
    ];
    if (replaced) {
      items.push(this.updateBid(replaced, 'submitted'), putNew(this.tableName, bidEventItem(replaced.event)));
      items.push({
        Update: {
          TableName: this.tableName,
          Key: bidder,
          UpdateExpression: 'SET currentBidId = :new',
          ConditionExpression: 'currentBidId = :old',
          ExpressionAttributeValues: { ':new': bid.id, ':old': replaced.bid.id },
        },
      });
    } else {
      items.push({
        Put: {
          TableName: this.tableName,
          Item: { ...bidder, entity: ENTITY.bidder, currentBidId: bid.id },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      });
    }
    await this.sendBidTransaction(items);
  }

  async withdrawBid(change: BidChange, now: string): Promise<void> {
    const { bid } = change;
    await this.sendBidTransaction([
      this.tenderStillOpen(bid, now),
      this.updateBid(change, 'submitted'),
      putNew(this.tableName, bidEventItem(change.event)),
      {
        Delete: {
          TableName: this.tableName,
          Key: keys.bidder(bid.tenderId, bid.supplierOrgId),
          ConditionExpression: 'currentBidId = :id',
          ExpressionAttributeValues: { ':id': bid.id },
        },
      },
    ]);
  }

  async saveBid(
    change: BidChange,
    expectedVersion: number,
    options: { tenderOpenAt?: string; decryptionOpen?: boolean } = {},
  ): Promise<void> {
    const put: TransactItem = {
      Put: {
        TableName: this.tableName,
        Item: bidItem(change.bid),
        ConditionExpression: 'version = :v',
        ExpressionAttributeValues: { ':v': expectedVersion },
      },
    };
    const event = putNew(this.tableName, bidEventItem(change.event));
    const check = options.tenderOpenAt
      ? this.tenderStillOpen(change.bid, options.tenderOpenAt)
      : options.decryptionOpen
        ? this.decryptionStillOpen(change.bid)
        : undefined;
    if (!check) {
      await this.sendBidTransaction([put, event], false);
      return;
    }
    try {
      await this.sendBidTransaction([check, put, event], options.tenderOpenAt !== undefined);
    } catch (error) {
      if (options.decryptionOpen && conditionFailedAt(error, 0)) throw decryptionClosed(error);
      throw error;
    }
  }

  async readBidEventStretch(tenderId: string, bidId: string, window: EventWindow): Promise<EventStretch> {
    return readChainStretch(
      this.client,
      this.tableName,
      {
        pk: keys.tender(tenderId).pk,
        prefix: keys.bidEventPrefix(bidId),
        keyAt: (seq) => keys.bidEvent(tenderId, bidId, seq),
      },
      window,
    );
  }

  async listRestrictedBidEvents(tenderId: string, bidId: string): Promise<SealedEvent[]> {
    const items = await queryAll(
      this.client,
      this.tableName,
      keys.tender(tenderId).pk,
      keys.bidEventPrefix(bidId),
    );
    return items.map((item) => readEvent(item, true));
  }

  async getOpeningRecord(tenderId: string): Promise<OpeningRecord | null> {
    const item = await this.get(keys.openingRecord(tenderId));
    if (!item) return null;
    const responses = await queryAll(
      this.client,
      this.tableName,
      keys.tender(tenderId).pk,
      keys.openingResponsePrefix,
    );
    return OpeningRecordSchema.parse({
      ...item['data'],
      responses: responses.map((r) => OpeningResponseSchema.parse(r['data'])),
    });
  }

  async addOpeningResponse(tenderId: string, response: OpeningResponse): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.openingResponse(tenderId, response.supplierOrgId),
            entity: ENTITY.openingResponse,
            data: response,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  private async get(key: { pk: string; sk: string }): Promise<Item | undefined> {
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }),
    );
    return result.Item;
  }

  /** The bidder's gate must say still tendering with the deadline strictly after `now`. */
  private tenderStillOpen(bid: Bid, now: string): TransactItem {
    return {
      ConditionCheck: {
        TableName: this.tableName,
        Key: keys.gate(bid.tenderId, gateShardOf(bid.supplierOrgId)),
        ConditionExpression: '#status = :tendering AND bidDeadline > :now',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':tendering': 'tendering', ':now': sortableInstant(now) },
      },
    };
  }

  /** The bidder's gate must say still opening with no opening record yet (a reveal cannot race the close). */
  private decryptionStillOpen(bid: Bid): TransactItem {
    return {
      ConditionCheck: {
        TableName: this.tableName,
        Key: keys.gate(bid.tenderId, gateShardOf(bid.supplierOrgId)),
        ConditionExpression: '#status = :opening AND attribute_not_exists(recordPublishedAt)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':opening': 'opening' },
      },
    };
  }

  /** Writes a bid's new state if it is still in `fromStatus` at the previous version. */
  private updateBid(change: BidChange, fromStatus: Bid['status']): TransactItem {
    return {
      Put: {
        TableName: this.tableName,
        Item: bidItem(change.bid),
        ConditionExpression: '#status = :from AND version = :v',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':from': fromStatus, ':v': change.bid.version - 1 },
      },
    };
  }

  /**
   * Sends a transaction whose first item may check a gate; if that check failed on a missing gate,
   * copies the gate from the tender item (healGate) and sends the transaction once more.
   *
   * Why it cannot let a late bid in: the copy is written only while the tender still holds the
   * copied values, and the retried transaction checks the copy at its own commit. A tender that is
   * not found leaves the gate missing, and the check fails as for a closed tender.
   */
  private async transactHealingGate(items: TransactItem[]): Promise<void> {
    try {
      await transactWithRetry(this.client, items);
      return;
    } catch (error) {
      const gateKey = items[0]?.ConditionCheck?.Key;
      if (!conditionFailedAt(error, 0) || !String(gateKey?.['sk'] ?? '').startsWith(keys.gatePrefix)) {
        throw error;
      }
      const healed = await this.healMissingGate(gateKey as { pk: string; sk: string });
      if (!healed) throw error;
    }
    await transactWithRetry(this.client, items);
  }

  /** Writes a missing gate from its tender item; false when the gate exists or the tender is gone. */
  private async healMissingGate(gateKey: { pk: string; sk: string }): Promise<boolean> {
    if (await this.get(gateKey)) return false;
    const tender = await this.get(keys.tender(gateKey.pk.slice('TENDER#'.length)));
    if (!tender) return false;
    const shard = Number(gateKey.sk.slice(keys.gatePrefix.length));
    try {
      await transactWithRetry(this.client, healGate(this.tableName, tender, shard));
    } catch (error) {
      // The tender moved or another request healed the gate first: the retry checks what is there.
      if (!lostToConcurrentChange(error)) throw error;
    }
    return true;
  }

  /**
   * Sends a bid transaction; a failed tender check (first item) means the deadline passed, else a
   * conflict. A gate check (first item) that failed because the gate is missing (a tender stored
   * before gates existed) heals that gate from the tender item and sends the transaction once more.
   */
  private async sendBidTransaction(items: TransactItem[], checksTender = true): Promise<void> {
    try {
      await this.transactHealingGate(items);
    } catch (error) {
      if (checksTender && conditionFailedAt(error, 0)) throw deadlinePassed(error);
      if (lostToConcurrentChange(error)) {
        throw new ConflictError(
          { zh: '投标状态已变化，请刷新后重试', en: 'The bid changed meanwhile; reload and retry' },
          { cause: error },
        );
      }
      throw error;
    }
  }
}
