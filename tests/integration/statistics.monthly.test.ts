import type { DepartmentStatistics } from '@minsheng/shared';
import { chinaDate } from '../../functions/src/lib/clock';
import { act, officerToken, submittedCase, verifiedCitizen } from '../support/cases';
import { startTestStack, type TestStack } from '../support/test-stack';

/**
 * 办件统计: each submission, case end and rating records one fact in its own transaction; the
 * monthly report counts them per department. This file's table is its own, so counts are exact.
 */
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

const month = () => chinaDate().slice(0, 7);
const statistics = (token: string, query = `month=${month()}`) =>
  stack.api<{ items: DepartmentStatistics[] }>('GET', `/officer/statistics?${query}`, undefined, token);

it('counts received, ended by outcome, on time, working days and ratings, per department', async () => {
  const citizen = await verifiedCitizen(stack);
  const reception = await officerToken(stack, 'xz_reception');
  const approver = await officerToken(stack, 'xz_approver');

  const done = await submittedCase(stack, citizen.token, 'XZ-001');
  await act(stack, reception, done.id, 'accept');
  await act(stack, approver, done.id, 'start_review');
  await act(stack, approver, done.id, 'approve', { reason: '经查询未发现犯罪记录' });
  expect((await act(stack, reception, done.id, 'deliver', { deliveryMethod: 'electronic' })).body.status).toBe(
    'completed',
  );
  const rated = await stack.api(
    'POST',
    `/applications/${done.id}/rating`,
    { score: 5, comment: '很快' },
    citizen.token,
  );
  expect(rated.status).toBe(200);

  const withdrawn = await submittedCase(stack, citizen.token, 'XZ-001');
  const view = await stack.api<{ version: number }>('GET', `/applications/${withdrawn.id}`, undefined, citizen.token);
  const w = await stack.api(
    'POST',
    `/applications/${withdrawn.id}/withdraw`,
    { expectedVersion: view.body.version, reason: '不需要了' },
    citizen.token,
  );
  expect(w.status).toBe(200);
  await submittedCase(stack, citizen.token, 'XZ-001');
  // A draft dropped before submitting was never received: it counts nowhere.
  const draft = await stack.api<{ id: string; version: number }>(
    'POST',
    '/applications',
    { itemCode: 'XZ-001' },
    citizen.token,
  );
  const dropped = await stack.api(
    'POST',
    `/applications/${draft.body.id}/withdraw`,
    { expectedVersion: draft.body.version },
    citizen.token,
  );
  expect(dropped.status).toBe(200);

  const own = await statistics(reception);
  expect(own.status).toBe(200);
  expect(own.body.items).toEqual([
    {
      department: 'criminal',
      month: month(),
      received: 3,
      ended: 2,
      outcomes: { completed: 1, withdrawn: 1 },
      onTimeRate: 100,
      averageWorkingDays: 0,
      ratings: { count: 1, average: 5, good: 1, bad: 0, satisfactionRate: 100 },
    },
  ]);

  const household = await statistics(await officerToken(stack, 'hz_reception'));
  expect(household.body.items).toMatchObject([{ department: 'household', received: 0, ended: 0, onTimeRate: null }]);
  expect(await statistics(reception, `month=${month()}&scope=all`)).toMatchObject({
    status: 403,
    body: { code: 'ROLE_NOT_ALLOWED' },
  });
  const all = await statistics(await officerToken(stack, 'inspector'), `month=${month()}&scope=all`);
  expect(all.body.items).toHaveLength(9);
  expect(all.body.items.find((d) => d.department === 'criminal')).toMatchObject({ received: 3, ended: 2 });
});

it.each([['month=2026-13'], ['month=202611'], ['']])('refuses the query %s with a clear error', async (query) => {
  const res = await statistics(await officerToken(stack, 'xz_reception'), query);
  expect(res).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', message: expect.any(String) } });
});
