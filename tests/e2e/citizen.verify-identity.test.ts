import { ScanCommand } from '@aws-sdk/client-dynamodb';
import type { Browser, Page } from 'playwright-core';
import { localClient } from '../../dev/src/dynamodb-local';
import { byTestId, launchChromium, visiblePage } from '../support/browser';
import { startTestStack, type TestStack } from '../support/test-stack';

/**
 * Steps 1–5 of the foundation slice, as a citizen does them in the h5 build: catalogue,
 * item guide, WeChat login, real-name verification with a cancelled then passed face check,
 * and the personal centre with the identity masked. Every log line of the run is captured
 * and must not contain the ID number.
 */
const NAME = '张三';
const ID_NUMBER = '110105199003074210';

let stack: TestStack;
let browser: Browser;
let page: Page;
const logLines: string[] = [];
const pageErrors: string[] = [];
const originals = { log: console.log, error: console.error, warn: console.warn };

beforeAll(async () => {
  for (const level of ['log', 'error', 'warn'] as const) {
    console[level] = (...args: unknown[]) => {
      logLines.push(args.map(String).join(' '));
    };
  }
  stack = await startTestStack();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => logLines.push(`[browser] ${message.text()}`));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  Object.assign(console, originals);
});

const screen = () => visiblePage(page);
const testId = (id: string) => byTestId(screen(), id);

it('1. home: departments, search and the catalogue from shared/', async () => {
  await page.goto(stack.appUrl);
  await expect(testId('department-household').innerText()).resolves.toContain('户政');
  await testId('department-criminal').click();
  await testId('item-row-XZ-001').waitFor();
  await expect(testId('item-row-XZ-001').innerText()).resolves.toContain('无犯罪记录证明');

  await testId('department-criminal').click();
  await screen().locator('[data-testid="home-search"] input').fill('护照');
  await testId('home-search-button').click();
  await expect(testId('catalogue-count').innerText()).resolves.toMatch(/\d+/);
  await expect(screen().locator('[data-testid^="item-row-CR-"]').first().innerText()).resolves.toContain('护照');
});

it('2. item guide: the standard guide of the criminal-record certificate', async () => {
  await page.goto(`${stack.appUrl}/#/pages/item/index?code=XZ-001`);
  await testId('item-guide').waitFor();
  await expect(testId('item-name').innerText()).resolves.toContain('无犯罪记录证明');
  for (const section of [
    'item-legal-basis',
    'item-conditions',
    'item-materials',
    'item-steps',
    'item-fee',
    'item-promised-days',
  ]) {
    await expect(testId(section).innerText()).resolves.not.toBe('');
  }
});

it('3. logs in with WeChat through the stand-in', async () => {
  await page.goto(`${stack.appUrl}/#/pages/me/index`);
  await testId('me-login').click();
  await testId('login-button').click();
  await page.locator('[data-testid="persona-o_demo_zhangsan"]').click();
  await testId('me-verified-status').waitFor();
  await expect(testId('me-verified-status').innerText()).resolves.toContain('未实名');
});

it('4. verifies identity: a cancelled face check is explained with the window route, then it passes', async () => {
  await testId('me-go-verify').click();
  await screen().locator('[data-testid="verify-id-number"] input').fill('110105199003074211');
  await screen().locator('[data-testid="verify-name"] input').fill(NAME);
  await testId('verify-consent').click();
  await testId('verify-submit').click();
  await expect(testId('verify-id-number-error').innerText()).resolves.toContain('校验位');

  await screen().locator('[data-testid="verify-id-number"] input').fill(ID_NUMBER);
  await testId('verify-submit').click();
  await page.locator('[data-testid="face-cancel"]').click();
  await testId('verify-face-failed').waitFor();
  await expect(testId('face-fallback').innerText()).resolves.toContain('窗口');

  await testId('face-retry').click();
  const nameInput = screen().locator('[data-testid="verify-name"] input');
  if ((await nameInput.inputValue()) === '') await nameInput.fill(NAME);
  await screen().locator('[data-testid="verify-id-number"] input').fill(ID_NUMBER);
  if ((await testId('verify-consent').getAttribute('aria-checked')) !== 'true') await testId('verify-consent').click();
  await testId('verify-submit').click();
  await page.locator('[data-testid="face-pass"]').click();
  await testId('verify-success').waitFor();
});

it('5. the personal centre shows the identity masked', async () => {
  await testId('verify-go-me').click();
  await testId('me-identity-name').waitFor();
  await expect(testId('me-verified-status').innerText()).resolves.toContain('已实名');
  await expect(testId('me-identity-name').innerText()).resolves.toContain('张*');
  await expect(testId('me-identity-id').innerText()).resolves.toContain('110***********4210');
  expect(await page.content()).not.toContain(ID_NUMBER);
});

it('leaves no full ID number in any log line, in storage or in the database', async () => {
  expect(pageErrors).toEqual([]);
  expect(logLines.length).toBeGreaterThan(0);
  expect(logLines.filter((line) => line.includes(ID_NUMBER))).toEqual([]);
  const storage = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
  expect(storage).not.toContain(ID_NUMBER);
  const client = localClient(process.env.TEST_DYNAMODB_ENDPOINT as string);
  const items = JSON.stringify((await client.send(new ScanCommand({ TableName: stack.tableName }))).Items);
  client.destroy();
  expect(items).toContain('IDENTITY');
  expect(items).not.toContain(ID_NUMBER);
});
