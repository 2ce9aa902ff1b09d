/**
 * GET /api/tenders/{tenderId}/timeline through the local gateway on DynamoDB Local: the steps in
 * order with days left by the server's (dev) clock on the working-day calendar the rules use — the
 * package's years and the years the centre loaded — and null working days, never a 500, in a year
 * no one loaded.
 */
import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TEST_CALENDAR } from '../../infra/local/calendar-fixture-2027';
import { localDynamoClient } from '../../infra/local/local-stack';
import { keys } from '../../shared/adapters/dynamodb/keys';
import { chinaDate, periodEnd } from '../../shared/domain/calendar';
import type { Tender } from '../../shared/schemas/tender';
import type { TenderTimeline } from '../../shared/schemas/timeline';
import { countDaysLeft } from '../../shared/usecases/timeline';
import { type ApiClient, publishTender, startTestApi } from '../helpers/api';
import { chinaMorning, openTenderContent } from '../helpers/fixtures';

const MINUTE = 60_000;
const DAY = 86_400_000;

let api: ApiClient;
let purchaser: string;

beforeAll(async () => {
  api = await startTestApi();
  purchaser = await api.token('purchaser', 'org-timeline-unit');
});

afterAll(async () => {
  await api.gateway.stop();
});

/** The timeline of a tender, with the dev clock's instants just before and after the request. */
async function timelineOf(id: string): Promise<{ body: TenderTimeline; before: number; after: number }> {
  const before = api.gateway.clock.now().getTime();
  const response = await api.call('GET', `/api/tenders/${id}/timeline`);
  const after = api.gateway.clock.now().getTime();
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return { body: response.body, before, after };
}

/** Moves the dev clock to an instant (never back) and runs the tick. */
async function at(instant: string | Date): Promise<void> {
  const target = new Date(instant);
  if (target.getTime() > api.gateway.clock.now().getTime()) api.gateway.clock.set(target);
  await api.tick();
}

/** Whole Beijing days from one date to another, by plain date arithmetic. */
function datesBetween(from: string, to: string): number {
  return Math.max(0, Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY));
}

