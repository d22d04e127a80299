import type { Browser, Page } from 'playwright-core';
import { seedTrafficRecords } from '../../dev/src/seed-traffic';
import { byTestId, launchChromium, visiblePage } from '../support/browser';
import { act, officerToken, submittedCase } from '../support/cases';
import { startTestStack, type TestStack } from '../support/test-stack';
import { eventually } from '../support/traffic';

/**
 * Paying in the h5 build through the WeChat Pay stand-in's cashier page: a citizen binds a
 * vehicle, sees a violation, cancels once (a state, not an error), pays the fine and sees it
 * paid; then pays an application fee that is refunded when the case is refused.
 */
const NAME = '王五';
const ID_NUMBER = '350102197708083316';
const PLATE = '闽A12345';

let stack: TestStack;
let browser: Browser;
let page: Page;
let citizenToken = '';
const pageErrors: string[] = [];

beforeAll(async () => {
  stack = await startTestStack();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  page.on('pageerror', (e) => pageErrors.push(e.message));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const app = (id: string) => byTestId(visiblePage(page), id);

it('logs in and verifies, and the traffic system knows the citizen’s vehicle', async () => {
  await page.goto(`${stack.appUrl}/#/pages/index/index`);
  await app('traffic-entry').click();
  await app('login-button').click();
  await page.locator('[data-testid="persona-o_demo_wangwu"]').click();
  await app('traffic-verify').click();
  await app('verify-name').locator('input').fill(NAME);
  await app('verify-id-number').locator('input').fill(ID_NUMBER);
  await app('verify-consent').click();
  await app('verify-submit').click();
  await page.locator('[data-testid="face-pass"]').click();
  await app('verify-continue-traffic').waitFor();

  // The same WeChat user through the API: its user id, to seed the traffic system's records.
  citizenToken = (await stack.login('o_demo_wangwu')).accessToken;
  const { userId } = (await stack.api<{ userId: string }>('GET', '/me', undefined, citizenToken)).body;
  await seedTrafficRecords(
    { userId, idNumber: ID_NUMBER },
    { plate: PLATE, plateType: '02', model: '比亚迪 秦PLUS', engineNumberLast6: 'K35102' },
  );
  await app('verify-continue-traffic').click();
  await app('traffic-page').and(visiblePage(page).locator('[data-state="ready"]')).waitFor();
});

it('binds the vehicle, sees its violations, cancels once, then pays a fine', async () => {
  await app('bind-plate').locator('input').fill('闽A1234');
  await app('bind-engine').locator('input').fill('K35102');
  await app('bind-submit').click();
  await expect(app('bind-error').innerText()).resolves.toContain('号牌号码格式不正确');

  await app('bind-plate').locator('input').fill(PLATE);
  await app('bind-plate-type').locator('select').selectOption('02');
  await app('bind-engine').locator('input').fill('k35102');
  await app('bind-submit').click();
  await app(`vehicle-row-${PLATE}`).waitFor();

  const fine = visiblePage(page).locator('[data-testid^="violation-pay-"]').first();
  await fine.waitFor();
  const violationId = ((await fine.getAttribute('data-testid')) as string).replace('violation-pay-', '');
  await expect(visiblePage(page).locator('[data-testid^="violation-window-"]').count()).resolves.toBe(1);

  await fine.click();
  await page.locator('[data-testid="pay-cancel"]').click();
  await app('pay-cancelled').waitFor();
  await app('pay-retry').click();
  await page.locator('[data-testid="pay-confirm"]').click();
  await app('pay-success').waitFor({ timeout: 20_000 });
  await app('pay-back').click();
  await visiblePage(page).locator(`[data-testid="violation-row-${violationId}"][data-status="paid"]`).waitFor();
});

it('pays an application fee and sees it refunded after the case is refused', async () => {
  const submitted = await submittedCase(stack, citizenToken, 'HZ-014');
  await page.goto(`${stack.appUrl}/#/packageApply/pages/case/index?id=${submitted.id}`);
  await app('case-pay').click();
  await page.locator('[data-testid="pay-confirm"]').click();
  await app('pay-success').waitFor({ timeout: 20_000 });
  await app('pay-back').click();
  await visiblePage(page).locator('[data-testid="case-fee-status"][data-status="paid"]').waitFor();

  const reception = await officerToken(stack, 'hz_reception');
  const approver = await officerToken(stack, 'hz_approver');
  await act(stack, reception, submitted.id, 'accept');
  await act(stack, approver, submitted.id, 'start_review');
  await act(stack, approver, submitted.id, 'refuse', {
    reason: '申请人户籍不在本辖区',
    legalBasis: '《中华人民共和国居民身份证法》第八条',
  });
  await eventually(
    async () =>
      (
        await stack.api<{ payment?: { status: string } }>(
          'GET',
          `/applications/${submitted.id}`,
          undefined,
          citizenToken,
        )
      ).body,
    (v) => v.payment?.status === 'refunded',
  );
  await page.reload();
  await visiblePage(page).locator('[data-testid="case-fee-status"][data-status="refunded"]').waitFor();
  expect(pageErrors).toEqual([]);
});
