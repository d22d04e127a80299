import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { submittedCase, verifiedCitizen } from '../support/cases';
import { consolePageAs } from '../support/console-login';
import { startTestStack, type TestStack } from '../support/test-stack';

/**
 * The officers' queue a page at a time. Through the API, a citizen submits 55 criminal-record
 * certificates (XZ-001). The criminal-investigation reception officer sees the first 50 and
 * 加载更多, which brings the other 5; the inspector, in 全局督察, sees 刑侦's first page counted
 * as such, and pages 刑侦 once it is chosen in the filter.
 *
 * This file's table is its own, so the counts are exact.
 */
const CASES = 55;
const PAGE_SIZE = 50;
/** Submissions in flight at once: enough to be quick, few enough not to swamp the local stack. */
const CONCURRENCY = 8;

let stack: TestStack;
let browser: Browser;
const pageErrors: string[] = [];

beforeAll(async () => {
  stack = await startTestStack();
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** Runs `task` `count` times, at most `concurrency` at once. */
async function times<T>(count: number, concurrency: number, task: () => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  let started = 0;
  const worker = async () => {
    while (started < count) {
      started++;
      results.push(await task());
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return results;
}

const officerPage = (username: string) => consolePageAs(browser, stack, username, pageErrors);

const rows = (page: Page) => page.locator('[data-testid="queue-table"] tbody [data-testid^="queue-row-"]');

/** Once `count` rows are on screen, their ids in table order. */
async function rowIds(page: Page, count: number): Promise<string[]> {
  await rows(page)
    .nth(count - 1)
    .waitFor();
  const ids = await rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-testid') ?? ''));
  return ids.map((id) => id.replace(/^queue-row-/, ''));
}

/** Due dates of the rows in table order (all open, none paused, so all have one). */
const dueDates = (page: Page) =>
  page
    .locator('[data-testid="queue-table"] tbody [data-testid^="queue-due-date-"]')
    .evaluateAll((tds) => tds.map((td) => td.textContent ?? ''));

it('shows the first 50 cases, then the rest after 加载更多', async () => {
  const citizen = await verifiedCitizen(stack);
  const submitted = await times(CASES, CONCURRENCY, () => submittedCase(stack, citizen.token, 'XZ-001'));
  const allIds = submitted.map((c) => c.id).sort();
  expect(new Set(allIds).size).toBe(CASES);

  // The reception officer: one page of 50, and a way to the rest.
  const officer = await officerPage('xz_reception');
  const desk = (id: string) => officer.locator(`[data-testid="${id}"]`);
  await desk('queue-load-more').waitFor();
  const firstPage = await rowIds(officer, PAGE_SIZE);
  expect(firstPage).toHaveLength(PAGE_SIZE);
  await expect(desk('queue-shown').innerText()).resolves.toBe(`已显示 ${PAGE_SIZE} 件，还有更多`);
  await expect(desk('queue-count-total').innerText()).resolves.toBe(String(PAGE_SIZE));
  await expect(desk('queue-summary').innerText()).resolves.toContain('仅统计已加载的案件');

  await desk('queue-load-more').click();
  const everything = await rowIds(officer, CASES);
  await desk('queue-load-more').waitFor({ state: 'detached' });
  expect([...everything].sort()).toEqual(allIds);
  expect(everything.slice(0, PAGE_SIZE).sort()).toEqual([...firstPage].sort());
  const dues = await dueDates(officer);
  expect(dues).toEqual([...dues].sort());
  await expect(desk('queue-shown').innerText()).resolves.toBe(`已显示全部 ${CASES} 件`);
  await expect(desk('queue-count-total').innerText()).resolves.toBe(String(CASES));
  await expect(desk('queue-summary').innerText()).resolves.not.toContain('仅统计已加载的案件');
  await expect(desk('queue-more-error').count()).resolves.toBe(0);

  // The closed queue is another list: nothing there, and nothing to load.
  await desk('queue-tab-closed').click();
  await desk('queue-empty').waitFor();
  await expect(desk('queue-load-more').count()).resolves.toBe(0);

  // The inspector: every department's first page, 刑侦's counted as loaded only…
  const inspector = await officerPage('inspector');
  const view = (id: string) => inspector.locator(`[data-testid="${id}"]`);
  await view('supervision-partial').waitFor();
  await expect(rowIds(inspector, PAGE_SIZE)).resolves.toHaveLength(PAGE_SIZE);
  await expect(view('supervision-title').innerText()).resolves.toContain('仅统计已加载的案件');
  await expect(view('supervision-partial').innerText()).resolves.toContain('刑侦');
  await expect(view('supervision-count-criminal-total').innerText()).resolves.toBe(`${PAGE_SIZE}+`);
  await expect(view('queue-shown').innerText()).resolves.toContain('刑侦可能还有更多');
  await expect(view('queue-load-more').count()).resolves.toBe(0);

  // …and, once 刑侦 is chosen, paged to the end.
  await view('supervision-filter').selectOption('criminal');
  await view('queue-load-more').click();
  await expect(rowIds(inspector, CASES)).resolves.toHaveLength(CASES);
  await view('queue-load-more').waitFor({ state: 'detached' });
  await expect(view('supervision-count-criminal-total').innerText()).resolves.toBe(String(CASES));
  await expect(view('supervision-partial').count()).resolves.toBe(0);

  expect(pageErrors).toEqual([]);
}, 120_000);
