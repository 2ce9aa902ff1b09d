import { type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { OpenAnswer, RightsRepository } from '../../ports/rights-repository';
import type { Page, PageRequest } from '../../ports/tender-repository';
import { type Challenge, ChallengeSchema } from '../../schemas/challenge';
import { type Enquiry, EnquirySchema } from '../../schemas/enquiry';
import { ENTITY, INDEXES, keys } from './keys';
import { guardStoreValidation, type Item, queryAll, queryIndexPage, sortableInstant } from './support';

/**
 * The DynamoDB adapter of {@link RightsRepository}: enquiries and challenges as `ENQUIRY#<id>` and
 * `CHALLENGE#<id>` items of the tender's partition (written by the tender's own change), read
 * consistently.
 */
export class DynamoRightsRepository implements RightsRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    guardStoreValidation(client);
  }

  async getEnquiry(tenderId: string, enquiryId: string): Promise<Enquiry | null> {
    const result = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.enquiry(tenderId, enquiryId),
        ConsistentRead: true,
      }),
    );
    return result.Item ? EnquirySchema.parse(result.Item['data']) : null;
  }

  async listEnquiries(tenderId: string): Promise<Enquiry[]> {
    const items = await queryAll(this.client, this.tableName, keys.tender(tenderId).pk, keys.enquiryPrefix);
    return items.map((item) => EnquirySchema.parse(item['data']));
  }

  async getChallenge(tenderId: string, challengeId: string): Promise<Challenge | null> {
    const result = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.challenge(tenderId, challengeId),
        ConsistentRead: true,
      }),
    );
    return result.Item ? ChallengeSchema.parse(result.Item['data']) : null;
  }

  async listOpenAnswers(page: PageRequest): Promise<Page<OpenAnswer>> {
    return queryIndexPage(
      this.client,
      this.tableName,
      { index: INDEXES.dueByTime, partition: keys.rightsDuePartition, oldestFirst: true },
      page,
      (item: Item): OpenAnswer =>
        item['entity'] === ENTITY.challenge
          ? { kind: 'challenge', challenge: ChallengeSchema.parse(item['data']) }
          : { kind: 'enquiry', enquiry: EnquirySchema.parse(item['data']) },
    );
  }

  async countOverdueAnswers(now: string): Promise<number> {
    let count = 0;
    let startKey: Item | undefined;
    do {
      const result = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: INDEXES.dueByTime.name,
          KeyConditionExpression: 'duePk = :pk AND dueSk < :upTo',
          ExpressionAttributeValues: { ':pk': keys.rightsDuePartition, ':upTo': sortableInstant(now) },
          Select: 'COUNT',
          ExclusiveStartKey: startKey,
        }),
      );
      count += result.Count ?? 0;
      startKey = result.LastEvaluatedKey;
    } while (startKey);
    return count;
  }

  async listChallenges(tenderId: string): Promise<Challenge[]> {
    const items = await queryAll(this.client, this.tableName, keys.tender(tenderId).pk, keys.challengePrefix);
    return items.map((item) => ChallengeSchema.parse(item['data']));
  }
}
