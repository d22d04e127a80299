import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { consolePageAs } from '../support/console-login';
import { startTestStack, type TestStack } from '../support/test-stack';
import { citizenWithFine, eventually } from '../support/traffic';

/**
 * 财务核查 in the officers' console: a fine paid with a notification whose amount was changed
 * (the WeChat Pay stand-in misbehaves over HTTP) is flagged; the finance officer opens the
 * queue, notes the check and confirms after the server's WeChat Pay query.
 */
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

const standIn = (path: string, body: unknown) =>
  fetch(`${stack.wechatPay.url}/__standin/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

it('lets the finance officer confirm a flagged payment from the queue', async () => {
  const owner = await citizenWithFine(stack, '财务核查');
  const order = await stack.api<{ outTradeNo: string }>(
    'POST',
    `/traffic/violations/${encodeURIComponent(owner.fine.id)}/payment`,
    undefined,
    owner.token,
  );
  const { outTradeNo } = order.body;
  await standIn('misbehave', { mode: 'tampered-amount', out_trade_no: outTradeNo });
  await standIn('pay', { out_trade_no: outTradeNo });
  const payment = () =>
    stack.api<{ status: string }>('GET', `/payments/${outTradeNo}`, undefined, owner.token).then((r) => r.body);
  expect((await eventually(payment, (p) => p.status === 'flagged')).status).toBe('flagged');

  const page = await consolePageAs(browser, stack, 'finance', pageErrors, 'finance-page');
  const desk = (id: string) => page.locator(`[data-testid="${id}"]`);
  const row = desk(`finance-row-${outTradeNo}`);
  await row.waitFor();
  await expect(row.getAttribute('data-status')).resolves.toBe('flagged');
  await row.locator('[data-testid="finance-finance_confirm_paid"]').click();
  await row.locator('[data-testid="finance-action-error"]').waitFor();
  await row.locator('[data-testid="finance-note"]').fill('已通过微信支付查单核实到账');
  await row.locator('[data-testid="finance-finance_confirm_paid"]').click();
  await page.locator(`[data-testid="finance-row-${outTradeNo}"][data-status="paid"]`).waitFor();
  expect(
    (await stack.api<{ status: string }>('GET', `/payments/${outTradeNo}`, undefined, owner.token)).body.status,
  ).toBe('paid');
  expect(pageErrors).toEqual([]);
}, 60_000);
