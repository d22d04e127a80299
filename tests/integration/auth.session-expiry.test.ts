import { startTestStack, type TestStack } from '../support/test-stack';

/** A session family ends at the time fixed at login: refreshing does not extend it. */
let stack: TestStack;
beforeAll(async () => {
  process.env.REFRESH_TOKEN_TTL_SECONDS = '4';
  stack = await startTestStack();
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

it('a rotated refresh token expires with its family', async () => {
  const session = await stack.login('o_expiry_1');
  const rotated = await stack.api<{ refreshToken: string }>('POST', '/auth/refresh', {
    refreshToken: session.refreshToken,
  });
  expect(rotated.status).toBe(200);
  await new Promise((resolve) => setTimeout(resolve, 4_500));
  expect(await stack.api('POST', '/auth/refresh', { refreshToken: rotated.body.refreshToken })).toMatchObject({
    status: 401,
    body: { code: 'REFRESH_TOKEN_INVALID' },
  });
});
