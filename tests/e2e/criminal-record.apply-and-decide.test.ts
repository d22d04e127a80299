import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DEMO_OFFICER_PASSWORD } from '../../dev/src/seed-officers';
import { byTestId, launchChromium, visiblePage } from '../support/browser';
import { demoOfficerCode } from '../support/officer-login';
import { startTestStack, type TestStack } from '../support/test-stack';

/**
 * The application engine end to end, in two browsers: a citizen applies for the
 * criminal-record certificate (无犯罪记录证明) in the h5 mini-program with one uploaded
 * material; an officer asks for a supplement in the console; the citizen supplies it; the
 * officers accept, approve and deliver; the citizen sees the result and rates it; an
 * inspector sees the whole trail and the follow-up the bad rating opened.
 */
const NAME = '张三';
const ID_NUMBER = '110105199003074210';

let stack: TestStack;
let browser: Browser;
let citizen: Page;
let officer: Page;
let caseId = '';
let caseNumber = '';
const pageErrors: string[] = [];
const file = join(mkdtempSync(join(tmpdir(), 'e2e-files-')), '授权委托书.pdf');
writeFileSync(file, '%PDF-1.4\n% 授权委托书 (e2e)\n%%EOF\n');

beforeAll(async () => {
  stack = await startTestStack();
  browser = await launchChromium();
  citizen = await browser.newPage({ viewport: { width: 390, height: 844 } });
  officer = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  for (const page of [citizen, officer]) page.on('pageerror', (e) => pageErrors.push(e.message));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const app = (id: string) => byTestId(visiblePage(citizen), id);
const appInput = (id: string, tag = 'input') => visiblePage(citizen).locator(`[data-testid="${id}"] ${tag}`);
const desk = (id: string) => officer.locator(`[data-testid="${id}"]`);

async function officerLogin(username: string): Promise<void> {
  await officer.goto(`${stack.consoleUrl}/#/login`);
  // Wait until the console has settled (a stored session renders the signed-in layout, not the
  // login form); checking at once raced that render and left the previous officer signed in.
  await desk('logout').or(desk('login-username')).first().waitFor();
  if (await desk('logout').isVisible()) {
    await desk('logout').click();
  }
  await desk('login-username').fill(username);
  await desk('login-password').fill(DEMO_OFFICER_PASSWORD);
  await desk('login-code').fill(await demoOfficerCode(stack, username));
  await desk('login-submit').click();
  await desk('logout').waitFor();
}

/** Opens the case afresh (a hash-only navigation would keep the loaded view) and takes an action. */
async function officerActs(action: string, fill?: () => Promise<void>): Promise<void> {
  await officer.goto(`${stack.consoleUrl}/#/cases/${caseId}`);
  await officer.reload();
  await desk(`case-action-${action}`).click();
  await fill?.();
  await desk('action-submit').click();
}

const statusIs = (status: string) =>
  desk('case-status')
    .and(officer.locator(`[data-status="${status}"]`))
    .waitFor();

it('a verified citizen applies with one uploaded material', async () => {
  await citizen.goto(`${stack.appUrl}/#/pages/item/index?code=XZ-001`);
  await app('item-apply').click();
  await app('login-button').click();
  await citizen.locator('[data-testid="persona-o_demo_zhangsan"]').click();
  await app('item-apply').click();
  await app('verify-apply-required').waitFor();
  await appInput('verify-name').fill(NAME);
  await appInput('verify-id-number').fill(ID_NUMBER);
  await app('verify-consent').click();
  await app('verify-submit').click();
  await citizen.locator('[data-testid="face-pass"]').click();
  await app('verify-continue-apply').click();
  await app('item-apply').click();
  await app('apply-page').waitFor();

  await expect(app('value-applicant.name').innerText()).resolves.toContain('张*');
  await expect(app('material-licence-idCard').getAttribute('data-available')).resolves.toBe('true');
  await appInput('field-applicant.phone').fill('13800138000');
  await app('option-applicant.applyMode-self').click();
  await appInput('field-query.purpose', 'select').selectOption('employment');
  await appInput('field-query.usedAt').fill('深圳市某科技有限公司');
  await app('delivery-electronic').click();
  await appInput('material-upload-authorisation', 'input[type=file]').setInputFiles(file);
  await app('material-file-authorisation').waitFor();
  await app('apply-submit').click();
  await app('case-page').waitFor();
  await expect(app('case-status').getAttribute('data-status')).resolves.toBe('submitted');
  // The page shows the 办件编号; the case's id is on the element for links.
  caseId = (await app('case-id').getAttribute('data-id')) ?? '';
  caseNumber = await app('case-id').innerText();
  expect(caseNumber).toMatch(/^XZ\d{8}-\d{4}$/);
  expect(caseId).toMatch(/^[0-9a-f-]{36}$/);
  // 撤回申请 is a white button: its text must keep its dark red, not Taro's faded white.
  const withdrawColour = await app('case-withdraw').evaluate((el) => getComputedStyle(el).color);
  expect(withdrawColour).toBe('rgb(140, 29, 24)');
}, 60_000);

it('the reception officer asks for everything missing at once', async () => {
  await officerLogin('xz_reception');
  await desk(`queue-row-${caseId}`).waitFor();
  await expect(desk(`queue-number-${caseId}`).innerText()).resolves.toBe(caseNumber);
  // The number the citizen reads out opens the case.
  await desk('case-number-input').fill(caseNumber.toLowerCase());
  await desk('case-number-open').click();
  await desk('case-number')
    .and(officer.locator(`:text-is("${caseNumber}")`))
    .waitFor();
  await officerActs('request_supplement', async () => {
    await desk('action-missing-authorisation').check();
    await desk('action-missing-extra').fill('用途说明过于简略');
  });
  await statusIs('supplement_requested');
});

it('the citizen sees the paused clock and supplies the material', async () => {
  await citizen.goto(`${stack.appUrl}/#/packageApply/pages/case/index?id=${caseId}`);
  await app('case-supplement').waitFor();
  await expect(app('case-due').getAttribute('data-paused')).resolves.toBe('true');
  const uploads = visiblePage(citizen).locator('[data-testid^="supplement-upload-"] input[type=file]');
  for (let i = 0; i < (await uploads.count()); i++) {
    await uploads.nth(i).setInputFiles(file);
    await app(`supplement-file-${i}`).waitFor();
  }
  await appInput('supplement-note-input', 'textarea').fill('已补签名并说明用途');
  await app('supplement-submit').click();
  await app('case-supplied').waitFor();
});

it('officers accept, approve and deliver an electronic certificate', async () => {
  await officerActs('accept');
  await statusIs('accepted');
  await officerLogin('xz_approver');
  await officerActs('start_review');
  await statusIs('under_review');
  await officerActs('approve');
  await statusIs('approved');
  await officerLogin('xz_reception');
  await officerActs('deliver', async () => desk('action-delivery-electronic').check());
  await statusIs('completed');
});

it('the citizen sees the result and rates the service', async () => {
  await citizen.goto(`${stack.appUrl}/#/packageApply/pages/case/index?id=${caseId}`);
  await app('case-rating-form').waitFor();
  await expect(app('case-decision').getAttribute('data-outcome')).resolves.toBe('approved');
  await app('rating-2').click();
  await appInput('rating-comment', 'textarea').fill('补正来回一次，希望一次说清');
  await app('rating-submit').click();
  await app('case-rating').waitFor();
  await expect(app('case-rating').getAttribute('data-score')).resolves.toBe('2');
});

it('an inspector sees the whole trail, intact, and the follow-up the rating opened', async () => {
  await officerLogin('inspector');
  await officer.goto(`${stack.consoleUrl}/#/cases/${caseId}`);
  await desk('case-audit-valid').waitFor();
  await expect(desk('case-audit-valid').getAttribute('data-valid')).resolves.toBe('true');
  const actions = await officer
    .locator('[data-testid="case-timeline-entry"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
  expect(actions).toEqual(
    expect.arrayContaining([
      'submit',
      'request_supplement',
      'supply',
      'accept',
      'start_review',
      'approve',
      'deliver',
      'rate',
    ]),
  );
  await expect(desk('case-actions-readonly').isVisible()).resolves.toBe(true);
  await officer.goto(`${stack.consoleUrl}/#/follow-ups`);
  await officer.locator('[data-testid^="followup-row-"][data-status="open"]').first().waitFor();
  expect(pageErrors).toEqual([]);
});
