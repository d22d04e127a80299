import { randomUUID } from 'node:crypto';
import { apiFrom } from '../support/officer-login';
import { withinOneWindow } from '../support/rate-limits';
import { startTestStack, type TestStack } from '../support/test-stack';

/**
 * Citizen-facing rate limits (one DynamoDB counter per subject and window): login per source
 * and per user, QR minting per user, public verification per source. Each refusal is a 429
 * with a stable code and Retry-After. The limits are lowered for this file by configuration.
 */
let stack: TestStack;
beforeAll(async () => {
  Object.assign(process.env, {
    CITIZEN_LOGINS_PER_SOURCE_PER_MINUTE: '6',
    CITIZEN_LOGINS_PER_USER_PER_HOUR: '4',
    SHARE_TOKENS_PER_USER_PER_HOUR: '3',
    VERIFICATIONS_PER_SOURCE_PER_MINUTE: '5',
  });
  stack = await startTestStack();
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

const expectRetryLater = (res: { status: number; body: unknown; headers: unknown }) => {
  expect(res).toMatchObject({ status: 429, body: { code: 'RATE_LIMITED', message: expect.any(String) } });
  const headers = res.headers as Headers | Record<string, string>;
  const retryAfter = headers instanceof Headers ? headers.get('retry-after') : headers['retry-after'];
  expect(Number(retryAfter)).toBeGreaterThan(0);
};

async function loginFrom(source: string, openid: string) {
  return apiFrom(stack.apiUrl, source, 'POST', '/auth/login', { code: await stack.loginCode(openid) });
}

it('citizen login: per source address, whatever the account', async () => {
  await withinOneWindow(60, 20);
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) statuses.push((await loginFrom('127.0.0.21', `o_rl_${randomUUID()}`)).status);
  expect(statuses).toEqual(Array(6).fill(200));
  expectRetryLater(await loginFrom('127.0.0.21', `o_rl_${randomUUID()}`));
  // Another address is not affected.
  expect((await loginFrom('127.0.0.22', `o_rl_${randomUUID()}`)).status).toBe(200);
});

it('citizen login: per account, from any address', async () => {
  await withinOneWindow(3600, 20);
  const openid = `o_rl_${randomUUID()}`;
  const statuses: number[] = [];
  for (let i = 0; i < 4; i++) statuses.push((await loginFrom(`127.0.1.${i + 1}`, openid)).status);
  expect(statuses).toEqual([200, 200, 200, 200]);
  expectRetryLater(await loginFrom('127.0.1.9', openid));
});

it('QR codes: per citizen and hour', async () => {
  await withinOneWindow(3600, 20);
  const { accessToken } = await stack.login(`o_rl_${randomUUID()}`);
  const share = () =>
    stack.api('POST', '/wallet/criminal-record-certificate/share', { purpose: 'criminal-record' }, accessToken);
  // Attempts count whether or not a code could be issued (this citizen holds no licence).
  const statuses: number[] = [];
  for (let i = 0; i < 3; i++) statuses.push((await share()).status);
  expect(statuses.every((s) => s >= 400 && s < 429)).toBe(true);
  expectRetryLater(await share());
});

it('public verification: per source address', async () => {
  await withinOneWindow(60, 20);
  const verify = (source: string) => apiFrom(stack.apiUrl, source, 'POST', '/verify', { token: 'v1.not.valid' });
  const answers = [];
  for (let i = 0; i < 5; i++) answers.push(await verify('127.0.0.31'));
  expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
  expect(answers[0]?.body).toMatchObject({ valid: false });
  expectRetryLater(await verify('127.0.0.31'));
  expect((await verify('127.0.0.32')).status).toBe(200);
});
