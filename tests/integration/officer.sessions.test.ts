import { officerAuditTrail } from '../../functions/src/domain/officer-admin';
import { verifyChain } from '../../functions/src/repositories/audit';
import { officerToken } from '../support/cases';
import { startTestStack, type TestStack } from '../support/test-stack';

/**
 * An officer's authority comes from the account on every request: deactivating or moving an
 * officer (an administrator's audited action) ends the sessions opened before.
 */
let stack: TestStack;
let admin: string;
beforeAll(async () => {
  stack = await startTestStack();
  admin = await officerToken(stack, 'admin');
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

const administer = (username: string, change: Record<string, unknown>, token = admin) =>
  stack.api('POST', `/officer/admin/officers/${username}`, change, token);

it('a deactivated officer’s token stops working at once, and so does a new login', async () => {
  const token = await officerToken(stack, 'hz_reception');
  expect((await stack.api('GET', '/officer/queue', undefined, token)).status).toBe(200);

  const res = await administer('hz_reception', { active: false });
  expect(res).toMatchObject({ status: 200, body: { username: 'hz_reception', active: false } });

  expect(await stack.api('GET', '/officer/queue', undefined, token)).toMatchObject({
    status: 401,
    body: { code: 'UNAUTHENTICATED' },
  });
  await expect(officerToken(stack, 'hz_reception', true)).rejects.toThrow(/OFFICER_LOGIN_FAILED/);
});

it('a moved officer works in the new department only, after logging in again', async () => {
  const before = await officerToken(stack, 'crj_approver');
  const moved = await administer('crj_approver', { department: 'household', role: 'reception' });
  expect(moved).toMatchObject({ status: 200, body: { department: 'household', role: 'reception' } });
  expect((await stack.api('GET', '/officer/me', undefined, before)).status).toBe(401);

  const after = await officerToken(stack, 'crj_approver', true);
  expect(await stack.api('GET', '/officer/me', undefined, after)).toMatchObject({
    status: 200,
    body: { department: 'household', role: 'reception' },
  });

  const trail = await officerAuditTrail('crj_approver');
  expect(trail.at(-1)).toMatchObject({
    action: 'officer.administer',
    actorId: 'admin',
    details: { before: { department: 'exit-entry', role: 'approver' }, after: { department: 'household' } },
  });
  expect(verifyChain(trail)).toBe(true);
});

it('only administrators manage accounts, and bad changes are 4xx', async () => {
  const head = await officerToken(stack, 'xz_head');
  expect(await administer('xz_reception', { active: false }, head)).toMatchObject({
    status: 403,
    body: { code: 'OFFICER_ADMIN_ONLY' },
  });
  expect(await administer('nobody_here', { active: false })).toMatchObject({
    status: 404,
    body: { code: 'OFFICER_NOT_FOUND' },
  });
  expect((await administer('xz_reception', { department: 'nowhere' })).status).toBe(400);
  expect((await administer('xz_reception', {})).status).toBe(400);
  expect((await administer('xz_reception', { active: false }, 'not-a-token')).status).toBe(401);
  // xz_reception was never changed: its token still works.
  expect((await stack.api('GET', '/officer/queue', undefined, await officerToken(stack, 'xz_reception'))).status).toBe(
    200,
  );
});

it('a reset second factor makes the officer enrol again', async () => {
  expect((await administer('xz_approver', { resetSecondFactor: true })).status).toBe(200);
  const res = await stack.api('POST', '/officer/login', { username: 'xz_approver', password: 'Police@2026' });
  expect(res).toMatchObject({ status: 200, body: { enrolmentRequired: true } });
});
