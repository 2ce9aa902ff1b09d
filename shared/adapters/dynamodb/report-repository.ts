import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { emptyFigures, type ReportFigures } from '../../domain/savings';
import type { ReportRepository, ScopeCounters } from '../../ports/report-repository';
import { ENTITY, keys } from './keys';
import type { Item } from './support';

/** Reads the figures of a counter item (absent counters are zero). */
function figuresOf(item: Item): ReportFigures {
  const figures = emptyFigures();
  for (const name of Object.keys(figures) as (keyof ReportFigures)[]) {
    const value = item[name];
    if (typeof value === 'number') figures[name] = value;
  }
  return figures;
}

/**
 * The DynamoDB adapter of {@link ReportRepository}: each report scope of a year is one partition.
 *
 * Why it counts items read: the report's cost is part of its contract, and a test checks it.
 */
export class DynamoReportRepository implements ReportRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async readScope(year: number, scope: string): Promise<ScopeCounters> {
    const lines = new Map<string, ReportFigures & { label: string }>();
    let itemsRead = 0;
    let startKey: Item | undefined;
    do {
      const result = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.aggregatePartition(year, scope) },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of result.Items ?? []) {
        lines.set(String(item['sk']), { ...figuresOf(item), label: String(item['label'] ?? item['sk']) });
      }
      itemsRead += result.Items?.length ?? 0;
      startKey = result.LastEvaluatedKey;
    } while (startKey);
    return { lines, itemsRead };
  }

  async getTarget(year: number): Promise<{ projects: number; setBy: string; setAt: string } | null> {
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.target(year) }),
    );
    const item = result.Item;
    return item
      ? { projects: Number(item['projects']), setBy: String(item['setBy']), setAt: String(item['setAt']) }
      : null;
  }

  async setTarget(year: number, target: { projects: number; setBy: string; setAt: string }): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...keys.target(year), entity: ENTITY.target, year, ...target },
      }),
    );
  }
}