describe('GET /api/tenders/{tenderId}/timeline', () => {
  it('a tendering tender: every step in order, counted from the server clock on the rules calendar', async () => {
    // Prepare
    const tender = await publishTender(api, purchaser);

    // Act
    const { body, before, after } = await timelineOf(tender.id);

    // Assess
    const now = Date.parse(body.now);
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(after);
    expect(body.today).toBe(chinaDate(new Date(now)));
    expect(body).toMatchObject({ tenderId: tender.id, status: 'tendering' });
    const plan = tender.content.timeline;
    // The helper's draft opens its document period when it is drafted, just before publication
    expect(body.steps.map((s) => [s.key, s.at])).toEqual([
      ['documentsFrom', new Date(plan.documentsFrom).toISOString()],
      ['published', tender.publishedAt],
      ['documentsUntil', new Date(plan.documentsUntil).toISOString()],
      ['bidDeadline', new Date(plan.bidDeadline).toISOString()],
      ['decryptionEnds', new Date(Date.parse(plan.bidDeadline) + 30 * MINUTE).toISOString()],
      ['confirmationEnds', new Date(Date.parse(plan.bidDeadline) + 90 * MINUTE).toISOString()],
    ]);
    for (const step of body.steps) {
      expect(step.beijingDate).toBe(chinaDate(new Date(step.at)));
      expect(step.passed).toBe(Date.parse(step.at) <= now);
      expect(step.calendarDaysLeft).toBe(datesBetween(body.today, step.beijingDate));
      expect(step).toMatchObject(countDaysLeft(body.today, step.beijingDate, TEST_CALENDAR));
      expect(step.workingDaysLeft).not.toBeNull();
    }
    const deadline = body.steps.find((s) => s.key === 'bidDeadline');
    expect(deadline?.calendarDaysLeft).toBeGreaterThanOrEqual(20);
    expect(deadline?.workingDaysLeft).toBeGreaterThan(0);
    expect(deadline?.workingDaysLeft).toBeLessThan(deadline?.calendarDaysLeft ?? 0);
    expect(deadline?.label).toBe('投标截止（开标）');
  });

  it('counts into the years the centre loaded, and gives null working days with the reason beyond them', async () => {
    // Prepare: a deadline 40 days out (into a loaded year when run late in the year), and a tender
    // whose deadline an operator moved into the first year neither the package nor the centre covers
    const now = api.gateway.clock.now();
    const later = await publishTender(api, purchaser, {
      timeline: {
        ...openTenderContent(now).timeline,
        bidDeadline: chinaMorning(periodEnd(chinaDate(now), 40, 'days', TEST_CALENDAR)).toISOString(),
      },
    });
    const moved = await publishTender(api, purchaser);
    const uncovered = Math.max(...TEST_CALENDAR.years.keys()) + 1;
    const dynamo = localDynamoClient(inject('emulators').dynamo);
    await dynamo.send(
      new UpdateItemCommand({
        TableName: process.env['TABLE_NAME'],
        Key: { pk: { S: keys.tender(moved.id).pk }, sk: { S: keys.tender(moved.id).sk } },
        UpdateExpression: 'SET #d.#c.#t.#b = :b',
        ExpressionAttributeNames: { '#d': 'data', '#c': 'content', '#t': 'timeline', '#b': 'bidDeadline' },
        ExpressionAttributeValues: { ':b': { S: `${uncovered}-01-04T01:30:00.000Z` } },
      }),
    );
    dynamo.destroy();

    // Act
    const counted = await timelineOf(later.id);
    const beyond = await timelineOf(moved.id);

    // Assess
    for (const step of counted.body.steps) {
      expect(step).toMatchObject(countDaysLeft(counted.body.today, step.beijingDate, TEST_CALENDAR));
      expect(step.workingDaysLeft).not.toBeNull();
    }
    const deadline = beyond.body.steps.find((s) => s.key === 'bidDeadline');
    expect(deadline).toMatchObject({
      beijingDate: `${uncovered}-01-04`,
      workingDaysLeft: null,
      workingDaysUnavailable: { rule: 'calendar.official-schedule', year: uncovered },
    });
    expect(deadline?.calendarDaysLeft).toBe(datesBetween(beyond.body.today, `${uncovered}-01-04`));
    expect(deadline?.workingDaysUnavailable?.message_zh).toContain(`${uncovered}年`);
    expect(beyond.body.steps.find((s) => s.key === 'documentsUntil')?.workingDaysLeft).not.toBeNull();
  });

  it('follows the tender: opened at the deadline, failed without bids when decryption ends', async () => {
    // Prepare
    const tender: Tender = await publishTender(api, purchaser);

    // Act
    await at(tender.content.timeline.bidDeadline);
    const opening = await timelineOf(tender.id);
    const decryptionEndsAt = (await api.call('GET', `/api/tenders/${tender.id}`)).body.opening
      .decryptionEndsAt;
    await at(new Date(Date.parse(decryptionEndsAt) + MINUTE));
    const failed = await timelineOf(tender.id);

    // Assess
    expect(opening.body.status).toBe('opening');
    expect(opening.body.steps.find((s) => s.key === 'bidDeadline')).toMatchObject({
      passed: true,
      calendarDaysLeft: 0,
      workingDaysLeft: 0,
    });
    expect(opening.body.steps.find((s) => s.key === 'decryptionEnds')).toMatchObject({
      at: decryptionEndsAt,
      passed: false,
    });
    expect(failed.body.status).toBe('failed');
    // The record is published in the same change that fails the tender; no confirmation window follows
    expect(failed.body.steps.map((s) => s.key)).toEqual([
      'documentsFrom',
      'published',
      'documentsUntil',
      'bidDeadline',
      'decryptionEnds',
      'openingRecordPublished',
      'failed',
    ]);
    const recorded = failed.body.steps.find((s) => s.key === 'openingRecordPublished');
    expect(failed.body.steps.at(-1)?.at).toBe(recorded?.at);
    expect(failed.body.steps.every((s) => s.passed)).toBe(true);
  });

  it('a draft is 404, a malformed id 400', async () => {
    // Prepare
    const draft = await api.call('POST', '/api/tenders', {
      token: purchaser,
      body: openTenderContent(api.gateway.clock.now()),
    });

    // Act
    const hidden = await api.call('GET', `/api/tenders/${draft.body.id}/timeline`);
    const malformed = await api.call('GET', '/api/tenders/not-an-id/timeline');

    // Assess
    expect(hidden.status).toBe(404);
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0].path).toBe('params.tenderId');
  });
});
