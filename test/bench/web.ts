import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ROLE_LABELS, type Role } from '../../shared/schemas/roles';
import { launchBrowser } from '../helpers/browser';

/** The first-load budget of the public board (issue: ≤ 300 KB of gzipped JavaScript). */
const FIRST_LOAD_BUDGET_BYTES = 300 * 1024;

/** What each workspace may load beyond the board's shared part (issue 10: ≤ 400 KB gzipped). */
const WORKSPACE_BUDGET_BYTES = 400 * 1024;

/** Cold loads measured for each figure (median reported). */
const LOADS = 7;

/** The median of some samples. */
function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Shows bytes as KB with one decimal. */
function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

/** One JavaScript file a page loaded: its address and body. */
interface LoadedScript {
  url: string;
  body: Buffer;
}

/** Starts collecting the scripts a page loads; the returned function waits for their bodies. */
function collectScripts(page: Page): () => Promise<LoadedScript[]> {
  const pending: Promise<LoadedScript>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script')
      pending.push(response.body().then((body) => ({ url: response.url(), body })));
  });
  return () => Promise.all(pending);
}

/** Raw and gzipped (level 9, as a CDN would serve it) size of some scripts. */
function measureScripts(scripts: readonly LoadedScript[]): { files: number; raw: number; gzip: number } {
  return {
    files: scripts.length,
    raw: scripts.reduce((sum, s) => sum + s.body.byteLength, 0),
    gzip: scripts.reduce((sum, s) => sum + gzipSync(s.body, { level: 9 }).byteLength, 0),
  };
}

/** A fresh browser context (no cache, no storage: a first visit), signed in with `token` when given. */
async function openContext(browser: Browser, token?: string): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  if (token) {
    // As the 演示登录 page leaves it: the session store holds the dev token.
    await context.addInitScript((value) => {
      (
        globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }
      ).localStorage.setItem('ggzy.session', value);
    }, token);
  }
  return context;
}

/**
 * Measures the public board in headless Chromium: the JavaScript it ships on first load (gzipped,
 * as a CDN would serve it) against the budget, and the time to the first rendered notice list
 * against a baseline of the same run — a cold load of the raw JSON of the same feed from the same
 * gateway — so the ratio says what the client adds over the API alone.
 *
 * `noticeTitle` must be the title of a published notice (the bench publishes some first).
 */
export async function benchPublicBoard(
  baseUrl: string,
  noticeTitle: string,
): Promise<{ sharedScripts: Set<string> }> {
  const chromium = await launchBrowser();
  const browser = chromium.browser;
  try {
    let firstLoad: LoadedScript[] = [];
    const board: number[] = [];
    const raw: number[] = [];
    for (let round = 0; round < LOADS; round += 1) {
      // A fresh context each time: no HTTP cache, no storage — a first visit.
      const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
      const page = await context.newPage();
      const scripts = round === 0 ? collectScripts(page) : null;
      const started = performance.now();
      await page.goto(`${baseUrl}/`);
      await page
        .getByText(noticeTitle, { exact: true })
        .first()
        .waitFor({ state: 'visible', timeout: 60_000 });
      board.push(performance.now() - started);
      if (scripts) firstLoad = await scripts();
      await context.close();

      const rawContext = await browser.newContext();
      const rawPage = await rawContext.newPage();
      const rawStarted = performance.now();
      await rawPage.goto(`${baseUrl}/api/notices?limit=20`);
      await rawPage.getByText(noticeTitle).first().waitFor({ state: 'attached', timeout: 60_000 });
      raw.push(performance.now() - rawStarted);
      await rawContext.close();
    }
    const shared = measureScripts(firstLoad);
    console.log(
      `${'board: JS on first load'.padEnd(38)} ${shared.files} files, ${kb(shared.raw)} raw, ${kb(shared.gzip)} gzipped = ${(shared.gzip / FIRST_LOAD_BUDGET_BYTES).toFixed(2)}× the 300 KB budget`,
    );
    const boardMs = median(board);
    const rawMs = median(raw);
    console.log(
      `${'board: first notice list rendered'.padEnd(38)} median of ${LOADS} cold loads ${boardMs.toFixed(0)} ms; raw JSON of the same feed ${rawMs.toFixed(0)} ms in the same run = ${(boardMs / rawMs).toFixed(1)}×`,
    );
    return { sharedScripts: new Set(firstLoad.map((script) => script.url)) };
  } finally {
    await chromium.close();
  }
}

