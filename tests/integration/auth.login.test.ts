import { startTestStack, type TestStack } from '../support/test-stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

describe('POST /auth/login', () => {
  it('exchanges a wx.login code for our own session and never returns the WeChat session key', async () => {
    const res = await stack.api('POST', '/auth/login', { code: await stack.loginCode('o_demo_zhangsan') });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      expiresIn: 900,
      refreshToken: expect.any(String),
      verified: false,
    });
    expect(JSON.stringify(res.body)).not.toMatch(/session_?key/i);
    expect(res.headers.get('x-correlation-id')).toBeTruthy();
  });

  it('logs the same WeChat user into the same account every time', async () => {
    const first = await stack.login('o_demo_wangwu');
    const second = await stack.login('o_demo_wangwu');
    const me1 = await stack.api<{ userId: string }>('GET', '/me', undefined, first.accessToken);
    const me2 = await stack.api<{ userId: string }>('GET', '/me', undefined, second.accessToken);
    expect(me1.body.userId).toBe(me2.body.userId);
  });

  it('refuses a code that was already used (WeChat 40029)', async () => {
    const code = await stack.loginCode('o_demo_lisi');
    expect((await stack.api('POST', '/auth/login', { code })).status).toBe(200);
    const again = await stack.api('POST', '/auth/login', { code });
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ code: 'WECHAT_CODE_INVALID', message: expect.stringContaining('重新登录') });
  });

  it('refuses an account WeChat flags as risky (40226) with a Chinese explanation', async () => {
    const res = await stack.api('POST', '/auth/login', { code: await stack.loginCode('o_demo_risky') });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'WECHAT_RISKY_USER' });
  });

  it.each([
    ['no body', undefined, 'VALIDATION_FAILED'],
    ['empty code', { code: '' }, 'VALIDATION_FAILED'],
    ['wrong type', { code: 42 }, 'VALIDATION_FAILED'],
  ])('answers 400 with a stable code for %s', async (_label, body, code) => {
    const res = await stack.api('POST', '/auth/login', body);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code, message: expect.stringMatching(/[\u4e00-\u9fa5]/) });
  });

  it('answers 400 MALFORMED_JSON for a body that is not JSON', async () => {
    const res = await stack.api('POST', '/auth/login', undefined, undefined, '{"code":');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'MALFORMED_JSON' });
  });
});

describe('POST /auth/refresh', () => {
  it('rotates the refresh token: a new pair once, then the old token is refused', async () => {
    const session = await stack.login('o_demo_zhangsan');
    const refreshed = await stack.api<{ accessToken: string; refreshToken: string }>('POST', '/auth/refresh', {
      refreshToken: session.refreshToken,
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refreshToken).not.toBe(session.refreshToken);
    expect((await stack.api('GET', '/me', undefined, refreshed.body.accessToken)).status).toBe(200);

    const reused = await stack.api('POST', '/auth/refresh', { refreshToken: session.refreshToken });
    expect(reused.status).toBe(401);
    expect(reused.body).toMatchObject({ code: 'REFRESH_TOKEN_INVALID' });
  });

  it('lets only one of two concurrent refreshes with the same token succeed', async () => {
    const session = await stack.login('o_demo_lisi');
    const results = await Promise.all(
      [1, 2].map(() => stack.api('POST', '/auth/refresh', { refreshToken: session.refreshToken })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
  });
});

describe('authentication of protected routes', () => {
  it.each([
    ['no token', undefined],
    ['a garbage token', 'not.a.token'],
    [
      'a token signed with another key',
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1X3giLCJyb2xlIjoiY2l0aXplbiIsImlhdCI6MSwiZXhwIjo5OTk5OTk5OTk5fQ.c2lnbmF0dXJl',
    ],
  ])('answers 401 UNAUTHENTICATED for %s', async (_label, token) => {
    const res = await stack.api('GET', '/me', undefined, token);
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
