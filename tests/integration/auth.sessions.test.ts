import { randomUUID } from 'node:crypto';
import { startTestStack, type TestStack } from '../support/test-stack';

/**
 * Citizen sessions: one refresh-token family per login (device), rotated on refresh, ended by
 * logout, at most five live per citizen (a sixth login revokes the oldest).
 */
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

const refresh = (refreshToken: string) =>
  stack.api<{ refreshToken: string; accessToken: string }>('POST', '/auth/refresh', { refreshToken });
const newOpenid = () => `o_sess_${randomUUID().slice(0, 10)}`;

it('logout ends the family: neither the current nor any earlier refresh token works afterwards', async () => {
  const session = await stack.login(newOpenid());
  const rotated = await refresh(session.refreshToken);
  expect(rotated.status).toBe(200);
  expect((await refresh(session.refreshToken)).status).toBe(401);

  const out = await stack.api('POST', '/auth/logout', { refreshToken: rotated.body.refreshToken });
  expect(out.status).toBe(204);
  expect(await refresh(rotated.body.refreshToken)).toMatchObject({
    status: 401,
    body: { code: 'REFRESH_TOKEN_INVALID' },
  });
  // Logging out again (or with a made-up token) is a no-op, not an error.
  expect((await stack.api('POST', '/auth/logout', { refreshToken: rotated.body.refreshToken })).status).toBe(204);
  expect((await stack.api('POST', '/auth/logout', { refreshToken: 'x'.repeat(43) })).status).toBe(204);
  expect((await stack.api('POST', '/auth/logout', {})).status).toBe(400);
});

it('a refresh token used twice was copied: the whole family ends, for the thief and the owner', async () => {
  const session = await stack.login(newOpenid());
  const owner = await refresh(session.refreshToken);
  expect(owner.status).toBe(200);
  // Someone replays the token the owner already used (later than a client's own race)…
  await new Promise((resolve) => setTimeout(resolve, 6_500));
  expect(await refresh(session.refreshToken)).toMatchObject({ status: 401, body: { code: 'REFRESH_TOKEN_INVALID' } });
  // …and the owner's current token is worthless too: they log in again.
  expect(await refresh(owner.body.refreshToken)).toMatchObject({
    status: 401,
    body: { code: 'REFRESH_TOKEN_INVALID' },
  });
});

it('logging out on one device leaves the other devices signed in', async () => {
  const openid = newOpenid();
  const phone = await stack.login(openid);
  const tablet = await stack.login(openid);
  expect((await stack.api('POST', '/auth/logout', { refreshToken: phone.refreshToken })).status).toBe(204);
  expect((await refresh(tablet.refreshToken)).status).toBe(200);
});

it('keeps at most five live sessions per citizen: a sixth login revokes the oldest', async () => {
  const openid = newOpenid();
  const sessions = [];
  for (let i = 0; i < 6; i++) sessions.push(await stack.login(openid));
  const [oldest, second] = sessions;
  expect(await refresh(oldest?.refreshToken ?? '')).toMatchObject({
    status: 401,
    body: { code: 'REFRESH_TOKEN_INVALID' },
  });
  expect((await refresh(second?.refreshToken ?? '')).status).toBe(200);
  expect((await refresh(sessions[5]?.refreshToken ?? '')).status).toBe(200);
});
