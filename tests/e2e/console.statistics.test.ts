import type { Browser, Page } from 'playwright-core';
import { chinaDate } from '../../functions/src/lib/clock';
import { launchChromium } from '../support/browser';
import { act, officerToken, submittedCase, verifiedCitizen } from '../support/cases';
import { consolePageAs } from '../support/console-login';
import { registeredOrganisation } from '../support/organisations';
import { startTestStack, type TestStack } from '../support/test-stack';

/**
 * 办件统计 and 申请单位 in the officers' console. Through the API, a citizen's criminal-record
 * certificate (XZ-001) is accepted, approved, delivered electronically and rated 5; a second
 * one is left open; and, as the legal representative of a company, the citizen applies in its
 * name (XZ-002). The criminal-investigation reception officer then reads this month's figures
 * for 刑侦 and the company's register entry on its case; the inspector reads every department.
 *
 * This file's table is its own, so the counts are exact.
 */
const NAME = '周明';
const COMPANY = '福州明辉贸易有限公司';

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

const officerPage = (username: string) => consolePageAs(browser, stack, username, pageErrors);

/** The month's table, once the rows for `month` are on screen. */
const statisticsFor = (page: Page, month: string) =>
  page.locator(`[data-testid="statistics-table"][data-month="${month}"]`).waitFor();

const lastMonthOf = (month: string) => {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
};

