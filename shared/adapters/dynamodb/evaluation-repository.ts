import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, ValidationError } from '../../domain/errors';
import type { EvaluationRepository, StoredAssessment } from '../../ports/evaluation-repository';
import type { Page, PageRequest } from '../../ports/tender-repository';
import {
  type Committee,
  CommitteeSchema,
  type EvaluationReport,
  EvaluationReportSchema,
  type ScoreSheet,
  ScoreSheetSchema,
} from '../../schemas/evaluation';
import { type Expert, ExpertSchema } from '../../schemas/expert';
import { ENTITY, keys } from './keys';
import { type Item, lostToConcurrentChange, putNew, queryAll, transactWithRetry } from './support';

function expertItem(expert: Expert): Item {
  return {
    ...keys.expert(expert.id),
    entity: ENTITY.expert,
    version: expert.version,
    status: expert.status,
    region: expert.region,
    specialties: expert.specialties,
    data: expert,
  };
}

function isConditionFailure(error: unknown): boolean {
  return (
    (error as { name?: string }).name === 'ConditionalCheckFailedException' || lostToConcurrentChange(error)
  );
}

/** Decodes a pool cursor to its sort key; anything else is a 400. */
function decodePoolCursor(cursor: string): string {
  try {
    const sk = (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { sk?: unknown }).sk;
    if (typeof sk === 'string' && sk.startsWith(keys.expertPool.prefix)) return sk;
  } catch {
    // fall through to the 400
  }
  throw new ValidationError({ zh: '分页游标无效', en: 'Invalid cursor' }, [
    { path: 'query.cursor', message: { zh: '分页游标无效', en: 'The cursor is invalid for this list' } },
  ]);
}

/** Encodes a LastEvaluatedKey of the pool partition as a cursor. */
function encodeCursor(key: Item | undefined): string | null {
  return key ? Buffer.from(JSON.stringify({ sk: key['sk'] }), 'utf8').toString('base64url') : null;
}

/**
 * The DynamoDB adapter of {@link EvaluationRepository}.
 *
 * Why the pool is one partition: a district's pool is thousands of experts, a draw needs all of
 * them, and the list is paged by sort key — a Query, never a Scan.
 */
