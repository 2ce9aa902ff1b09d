import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../../domain/errors';
import type { CalendarRepository } from '../../ports/calendar-repository';
import { type CalendarYear, CalendarYearSchema } from '../../schemas/calendar';
import { ENTITY, keys } from './keys';
import type { Item } from './support';

/**
 * The DynamoDB adapter of {@link CalendarRepository}: one item per loaded year in one partition.
 *
 * Why one partition: a few dozen small items at most, read whole by every period check.
 */
export class DynamoCalendarRepository implements CalendarRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async list(): Promise<CalendarYear[]> {
    const years: CalendarYear[] = [];
    let startKey: Item | undefined;
    do {
      const result = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': keys.calendarPartition, ':prefix': keys.calendarYearPrefix },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of result.Items ?? []) years.push(CalendarYearSchema.parse(item['data']));
      startKey = result.LastEvaluatedKey;
    } while (startKey);
    return years;
  }

  async get(year: number): Promise<CalendarYear | null> {
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.calendarYear(year), ConsistentRead: true }),
    );
    return result.Item ? CalendarYearSchema.parse(result.Item['data']) : null;
  }

  async put(year: CalendarYear, expectedVersion: number): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.calendarYear(year.year),
            entity: ENTITY.calendarYear,
            version: year.version,
            data: year,
          },
          ...(expectedVersion === 0
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : {
                ConditionExpression: 'version = :expected',
                ExpressionAttributeValues: { ':expected': expectedVersion },
              }),
        }),
      );
    } catch (error) {
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException') {
        throw new ConflictError(
          {
            zh: `${year.year}年的节假日安排已被他人修改，请重新读取后再提交`,
            en: `The ${year.year} schedule was changed meanwhile; read it again and retry`,
          },
          { cause: error },
        );
      }
      throw error;
    }
  }
}
