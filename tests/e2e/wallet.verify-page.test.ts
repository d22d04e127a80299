import type { Browser, Page } from 'playwright-core';
import { qrSigner } from '../../functions/src/crypto/qr-keys';
import { type QrClaims, signQrToken } from '../../functions/src/crypto/qr-token';
import { launchChromium } from '../support/browser';
import { startTestStack, type TestStack } from '../support/test-stack';
import { citizenWithCertificate, claimsOf, share } from '../support/wallet';

/**
 * The public verification page in Chromium, as a verifier without any account uses it: a
 * link from the QR code verifies by itself; a pasted tampered or expired token is refused
 * with the reason in Chinese.
 */
let stack: TestStack;
let browser: Browser;
let page: Page;
let token = '';
let verifyUrl = '';
const pageErrors: string[] = [];

beforeAll(async () => {
  stack = await startTestStack();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  const holder = await citizenWithCertificate(stack, '陈静');
  ({ token, verifyUrl } = (await share(stack, holder.token, 'criminal-record-certificate', 'criminal-record')).body);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const testId = (id: string) => page.locator(`[data-testid="${id}"]`);

async function pasteAndVerify(text: string): Promise<void> {
  await testId('verify-token-input').fill(text);
  await testId('verify-submit').click();
}

it('verifies the token carried in the link and shows only the disclosed fields', async () => {
  await page.goto(verifyUrl);
  await page.locator('[data-testid="verify-result"][data-valid="true"]').waitFor();
  const text = await testId('verify-result').innerText();
  expect(text).toContain('验证通过');
  expect(text).toContain('无犯罪记录证明');
  expect(text).toContain('未发现犯罪记录');
  expect(text).not.toContain('姓名');
  await expect(testId('verify-reason').isHidden()).resolves.toBe(true);
});

it('refuses a tampered token with the reason', async () => {
  const claims = claimsOf(token);
  const [version, , signature] = token.split('.');
  const edited = Buffer.from(JSON.stringify({ ...claims, f: { ...claims.f, 查询结果: '有犯罪记录' } })).toString(
    'base64url',
  );
  await pasteAndVerify(`${version}.${edited}.${signature}`);
  await page.locator('[data-testid="verify-result"][data-valid="false"]').waitFor();
  await expect(testId('verify-reason').getAttribute('data-reason')).resolves.toBe('tampered');
  await expect(testId('verify-reason').innerText()).resolves.toMatch(/篡改/);
});

it('refuses an expired token with the reason, then accepts the valid one pasted as a link', async () => {
  const signer = qrSigner();
  const now = Math.floor(Date.now() / 1000);
  const claims = claimsOf(token) as unknown as QrClaims;
  const expired = signQrToken({ ...claims, iat: now - 600, exp: now - 300 }, signer);
  await pasteAndVerify(expired);
  await page.locator('[data-testid="verify-reason"][data-reason="expired"]').waitFor();
  await expect(testId('verify-result').getAttribute('data-valid')).resolves.toBe('false');
  await expect(testId('verify-reason').innerText()).resolves.toMatch(/过期/);

  await pasteAndVerify(verifyUrl);
  await page.locator('[data-testid="verify-result"][data-valid="true"]').waitFor();
  expect(pageErrors).toEqual([]);
});
