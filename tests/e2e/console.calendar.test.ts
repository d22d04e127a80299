import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { submittedCase, verifiedCitizen } from '../support/cases';
import { consolePageAs } from '../support/console-login';
import { startTestStack, type TestStack } from '../support/test-stack';

/**
 * 节假日安排 in the officers' console, with the server's clock at Friday 2026-12-04 (the
 * browser keeps its own). A 20-working-day case (HZ-037) is due on 2027-01-04, a year whose
 * 调休 is not announced: the reception officer sees the due date marked 暂定. The administrator
 * is warned, enters 2027's notice (a wrong date first), and the mark goes away.
 */
let stack: TestStack;
let browser: Browser;
const pageErrors: string[] = [];

beforeAll(async () => {
  jest.spyOn(Date, 'now').mockReturnValue(Date.parse('2026-12-04T10:00:00+08:00'));
  stack = await startTestStack();
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  jest.restoreAllMocks();
  await browser?.close();
  await stack?.stop();
});

const officerPage = (username: string) => consolePageAs(browser, stack, username, pageErrors);

it('marks deadlines in an unannounced year 暂定 until the administrator enters the notice', async () => {
  const citizen = await verifiedCitizen(stack);
  const { id, dueDate } = await submittedCase(stack, citizen.token, 'HZ-037');
  expect(dueDate).toBe('2027-01-04');

  const reception = await officerPage('hz_reception');
  const desk = (id: string) => reception.locator(`[data-testid="${id}"]`);
  await desk(`queue-due-provisional-${id}`).waitFor();
  await expect(desk(`queue-due-date-${id}`).innerText()).resolves.toContain('2027-01-04');
  await reception.goto(`${stack.consoleUrl}/#/cases/${id}`);
  await desk('case-due-provisional').waitFor();
  await desk('case-statutory-due-provisional').waitFor();

  // The administrator starts on 节假日安排 and sees only it in the navigation.
  const admin = await officerPage('admin');
  const board = (id: string) => admin.locator(`[data-testid="${id}"]`);
  await board('calendar-table').waitFor();
  await expect(board('page-title').innerText()).resolves.toBe('节假日安排');
  await expect(admin.locator('nav a').allInnerTexts()).resolves.toEqual(['节假日安排']);
  await expect(board('calendar-warning').innerText()).resolves.toContain('2027');
  await expect(board('calendar-year-2027').getAttribute('data-source')).resolves.toBe('statutory-only');
  await expect(board('calendar-source-2026').innerText()).resolves.toBe('程序内置（已公布）');

  await board('calendar-edit-2027').click();
  await expect(board('calendar-statutory').innerText()).resolves.toContain('春节 2027-02-05');
  await board('calendar-notice').fill('国办发明电〔2026〕9号');
  await board('calendar-rest-days').fill('2027-02-08'); // 初三 (a Monday), already a statutory holiday
  await board('calendar-save').click();
  await expect(board('calendar-form-error').innerText()).resolves.toContain('2027-02-08 已是法定节假日');

  await board('calendar-rest-days').fill('2027-02-09\n2027-02-10');
  await board('calendar-workdays').fill('2027-02-20');
  await board('calendar-save').click();
  await admin.locator('[data-testid="calendar-year-2027"][data-source="announced"]').waitFor();
  // The case's 60-day statutory date (2027-03-03) moves with the two rest days and the make-up Saturday.
  await expect(board('calendar-saved').innerText()).resolves.toContain('重新计算 1 件');
  await expect(board('calendar-year-2027').innerText()).resolves.toContain('国办发明电〔2026〕9号');
  await expect(board('calendar-warning').count()).resolves.toBe(0);

  await reception.goto(`${stack.consoleUrl}/#/queue`);
  await desk(`queue-due-date-${id}`).waitFor();
  await expect(desk(`queue-due-provisional-${id}`).count()).resolves.toBe(0);
  expect(pageErrors).toEqual([]);
});
