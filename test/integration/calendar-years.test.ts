import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_SCHEDULE_2027 } from '../../infra/local/calendar-fixture-2027';
import type { TenderContent } from '../../shared/schemas/tender';
import { type ApiClient, attachDocument, startTestApi } from '../helpers/api';
import { openTenderContent } from '../helpers/fixtures';

/** An instant at a China-local day and time. */
const beijing = (day: string, time = '09:30') => new Date(`${day}T${time}:00+08:00`).toISOString();

let api: ApiClient;
let purchaser: string;
let centre: string;

beforeAll(async () => {
  // No year loaded: this file is about what happens before and after the centre loads 2027.
  api = await startTestApi({ loadFixtureYear: false });
  purchaser = await api.token('purchaser', 'org-district-hospital');
  centre = await api.token('centre', 'org-centre', 'centre-staff-1');
});

afterAll(async () => {
  await api.gateway.stop();
});

/** Creates a draft with `content`, attaches one document and asks to publish it. */
async function tryPublish(content: TenderContent) {
  const created = await api.call('POST', '/api/tenders', { token: purchaser, body: content });
  expect(created.status).toBe(201);
  await attachDocument(api, purchaser, created.body.id, `招标文件 ${created.body.id}`);
  return api.call('POST', `/api/tenders/${created.body.id}/publish`, { token: purchaser });
}

/** Loads a year's schedule as the centre. */
function loadYear(year: number, body: unknown, token = centre) {
  return api.call('PUT', `/api/calendar/years/${year}`, { token, body });
}