export class DynamoEvaluationRepository implements EvaluationRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async createExpert(expert: Expert): Promise<void> {
    try {
      await transactWithRetry(this.client, [
        putNew(this.tableName, expertItem(expert)),
        putNew(this.tableName, {
          ...keys.expertSub(expert.userSub),
          entity: ENTITY.expertSub,
          expertId: expert.id,
        }),
      ]);
    } catch (error) {
      if (lostToConcurrentChange(error)) {
        throw new ConflictError(
          { zh: '该登录账号已属于另一位专家', en: 'This sign-in subject already belongs to an expert' },
          { cause: error },
        );
      }
      throw error;
    }
  }

  async getExpert(expertId: string): Promise<Expert | null> {
    const item = await this.get(keys.expert(expertId));
    return item ? ExpertSchema.parse(item['data']) : null;
  }

  async getExpertBySub(sub: string): Promise<Expert | null> {
    const link = await this.get(keys.expertSub(sub));
    return link ? this.getExpert(String(link['expertId'])) : null;
  }

  async listExperts(
    filters: { specialty?: string | undefined; region?: string | undefined; status?: string | undefined },
    page: PageRequest,
  ): Promise<Page<Expert>> {
    const conditions: string[] = [];
    const values: Record<string, unknown> = { ':pk': keys.expertPool.pk, ':prefix': keys.expertPool.prefix };
    if (filters.specialty) {
      conditions.push('contains(specialties, :specialty)');
      values[':specialty'] = filters.specialty;
    }
    if (filters.region) {
      conditions.push('#region = :region');
      values[':region'] = filters.region;
    }
    if (filters.status) {
      conditions.push('#status = :status');
      values[':status'] = filters.status;
    }
    const names: Record<string, string> = {};
    if (filters.region) names['#region'] = 'region';
    if (filters.status) names['#status'] = 'status';
    let startKey: Item | undefined;
    if (page.cursor) startKey = { pk: keys.expertPool.pk, sk: decodePoolCursor(page.cursor) };
    const items: Expert[] = [];
    let rounds = 0;
    do {
      const result = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ...(conditions.length > 0 ? { FilterExpression: conditions.join(' AND ') } : {}),
          ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
          ExpressionAttributeValues: values,
          Limit: page.limit - items.length,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of result.Items ?? []) items.push(ExpertSchema.parse(item['data']));
      startKey = result.LastEvaluatedKey;
      rounds += 1;
    } while (startKey && items.length < page.limit && rounds < 10);
    return { items, nextCursor: encodeCursor(startKey) };
  }

  async listAllExperts(): Promise<Expert[]> {
    const items = await queryAll(this.client, this.tableName, keys.expertPool.pk, keys.expertPool.prefix);
    return items.map((item) => ExpertSchema.parse(item['data']));
  }

  async saveExpert(expert: Expert, expectedVersion: number): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: expertItem(expert),
          ConditionExpression: 'version = :v',
          ExpressionAttributeValues: { ':v': expectedVersion },
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) {
        throw new ConflictError(
          { zh: '专家信息已被修改，请刷新后重试', en: 'The expert changed; reload and retry' },
          { cause: error },
        );
      }
      throw error;
    }
  }

  async recordAssessment(
    assessment: StoredAssessment,
    expert: Expert,
    expectedVersion: number,
  ): Promise<void> {
    try {
      await transactWithRetry(this.client, [
        putNew(this.tableName, {
          ...keys.assessment(assessment.expertId, assessment.at, assessment.tenderId),
          entity: ENTITY.assessment,
          data: assessment,
        }),
        {
          Put: {
            TableName: this.tableName,
            Item: expertItem(expert),
            ConditionExpression: 'version = :v',
            ExpressionAttributeValues: { ':v': expectedVersion },
          },
        },
      ]);
    } catch (error) {
      if (lostToConcurrentChange(error)) {
        throw new ConflictError(
          { zh: '专家信息已被修改，请刷新后重试', en: 'The expert changed; reload and retry' },
          { cause: error },
        );
      }
      throw error;
    }
  }

  async listAssessments(expertId: string): Promise<StoredAssessment[]> {
    const items = await queryAll(
      this.client,
      this.tableName,
      keys.expertPartition(expertId),
      keys.assessmentPrefix,
    );
    return items.map((item) => item['data'] as StoredAssessment);
  }

  async listAssignments(expertId: string): Promise<string[]> {
    const items = await queryAll(
      this.client,
      this.tableName,
      keys.expertPartition(expertId),
      keys.assignmentPrefix,
    );
    return items.map((item) => String(item['tenderId']));
  }

  async getCommittee(tenderId: string): Promise<Committee | null> {
    const item = await this.get(keys.committee(tenderId));
    return item ? CommitteeSchema.parse(item['data']) : null;
  }

  async getSheet(tenderId: string, expertId: string): Promise<ScoreSheet | null> {
    const item = await this.get(keys.sheet(tenderId, expertId));
    return item ? ScoreSheetSchema.parse(item['data']) : null;
  }

  async saveDraftSheet(sheet: ScoreSheet, expectedVersion: number | null): Promise<void> {
    const item = {
      ...keys.sheet(sheet.tenderId, sheet.expertId),
      entity: ENTITY.scoreSheet,
      version: sheet.version,
      status: sheet.status,
      data: sheet,
    };
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          ...(expectedVersion === null
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : {
                ConditionExpression: '#status = :draft AND version = :v',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':draft': 'draft', ':v': expectedVersion },
              }),
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) {
        throw new ConflictError(
          {
            zh: '评分表已提交或已被修改，不能再保存',
            en: 'The score sheet was submitted or changed; it cannot be saved',
          },
          { cause: error },
        );
      }
      throw error;
    }
  }

  async listSheets(tenderId: string): Promise<ScoreSheet[]> {
    const items = await queryAll(this.client, this.tableName, keys.tender(tenderId).pk, keys.sheetPrefix);
    return items.map((item) => ScoreSheetSchema.parse(item['data']));
  }

  async getReport(tenderId: string): Promise<EvaluationReport | null> {
    const item = await this.get(keys.report(tenderId));
    return item ? EvaluationReportSchema.parse(item['data']) : null;
  }

  private async get(key: { pk: string; sk: string }): Promise<Item | undefined> {
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }),
    );
    return result.Item;
  }
}
