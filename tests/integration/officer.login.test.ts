import { scrypt } from 'node:crypto';
import { DEMO_OFFICER_PASSWORD, DEMO_OFFICER_TOTP_SECRET } from '../../dev/src/seed-officers';
import { personalDataEnvelope } from '../../functions/src/crypto/personal-data';
import { getOfficer, insertOfficer, officerSealContext } from '../../functions/src/repositories/officers';
import { apiFrom, demoOfficerCode, totpCodeAt } from '../support/officer-login';
import { withinOneWindow } from '../support/rate-limits';
import { startTestStack, type TestStack } from '../support/test-stack';

/**
 * Officer login: throttling counted before any hash, per account and source with back-off,
 * the TOTP second factor, and password hashes upgraded on login.
 */
let stack: TestStack;
beforeAll(async () => {
  process.env.OFFICER_LOGINS_PER_SOURCE_PER_MINUTE = '8';
  stack = await startTestStack();
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

const login = (from: string, body: Record<string, unknown>) =>
  apiFrom(stack.apiUrl, from, 'POST', '/officer/login', body);

describe('concurrent attempts', () => {
  it('16 simultaneous logins (15 wrong, 1 right) get at most 5 password checks, and no token outside them', async () => {
    const code = totpCodeAt(DEMO_OFFICER_TOTP_SECRET, Date.now());
    const bodies = Array.from({ length: 16 }, (_, i) =>
      i === 7
        ? { username: 'xz_head', password: DEMO_OFFICER_PASSWORD, code }
        : { username: 'xz_head', password: `wrong-password-${i}`, code },
    );
    const results = await Promise.all(bodies.map((body) => login('127.0.0.11', body)));
    const checked = results.filter((r) => r.status === 401 || r.status === 200);
    expect(checked.length).toBeGreaterThanOrEqual(1);
    expect(checked.length).toBeLessThanOrEqual(5);
    for (const refused of results.filter((r) => r.status === 429)) {
      // Refused before any hash: by the account-and-source back-off, or the source's own limit.
      expect(['OFFICER_LOGIN_LOCKED', 'RATE_LIMITED']).toContain((refused.body as { code: string }).code);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    }
    expect(results.every((r) => [200, 401, 429].includes(r.status))).toBe(true);
    // A token only for the right password, and only if it was among the checked ones.
    const tokens = results.filter((r) => r.status === 200);
    expect(tokens.length).toBeLessThanOrEqual(1);
    if (tokens.length === 1) expect(results[7]?.status).toBe(200);
  });
});

describe('back-off per account and source', () => {
  it('slows the failing source after five attempts and leaves the officer free to log in elsewhere', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await login('127.0.0.12', { username: 'hz_approver', password: `wrong-password-${i}` })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const refused = await login('127.0.0.12', { username: 'hz_approver', password: DEMO_OFFICER_PASSWORD });
    expect(refused).toMatchObject({ status: 429, body: { code: 'OFFICER_LOGIN_LOCKED' } });
    const wait = Number(refused.headers['retry-after']);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);

    // The officer at their own desk is not locked out by someone else's failures.
    const own = await login('127.0.0.13', {
      username: 'hz_approver',
      password: DEMO_OFFICER_PASSWORD,
      code: await demoOfficerCode(stack, 'hz_approver'),
    });
    expect(own).toMatchObject({ status: 200, body: { officer: { username: 'hz_approver' } } });
  });

  it('gives the same answer for an unknown user as for a wrong password', async () => {
    const res = await login('127.0.0.14', { username: 'nobody_here', password: 'whatever-123' });
    expect(res).toMatchObject({ status: 401, body: { code: 'OFFICER_LOGIN_FAILED' } });
  });

  it('limits one source trying many usernames before hashing any more passwords', async () => {
    await withinOneWindow(60, 40);
    const statuses: number[] = [];
    for (let i = 0; i < 9; i++)
      statuses.push((await login('127.0.0.15', { username: `unknown_${i}`, password: 'whatever-123' })).status);
    expect(statuses.slice(0, 8)).toEqual(Array(8).fill(401));
    expect(statuses[8]).toBe(429);
    const refused = await login('127.0.0.15', { username: 'unknown_x', password: 'whatever-123' });
    expect(refused).toMatchObject({ status: 429, body: { code: 'RATE_LIMITED' } });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  }, 120_000);
});

