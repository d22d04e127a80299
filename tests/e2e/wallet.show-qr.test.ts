import { VALIDITY_UNKNOWN } from '@minsheng/shared';
import type { Browser, Page } from 'playwright-core';
import { byTestId, launchChromium, visiblePage } from '../support/browser';
import { ACTION_EXTRAS, act, officerToken, submittedCase, verifiedCitizen } from '../support/cases';
import { startTestStack, type TestStack } from '../support/test-stack';
import { verify } from '../support/wallet';

/**
 * The licence wallet in the h5 mini-program: a citizen whose criminal-record certificate was
 * issued here opens 我的证照, shows the certificate's QR code, and a verifier opening the
 * public verification page with that token sees 验证通过; the same token with one character
 * of its payload changed is refused as tampered; 作废 revokes it.
 */
let stack: TestStack;
let browser: Browser;
let citizen: Page;
let token = '';
const pageErrors: string[] = [];
const CERTIFICATE = 'criminal-record-certificate';

beforeAll(async () => {
  stack = await startTestStack();
  browser = await launchChromium();
  citizen = await browser.newPage({ viewport: { width: 390, height: 844 } });
  citizen.on('pageerror', (e) => pageErrors.push(e.message));

  // 张三, verified and with a completed XZ-001 case (delivered electronically → certificate issued).
  const holder = await verifiedCitizen(stack, '张三');
  const submitted = await submittedCase(stack, holder.token, 'XZ-001');
  const head = await officerToken(stack, 'xz_head');
  for (const action of ['accept', 'start_review', 'approve', 'deliver']) {
    const res = await act(stack, head, submitted.id, action, ACTION_EXTRAS[action] ?? {});
    if (res.status !== 200) throw new Error(`${action} refused: ${JSON.stringify(res.body)}`);
  }

  // A fresh session for the browser (the helper keeps only the access token).
  const session = await stack.login(holder.openid);
  await citizen.goto(`${stack.appUrl}/#/pages/index/index`);
  await citizen.evaluate(
    (data) => {
      localStorage.setItem('minsheng.session', JSON.stringify({ data }));
    },
    {
      accessToken: session.accessToken,
      refreshToken: session.refreshToken,
      accessTokenExpiresAt: Date.now() + 3_600_000,
      verified: true,
    },
  );
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const app = (id: string) => byTestId(visiblePage(citizen), id);

async function openVerifyPage(tokenToCheck: string): Promise<Page> {
  const verifier = await browser.newPage({ viewport: { width: 390, height: 844 } });
  verifier.on('pageerror', (e) => pageErrors.push(e.message));
  await verifier.goto(`${stack.verifyUrl}/#token=${tokenToCheck}`);
  return verifier;
}

it('shows the certificate in 我的证照 with personal fields hidden until 显示', async () => {
  await citizen.goto(`${stack.appUrl}/#/pages/me/index`);
  await app('me-wallet').click();
  const card = app(`wallet-card-${CERTIFICATE}`);
  await card.waitFor();
  await expect(card.innerText()).resolves.toContain('无犯罪记录证明');
  // The identity-derived ID card's validity is not in the police data: said, not shown as 长期.
  await expect(app('wallet-card-resident-id-card').getAttribute('data-validity')).resolves.toBe('unknown');
  await expect(app('wallet-card-resident-id-card-valid-until').innerText()).resolves.toBe(VALIDITY_UNKNOWN);
  const fields = app(`wallet-fields-${CERTIFICATE}`);
  await expect(fields.getAttribute('data-shown')).resolves.toBe('false');
  await expect(fields.innerText()).resolves.toContain('＊＊＊＊');
  await app(`wallet-toggle-${CERTIFICATE}`).click();
  await expect(fields.getAttribute('data-shown')).resolves.toBe('true');
  await expect(fields.innerText()).resolves.not.toContain('＊＊＊＊');
});

it('shows a QR code whose token the public verification page accepts', async () => {
  await app(`wallet-share-${CERTIFICATE}`).click();
  const qr = app('wallet-qr');
  await qr.waitFor();
  token = (await qr.getAttribute('data-token')) ?? '';
  expect(token.split('.')).toHaveLength(3);
  await expect(qr.locator('img').getAttribute('src')).resolves.toMatch(/^data:image\//);
  await expect(app('wallet-qr-countdown').innerText()).resolves.toMatch(/后失效/);
  await expect(app('wallet-qr-disclosed').innerText()).resolves.toContain('查询结果');

  const verifier = await openVerifyPage(token);
  const result = verifier.locator('[data-testid="verify-result"][data-valid="true"]');
  await result.waitFor();
  await expect(result.innerText()).resolves.toContain('验证通过');
  await verifier.close();
});

it('refuses the token with one character of its payload changed', async () => {
  const [version, payload, signature] = token.split('.') as [string, string, string];
  const json = Buffer.from(payload, 'base64url').toString('utf8');
  const at = json.indexOf('"jti":"') + 7;
  const flipped = json[at] === 'A' ? 'B' : 'A';
  const edited = Buffer.from(`${json.slice(0, at)}${flipped}${json.slice(at + 1)}`).toString('base64url');
  const verifier = await openVerifyPage(`${version}.${edited}.${signature}`);
  await verifier.locator('[data-testid="verify-result"][data-valid="false"]').waitFor();
  await expect(verifier.locator('[data-testid="verify-reason"]').getAttribute('data-reason')).resolves.toBe('tampered');
  await verifier.close();
});

it('刷新 issues a new token and 作废 revokes it', async () => {
  await app('wallet-qr-refresh').click();
  await citizen.waitForFunction((old) => {
    const el = document.querySelector('.taro_page_show [data-testid="wallet-qr"]');
    return el !== null && el.getAttribute('data-token') !== old;
  }, token);
  const fresh = (await app('wallet-qr').getAttribute('data-token')) ?? '';
  await app('wallet-qr-revoke').click();
  await app('wallet-qr-revoked').waitFor();
  await expect(verify(stack, fresh).then((r) => r.body.reason)).resolves.toBe('revoked');
  expect(pageErrors).toEqual([]);
});

it('消息中心 marks the case notices unread, and a tap reads one', async () => {
  await citizen.goto(`${stack.appUrl}/#/pages/me/index`);
  await citizen.reload();
  const entry = app('me-messages');
  await citizen.waitForFunction(() => {
    const el = document.querySelector('.taro_page_show [data-testid="me-messages"]');
    return Number(el?.getAttribute('data-unread') || 0) > 0;
  });
  const unread = Number(await entry.getAttribute('data-unread'));
  await expect(entry.innerText()).resolves.toContain(`${unread} 条未读`);
  await entry.click();
  await expect(app('messages-list').getAttribute('data-unread')).resolves.toBe(String(unread));
  const row = app('messages-list').locator('[data-testid^="message-row-"][data-read="false"]').first();
  const rowId = (await row.getAttribute('data-testid')) ?? '';
  await row.click();
  await app(rowId).and(visiblePage(citizen).locator('[data-read="true"]')).waitFor();
  await expect(app('messages-list').getAttribute('data-unread')).resolves.toBe(String(unread - 1));
  expect(pageErrors).toEqual([]);
});