it('shows the month’s figures per department and the organisation behind a case', async () => {
  const month = chinaDate().slice(0, 7);
  const citizen = await verifiedCitizen(stack, NAME);
  const reception = await officerToken(stack, 'xz_reception');
  const approver = await officerToken(stack, 'xz_approver');

  // One case done and rated 5, one left open.
  const done = await submittedCase(stack, citizen.token, 'XZ-001');
  expect((await act(stack, reception, done.id, 'accept')).body.status).toBe('accepted');
  expect((await act(stack, approver, done.id, 'start_review')).body.status).toBe('under_review');
  expect((await act(stack, approver, done.id, 'approve', { reason: '经查询未发现犯罪记录' })).body.status).toBe(
    'approved',
  );
  expect((await act(stack, reception, done.id, 'deliver', { deliveryMethod: 'electronic' })).body.status).toBe(
    'completed',
  );
  const rated = await stack.api(
    'POST',
    `/applications/${done.id}/rating`,
    { score: 5, comment: '很快' },
    citizen.token,
  );
  expect(rated.status).toBe(200);
  const open = await submittedCase(stack, citizen.token, 'XZ-001');

  // The citizen is the company's legal representative in the register, binds it and applies in its name.
  const creditCode = await registeredOrganisation({ name: NAME, idNumber: citizen.idNumber }, COMPANY);
  const bound = await stack.api('POST', '/organisations', { creditCode }, citizen.token);
  expect(bound).toMatchObject({ status: 201, body: { creditCode, role: 'legal-representative' } });
  const orgCase = await submittedCase(stack, citizen.token, 'XZ-002', { organisationCreditCode: creditCode });
  expect(orgCase.status).toBe('submitted');

  // The reception officer: this month's figures for 刑侦, their own department only.
  const officer = await officerPage('xz_reception');
  const desk = (id: string) => officer.locator(`[data-testid="${id}"]`);
  await desk('nav-statistics').click();
  await desk('statistics-page').waitFor();
  await expect(desk('statistics-month').inputValue()).resolves.toBe(month);
  await statisticsFor(officer, month);
  await expect(officer.locator('[data-testid^="statistics-row-"]').count()).resolves.toBe(1);
  await expect(desk('statistics-row-all').count()).resolves.toBe(0);
  await expect(desk('statistics-criminal-name').innerText()).resolves.toBe('刑侦');
  await expect(desk('statistics-criminal-received').innerText()).resolves.toBe('3');
  await expect(desk('statistics-criminal-ended').innerText()).resolves.toBe('1');
  await expect(desk('statistics-criminal-outcome-completed').innerText()).resolves.toBe('1');
  await expect(desk('statistics-criminal-outcome-refused').innerText()).resolves.toBe('0');
  await expect(desk('statistics-criminal-outcome-withdrawn').innerText()).resolves.toBe('0');
  await expect(desk('statistics-criminal-on-time-rate').innerText()).resolves.toBe('100%');
  await expect(desk('statistics-criminal-rating-count').innerText()).resolves.toBe('1');
  await expect(desk('statistics-criminal-rating-average').innerText()).resolves.toBe('5.0');
  await expect(desk('statistics-criminal-satisfaction-rate').innerText()).resolves.toBe('100%');
  await expect(desk('statistics-criminal-bad').innerText()).resolves.toBe('0');
  const header = await desk('statistics-table').locator('thead').innerText();
  for (const label of ['已办结', '不予许可', '不予受理', '已撤回', '按时办结率', '好评率']) {
    expect(header).toContain(label);
  }
  await expect(desk('statistics-error').count()).resolves.toBe(0);

  // Last month had nothing: zero counts, and no rate where there is nothing to divide.
  const lastMonth = lastMonthOf(month);
  await desk('statistics-last-month').click();
  await statisticsFor(officer, lastMonth);
  await expect(desk('statistics-month').inputValue()).resolves.toBe(lastMonth);
  await expect(desk('statistics-criminal-received').innerText()).resolves.toBe('0');
  await expect(desk('statistics-criminal-on-time-rate').innerText()).resolves.toBe('—');
  await expect(desk('statistics-criminal-satisfaction-rate').innerText()).resolves.toBe('—');
  await expect(desk('statistics-empty').isVisible()).resolves.toBe(true);
  await desk('statistics-this-month').click();
  await statisticsFor(officer, month);
  await expect(desk('statistics-criminal-received').innerText()).resolves.toBe('3');

  // The organisation's case, opened from the queue, shows the register entry.
  await desk('nav-queue').click();
  await desk(`queue-item-${orgCase.id}`).click();
  await desk('case-organisation').waitFor();
  await expect(desk('case-id').innerText()).resolves.toBe(orgCase.id);
  await expect(desk('case-organisation-name').innerText()).resolves.toBe(COMPANY);
  await expect(desk('case-organisation-credit-code').innerText()).resolves.toBe(creditCode);
  await expect(desk('case-organisation-legal-rep').innerText()).resolves.toBe(NAME);
  await expect(desk('case-organisation-status').innerText()).resolves.toBe('存续');
  await expect(desk('case-organisation-valid-until').innerText()).resolves.toBe('长期');
  await expect(desk('case-organisation-role').innerText()).resolves.toBe('法定代表人');
  await expect(desk('case-organisation-inactive').count()).resolves.toBe(0);
  await expect(desk('case-licence-businessLicence').innerText()).resolves.toContain(creditCode);

  // A case in the citizen's own name has no 申请单位.
  await desk('case-back').click();
  await desk(`queue-item-${open.id}`).click();
  await officer.locator(`[data-testid="case-page"] [data-testid="case-id"]:text-is("${open.id}")`).waitFor();
  await expect(desk('case-organisation').count()).resolves.toBe(0);

  // The inspector: every department, 刑侦 among them, and the totals.
  const inspector = await officerPage('inspector');
  const view = (id: string) => inspector.locator(`[data-testid="${id}"]`);
  await view('nav-statistics').click();
  await statisticsFor(inspector, month);
  await expect(inspector.locator('tbody [data-testid^="statistics-row-"]').count()).resolves.toBe(9);
  await expect(view('statistics-criminal-received').innerText()).resolves.toBe('3');
  await expect(view('statistics-criminal-on-time-rate').innerText()).resolves.toBe('100%');
  await expect(view('statistics-household-received').innerText()).resolves.toBe('0');
  await expect(view('statistics-household-name').innerText()).resolves.toBe('户政');
  await expect(view('statistics-all-received').innerText()).resolves.toBe('3');
  await expect(view('statistics-all-ended').innerText()).resolves.toBe('1');
  await expect(view('statistics-all-on-time-rate').innerText()).resolves.toBe('—');
  await expect(view('statistics-all-rating-average').innerText()).resolves.toBe('—');
  await expect(view('statistics-all-satisfaction-rate').innerText()).resolves.toBe('100%');
  await expect(view('statistics-error').count()).resolves.toBe(0);

  expect(pageErrors).toEqual([]);
}, 90_000);
