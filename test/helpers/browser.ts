import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';

/** Debian's Chromium, which the browser tests drive (a test tool's own download fails here). */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** How `.ci/run` installs it. */
export const CHROMIUM_INSTALL_COMMAND = 'apt-get install -y chromium fonts-noto-cjk';

/** Where the tests write their screenshots (ignored by git); look at them before resolving. */
export const SCREENSHOT_DIR = resolve(
  fileURLToPath(new URL('../..', import.meta.url)),
  'test-results',
  'screenshots',
);

/** The two widths every page is photographed at: a clerk's laptop and a phone. */
export const VIEWPORTS = {
  desktop: { width: 1366, height: 768 },
  phone: { width: 390, height: 844 },
} as const;

/** A launched Chromium. */
export interface TestBrowser {
  /** The browser. */
  browser: Browser;
  /** Closes it (playwright deletes its profile). */
  close(): Promise<void>;
}

/**
 * Launches headless Chromium with the flags that keep it off the network; playwright gives every
 * launch a fresh throw-away profile (its own `--user-data-dir`), deleted on close.
 *
 * Why these flags: without them Chromium reaches out to Google services, which this machine
 * refuses, and a shared profile would leak IndexedDB and storage between test files.
 */
export async function launchBrowser(): Promise<TestBrowser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    browser,
    close: async () => {
      await browser.close();
    },
  };
}

/**
 * Opens a context at the desktop size, in Chinese and Beijing time, that accepts downloads. It asks
 * for reduced motion, which the portal honours by turning Ant Design's animations off: a click
 * then never lands on a dropdown that is still sliding open.
 */
export async function newPortalContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return browser.newContext({
    baseURL,
    reducedMotion: 'reduce',
    viewport: VIEWPORTS.desktop,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
  });
}

/** Collects the page's console errors and uncaught exceptions, so a test can assert there are none. */
export function watchPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  return errors;
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** One accessibility violation as the test reports it. */
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Runs axe-core in the page and fails on any serious or critical violation (WCAG 2.1 A/AA rules).
 *
 * The message lists each rule and the elements, so a failure says what to fix.
 */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run((globalThis as unknown as { document: unknown }).document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = serious.map(
    (v) =>
      `${v.impact} ${v.id}: ${v.help} — ${v.nodes
        .slice(0, 5)
        .map((n) => n.target.join(' '))
        .join(', ')}`,
  );
  expect(report, `accessibility of ${label}`).toEqual([]);
}

/**
 * Photographs the page at 1366×768 and at 390 px wide (full page) into `test-results/screenshots/`,
 * then restores the desktop size.
 */
export async function takeScreenshots(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.setViewportSize(VIEWPORTS.desktop);
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-1366.png`) });
  await page.setViewportSize(VIEWPORTS.phone);
  await page.waitForTimeout(150);
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-390.png`), fullPage: true });
  await page.setViewportSize(VIEWPORTS.desktop);
}

/**
 * Signs in through the 演示登录 page as a person would: role, organisation, name, submit.
 *
 * Tests that are not about signing in may use {@link signInWithToken} instead.
 */
export async function signInThroughLoginPage(
  page: Page,
  role: string,
  orgId: string,
  name?: string,
): Promise<void> {
  await page.goto(`/login?role=${role}`);
  await page.getByLabel('单位编号（custom:orgId）').fill(orgId);
  if (name) await page.getByLabel('姓名（可选）').fill(name);
  await page.getByRole('button', { name: /身份登录/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** Puts a token into the page's session store, as the login page would, before the next navigation. */
export async function signInWithToken(context: BrowserContext, token: string): Promise<void> {
  await context.addInitScript((value) => {
    (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem(
      'ggzy.session',
      value,
    );
  }, token);
}

/**
 * Chooses an option of an antd Select, given the select's labelled input. A click that lands
 * while the dropdown is still animating open can be lost on a loaded machine, so the option is
 * clicked again (at most three times) until the select shows it; callers still assert on what the
 * page or the API did with the value.
 */
export async function chooseOption(page: Page, field: Locator, option: string): Promise<void> {
  // The chosen option's label (a placeholder, which may name options, is not a value)
  const shown = () =>
    field.evaluate(
      (el) => el.closest('.ant-select')?.querySelector('.ant-select-content-has-value')?.textContent ?? '',
    );
  for (let attempt = 0; attempt < 3 && !(await shown()).includes(option); attempt++) {
    await field.click();
    // A dropdown that closed under the click is opened again on the next attempt, not waited for
    const clicked = await page
      .locator('.ant-select-dropdown:visible')
      .getByTitle(option, { exact: true })
      .click({ timeout: 5_000 })
      .then(() => true)
      .catch(() => false);
    if (!clicked) continue;
    await expect
      .poll(shown, { timeout: 2_000 })
      .toContain(option)
      .catch(() => undefined);
  }
  expect(await shown()).toContain(option);
}

/** Types an instant into an antd date-time picker found by its label, Beijing wall-clock time. */
export async function pickDateTime(page: Page, label: string, text: string): Promise<void> {
  const input = page.getByLabel(label);
  await input.click();
  await input.fill(text);
  await input.press('Enter');
  await page.getByRole('heading', { level: 1 }).click();
}

/** Waits until no picker, select popup or toast is on screen (they animate out), before a photograph. */
export async function settle(page: Page): Promise<void> {
  await expect
    .poll(() => page.locator('.ant-picker-dropdown:visible, .ant-select-dropdown:visible').count())
    .toBe(0);
  // A toast fading out has no contrast to speak of: let it go first
  await expect.poll(() => page.locator('.ant-message-notice').count(), { timeout: 10_000 }).toBe(0);
  await page.evaluate(() =>
    (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0),
  );
}

/**
 * A page of its own browser context (its own storage: another person), signed in with `token`
 * (anonymous when null), its errors collected; the context is added to `contexts` to be closed.
 */
export async function openAs(
  browser: Browser,
  baseURL: string,
  token: string | null,
  contexts: BrowserContext[],
): Promise<{ page: Page; errors: string[] }> {
  const context = await newPortalContext(browser, baseURL);
  contexts.push(context);
  if (token) await signInWithToken(context, token);
  const page = await context.newPage();
  return { page, errors: watchPageErrors(page) };
}