describe('second factor', () => {
  it('refuses the right password without a code, and a code used once already', async () => {
    const noCode = await login('127.0.0.16', { username: 'crj_approver', password: DEMO_OFFICER_PASSWORD });
    expect(noCode).toMatchObject({ status: 401, body: { code: 'OFFICER_LOGIN_FAILED' } });
    const code = await demoOfficerCode(stack, 'crj_approver');
    const first = await login('127.0.0.16', { username: 'crj_approver', password: DEMO_OFFICER_PASSWORD, code });
    expect(first.status).toBe(200);
    const replay = await login('127.0.0.16', { username: 'crj_approver', password: DEMO_OFFICER_PASSWORD, code });
    expect(replay).toMatchObject({ status: 401, body: { code: 'OFFICER_LOGIN_FAILED' } });
  });

  it('an officer without a second factor enrols with the shown secret, then logs in with password and code', async () => {
    await insertOfficer({
      username: 'new_officer',
      name: '新警官',
      department: 'household',
      role: 'reception',
      passwordHash: (await getOfficer('hz_reception'))?.passwordHash ?? '',
      active: true,
      createdAt: new Date().toISOString(),
    });
    const offered = await login('127.0.0.17', { username: 'new_officer', password: DEMO_OFFICER_PASSWORD });
    expect(offered).toMatchObject({
      status: 200,
      body: { enrolmentRequired: true, otpauthUri: expect.stringMatching(/^otpauth:\/\/totp\//) },
    });
    const { enrolmentToken, secret } = offered.body as { enrolmentToken: string; secret: string };
    expect(offered.body).not.toHaveProperty('token');

    const wrong = await apiFrom(stack.apiUrl, '127.0.0.17', 'POST', '/officer/login/enrolment', {
      enrolmentToken,
      code: totpCodeAt(secret, Date.now() - 10 * 60_000),
    });
    expect(wrong).toMatchObject({ status: 400, body: { code: 'OFFICER_TOTP_INVALID' } });
    const scope = {};
    const confirmed = await apiFrom(stack.apiUrl, '127.0.0.17', 'POST', '/officer/login/enrolment', {
      enrolmentToken,
      code: await demoOfficerCode(scope, 'new_officer', secret),
    });
    expect(confirmed).toMatchObject({ status: 200, body: { officer: { username: 'new_officer' } } });
    const me = await apiFrom(
      stack.apiUrl,
      '127.0.0.17',
      'GET',
      '/officer/me',
      undefined,
      confirmed.body.token as string,
    );
    expect(me.status).toBe(200);

    // Enrolment is closed now: the password alone no longer gets anywhere.
    const again = await login('127.0.0.17', { username: 'new_officer', password: DEMO_OFFICER_PASSWORD });
    expect(again).toMatchObject({ status: 401, body: { code: 'OFFICER_LOGIN_FAILED' } });
    const withCode = await login('127.0.0.17', {
      username: 'new_officer',
      password: DEMO_OFFICER_PASSWORD,
      code: await demoOfficerCode(scope, 'new_officer', secret),
    });
    expect(withCode.status).toBe(200);
  }, 90_000);
});

describe('password hashing', () => {
  it('verifies a hash made with older scrypt parameters and replaces it with N=2^17 on login', async () => {
    const salt = Buffer.alloc(16, 7);
    const key = await new Promise<Buffer>((resolve, reject) =>
      scrypt(DEMO_OFFICER_PASSWORD, salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }, (e, k) =>
        e ? reject(e) : resolve(k),
      ),
    );
    const legacy = ['scrypt', 2 ** 15, 8, 1, salt.toString('base64'), key.toString('base64')].join('$');
    await insertOfficer({
      username: 'legacy_officer',
      name: '老账号',
      department: 'exit-entry',
      role: 'reception',
      passwordHash: legacy,
      active: true,
      createdAt: new Date().toISOString(),
      totpSecretSealed: await personalDataEnvelope().seal(
        DEMO_OFFICER_TOTP_SECRET,
        officerSealContext('legacy_officer'),
      ),
    });
    const res = await login('127.0.0.18', {
      username: 'legacy_officer',
      password: DEMO_OFFICER_PASSWORD,
      code: await demoOfficerCode(stack, 'legacy_officer'),
    });
    expect(res.status).toBe(200);
    expect((await getOfficer('legacy_officer'))?.passwordHash).toMatch(/^scrypt\$131072\$8\$1\$/);
  });
});
