import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../../domain/errors';
import type { TransferRepository } from '../../ports/transfer-repository';
import {
  type DepositEntry,
  DepositEntrySchema,
  type QuoteRecord,
  QuoteRecordSchema,
} from '../../schemas/transfer';
import { ENTITY, keys, padSeq } from './keys';
import { conditionFailedAt, guardStoreValidation, type Item, queryAll, transactWithRetry } from './support';

function applicationItem(entry: DepositEntry): Item {
  return {
    ...keys.application(entry.tenderId, entry.supplierOrgId),
    entity: ENTITY.application,
    version: entry.version,
    data: entry,
  };
}

/** The refusal when an application changed under the caller. */
function changedUnder(cause: unknown): ConflictError {
  return new ConflictError(
    {
      zh: '竞买申请已被他人处理，请刷新后重试',
      en: 'The application was changed by someone else; reload and retry',
    },
    { cause },
  );
}

/**
 * The DynamoDB adapter of {@link TransferRepository}: applications as `APPLICANT#<org>` items of the
 * tender's partition, each 竞买号 guarded by a `BIDDERNO#<no>` item written with it, quotes as
 * `QUOTE#<seq>` items (written by the tender's own change).
 */
export class DynamoTransferRepository implements TransferRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    guardStoreValidation(client);
  }

  async apply(entry: DepositEntry): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: applicationItem(entry),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  async getApplication(tenderId: string, orgId: string): Promise<DepositEntry | null> {
    const result = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.application(tenderId, orgId),
        ConsistentRead: true,
      }),
    );
    return result.Item ? DepositEntrySchema.parse(result.Item['data']) : null;
  }

  async listApplications(tenderId: string): Promise<DepositEntry[]> {
    const items = await queryAll(this.client, this.tableName, `TENDER#${tenderId}`, 'APPLICANT#');
    return items.map((item) => DepositEntrySchema.parse(item['data']));
  }

  async saveApplication(
    entry: DepositEntry,
    expectedVersion: number,
    claimBidderNo?: string,
  ): Promise<boolean> {
    const put = {
      Put: {
        TableName: this.tableName,
        Item: applicationItem(entry),
        ConditionExpression: 'version = :v',
        ExpressionAttributeValues: { ':v': expectedVersion },
      },
    };
    if (claimBidderNo === undefined) {
      try {
        await this.client.send(new PutCommand(put.Put));
        return true;
      } catch (error) {
        if ((error as { name?: string }).name === 'ConditionalCheckFailedException')
          throw changedUnder(error);
        throw error;
      }
    }
    try {
      await transactWithRetry(this.client, [
        put,
        {
          Put: {
            TableName: this.tableName,
            Item: {
              ...keys.bidderNo(entry.tenderId, claimBidderNo),
              entity: ENTITY.bidderNo,
              supplierOrgId: entry.supplierOrgId,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ]);
      return true;
    } catch (error) {
      if (conditionFailedAt(error, 0)) throw changedUnder(error);
      if (conditionFailedAt(error, 1)) return false;
      throw error;
    }
  }

  async listQuotes(
    tenderId: string,
    options: { afterSeq?: number; limit: number; newest?: boolean },
  ): Promise<QuoteRecord[]> {
    const pk = `TENDER#${tenderId}`;
    const after = options.afterSeq ?? 0;
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': 'QUOTE#' },
        // Resume after the sequence number asked for (a key need not exist to start after it)
        ...(!options.newest && after > 0 ? { ExclusiveStartKey: { pk, sk: `QUOTE#${padSeq(after)}` } } : {}),
        ScanIndexForward: !options.newest,
        Limit: options.limit,
        ConsistentRead: true,
      }),
    );
    const quotes = (result.Items ?? []).map((item) => QuoteRecordSchema.parse(item['data']));
    return options.newest ? quotes.reverse() : quotes;
  }
}