/** A role's workspace home to measure, with a dev token of that role. */
export interface WorkspaceHome {
  /** The role. */
  role: Role;
  /** Its home (`/supplier`, `/centre`…). */
  path: string;
  /** A dev token of the role. */
  token: string;
}

/**
 * Measures the JavaScript each role's workspace home loads beyond the public board's first load
 * (the shared part: the entry, React, the router, Ant Design's core), gzipped, against the 400 KB
 * budget of each workspace.
 *
 * Each home is a cold visit by a signed-in user, straight to its address, so what it loads beyond
 * the board's files is what that workspace costs on top of the portal.
 */
export async function benchWorkspaces(
  baseUrl: string,
  sharedScripts: ReadonlySet<string>,
  homes: readonly WorkspaceHome[],
): Promise<void> {
  const chromium = await launchBrowser();
  try {
    for (const home of homes) {
      const context = await openContext(chromium.browser, home.token);
      const page = await context.newPage();
      const scripts = collectScripts(page);
      await page.goto(`${baseUrl}${home.path}`, { waitUntil: 'networkidle' });
      await page.locator('main h1, main .ant-result-title').first().waitFor({ timeout: 60_000 });
      await page.waitForLoadState('networkidle');
      const loaded = await scripts();
      await context.close();
      const extra = measureScripts(loaded.filter((script) => !sharedScripts.has(script.url)));
      console.log(
        `${`${home.path}: JS beyond the board`.padEnd(38)} ${extra.files} files, ${kb(extra.raw)} raw, ${kb(extra.gzip)} gzipped = ${(extra.gzip / WORKSPACE_BUDGET_BYTES).toFixed(2)}× the 400 KB budget（${ROLE_LABELS[home.role]}工作台）`,
      );
    }
  } finally {
    await chromium.close();
  }
}

/**
 * Measures the centre's dashboard in headless Chromium: the time from navigation to the demo year
 * rendered (the deal amount in its KPI card and all five charts drawn) over cold loads, against a
 * baseline of the same run — a cold load of the raw JSON of the same report from the same gateway —
 * so the ratio says what the page (its chunks, ECharts, the drawing) adds over the API alone.
 *
 * `dealShown` is the deal amount as the KPI card prints it (e.g. "3,455.14").
 */
export async function benchDashboard(
  baseUrl: string,
  centreToken: string,
  year: number,
  dealShown: string,
): Promise<void> {
  const chromium = await launchBrowser();
  const browser = chromium.browser;
  try {
    const dashboard: number[] = [];
    const raw: number[] = [];
    for (let round = 0; round < LOADS; round += 1) {
      const context = await openContext(browser, centreToken);
      const page = await context.newPage();
      const started = performance.now();
      await page.goto(`${baseUrl}/centre?year=${year}`);
      await page.getByTestId('kpi-deal').getByText(dealShown).waitFor({ state: 'visible', timeout: 60_000 });
      // All five charts drawn: month, category, method, unit, transfers (each with its bars).
      const charts = page.locator('[role="img"][aria-label*="柱状图"]');
      for (let chart = 0; chart < 5; chart += 1)
        await charts.nth(chart).locator('svg path').first().waitFor({ state: 'attached', timeout: 60_000 });
      dashboard.push(performance.now() - started);
      await context.close();

      const rawContext = await browser.newContext({
        extraHTTPHeaders: { authorization: `Bearer ${centreToken}` },
      });
      const rawPage = await rawContext.newPage();
      const rawStarted = performance.now();
      await rawPage.goto(`${baseUrl}/api/reports/trade?year=${year}`);
      await rawPage.getByText('dealWanYuan').first().waitFor({ state: 'attached', timeout: 60_000 });
      raw.push(performance.now() - rawStarted);
      await rawContext.close();
    }
    const dashboardMs = median(dashboard);
    const rawMs = median(raw);
    console.log(
      `${`dashboard: ${year} rendered`.padEnd(38)} median of ${LOADS} cold loads ${dashboardMs.toFixed(0)} ms (KPIs + 5 charts); raw JSON of the same report ${rawMs.toFixed(0)} ms in the same run = ${(dashboardMs / rawMs).toFixed(1)}×`,
    );
  } finally {
    await chromium.close();
  }
}