describe('the working-day calendar beyond the package (finding 14, DynamoDB Local through the gateway)', () => {
  it('refuses a deadline in 2027 naming the year until the centre loads 2027, then publishes it', async () => {
    // Prepare: published now (December 2026), the deadline in January 2027
    const now = api.gateway.clock.now();
    const content = openTenderContent(now);
    content.timeline.bidDeadline = beijing('2027-01-18');
    const before = await api.call('GET', '/api/calendar/years');

    // Act
    const refused = await tryPublish(content);
    const loaded = await loadYear(2027, FIXTURE_SCHEDULE_2027);
    const after = await api.call('GET', '/api/calendar/years');
    const published = await tryPublish(content);

    // Assess
    expect(before.body.firstUncovered).toBe(2027);
    expect(before.body.years.at(-1)).toEqual({ year: 2026, source: 'package' });
    expect(refused.status).toBe(400);
    expect(refused.body.detail_zh).toContain('2027年的法定节假日安排尚未载入');
    expect(refused.body.detail_en).toContain('The 2027 public-holiday schedule has not been loaded');
    expect(refused.body.errors[0]).toMatchObject({
      path: 'timeline.bidDeadline',
      rule: 'calendar.official-schedule',
    });
    expect(loaded.status).toBe(200);
    expect(loaded.body).toMatchObject({ year: 2027, version: 1, loadedBy: 'centre-staff-1', previous: [] });
    expect(loaded.body.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(after.body.firstUncovered).toBe(2028);
    expect(after.body.years.at(-1)).toMatchObject({
      year: 2027,
      source: FIXTURE_SCHEDULE_2027.citation,
      version: 1,
      sha256: loaded.body.sha256,
    });
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('tendering');
  });

  it('rolls a correction’s extended deadline over the loaded Spring Festival (87号令第二十七条、第八十五条)', async () => {
    // Prepare: published Monday 4 January 2027, deadline Monday 25 January
    api.gateway.clock.set(new Date(beijing('2027-01-04', '09:00')));
    const now = api.gateway.clock.now();
    const base = openTenderContent(now);
    const published = await tryPublish({
      ...base,
      timeline: {
        ...base.timeline,
        documentsFrom: now.toISOString(),
        documentsUntil: beijing('2027-01-12'),
        bidDeadline: beijing('2027-01-25'),
      },
    });
    expect(published.status).toBe(200);
    // Saturday 23 January: 15 days later is Sunday 7 February, inside the loaded festival (6–14 Feb)
    api.gateway.clock.set(new Date(beijing('2027-01-23', '10:00')));

    // Act
    const corrected = await api.call('POST', `/api/tenders/${published.body.id}/corrections`, {
      token: purchaser,
      body: { summary: '技术参数更正', affectsBidPreparation: true },
    });

    // Assess: not Monday 8 February (a loaded day off) but the first working day after the festival
    expect(corrected.status).toBe(200);
    expect(corrected.body.content.timeline.bidDeadline).toBe(new Date(beijing('2027-02-15')).toISOString());
  });

  it('counts the loaded Spring Festival as days off and the loaded make-up Sunday as a working day', async () => {
    // Prepare: Monday 1 February 2027; the fixture has 6–14 February off and Sunday 21 February working
    api.gateway.clock.set(new Date(beijing('2027-02-01', '09:00')));
    const now = api.gateway.clock.now();
    const base = openTenderContent(now);
    const timeline = (documentsUntil: string, bidDeadline: string) => ({
      ...base,
      timeline: { ...base.timeline, documentsFrom: now.toISOString(), documentsUntil, bidDeadline },
    });

    // Act
    const shortDocuments = await tryPublish(timeline(beijing('2027-02-10'), beijing('2027-02-21')));
    const dayEarly = await tryPublish(timeline(beijing('2027-02-15'), beijing('2027-02-20')));
    const onMakeUpSunday = await tryPublish(timeline(beijing('2027-02-15'), beijing('2027-02-21')));

    // Assess: 5 working days from 1 Feb end on 15 Feb (2–5 Feb, then 15 Feb after the festival)
    expect(shortDocuments.status).toBe(422);
    const documentsIssue = shortDocuments.body.errors.find(
      (e: { rule: string }) => e.rule === 'tender.documents-period',
    );
    expect(documentsIssue.message_zh).toContain('不得早于2027-02-15');
    // 20 days from 1 Feb end on Sunday 21 Feb, a working day here, so no roll-over to the 22nd
    expect(dayEarly.status).toBe(422);
    const bidIssue = dayEarly.body.errors.find((e: { rule: string }) => e.rule === 'tender.min-bid-period');
    expect(bidIssue.message_zh).toContain('不得早于2027-02-21');
    expect(onMakeUpSunday.status).toBe(200);
  });

  it('refuses a package year, a weekday make-up day, a purchaser, and a silent replacement; keeps the old digest', async () => {
    // Prepare: a TEST FIXTURE for 2028, not an official schedule
    const first = {
      citation: '测试数据〔2027〕1号（非官方）',
      publishedOn: '2027-01-20',
      holidays: ['2028-01-01', '2028-01-02', '2028-01-03'],
      workdays: ['2028-01-08'],
    };
    const second = { ...first, citation: '测试数据〔2027〕2号（非官方）', holidays: ['2028-01-01'] };

    // Act
    const packageYear = await loadYear(2026, { ...first, holidays: ['2026-01-01'], workdays: [] });
    const weekday = await loadYear(2028, { ...first, workdays: ['2028-01-10'] });
    const noNumber = await loadYear(2028, { ...first, citation: '国务院办公厅通知' });
    const byPurchaser = await loadYear(2028, first, purchaser);
    const loaded = await loadYear(2028, first);
    const again = await loadYear(2028, first);
    const silent = await loadYear(2028, second);
    const replaced = await loadYear(2028, { ...second, reason: '国务院办公厅发布调整通知' });
    const listed = await api.call('GET', '/api/calendar/years');

    // Assess
    expect(packageYear.status).toBe(409);
    expect(weekday.status).toBe(400);
    expect(weekday.body.errors[0].path).toBe('body.workdays.0');
    expect(noNumber.status).toBe(400);
    expect(byPurchaser.status).toBe(403);
    expect(loaded.status).toBe(200);
    expect(again.body).toEqual(loaded.body);
    expect(silent.status).toBe(400);
    expect(silent.body.errors[0].path).toBe('body.reason');
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({
      version: 2,
      reason: '国务院办公厅发布调整通知',
      holidays: ['2028-01-01'],
    });
    expect(replaced.body.previous).toEqual([
      {
        version: 1,
        citation: first.citation,
        sha256: loaded.body.sha256,
        loadedAt: loaded.body.loadedAt,
        loadedBy: 'centre-staff-1',
      },
    ]);
    expect(listed.body.years.at(-1)).toMatchObject({ year: 2028, source: second.citation, version: 2 });
  });
});
