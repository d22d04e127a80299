import { findServiceItem } from '@minsheng/shared';
import { act, officerToken, submittedCase, validFormData, verifiedCitizen } from '../support/cases';
import { startTestStack, type TestStack } from '../support/test-stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

it('lets exactly one of two concurrent officer decisions win; the other gets VERSION_CONFLICT', async () => {
  const citizen = await verifiedCitizen(stack);
  const submitted = await submittedCase(stack, citizen.token, 'XZ-001');
  const [a, b] = await Promise.all([officerToken(stack, 'xz_reception'), officerToken(stack, 'xz_head')]);
  const view = await stack.api<{ version: number }>('GET', `/officer/applications/${submitted.id}`, undefined, a);
  const results = await Promise.all([
    stack.api(
      'POST',
      `/officer/applications/${submitted.id}/actions`,
      { action: 'accept', expectedVersion: view.body.version },
      a,
    ),
    stack.api(
      'POST',
      `/officer/applications/${submitted.id}/actions`,
      { action: 'not_accept', expectedVersion: view.body.version, reason: '材料不实' },
      b,
    ),
  ]);
  expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
  expect(results.find((r) => r.status === 409)?.body).toMatchObject({ code: 'VERSION_CONFLICT' });
  const trail = await stack.api<{ timeline: { action: string }[] }>(
    'GET',
    `/applications/${submitted.id}`,
    undefined,
    citizen.token,
  );
  expect(trail.body.timeline.filter((t) => ['accept', 'not_accept'].includes(t.action))).toHaveLength(1);
});

it('submits a draft once even when the citizen taps twice', async () => {
  const citizen = await verifiedCitizen(stack, '何静');
  const item = findServiceItem('XZ-001');
  if (!item) throw new Error('XZ-001 missing from the catalogue');
  const draft = await stack.api<{
    id: string;
    version: number;
    formData: Record<string, unknown>;
    materials: unknown[];
  }>('POST', '/applications', { itemCode: 'XZ-001' }, citizen.token);
  const saved = await stack.api<{ version: number }>(
    'PUT',
    `/applications/${draft.body.id}`,
    {
      expectedVersion: draft.body.version,
      formData: validFormData(item, draft.body.formData),
      materials: draft.body.materials,
      deliveryMethod: 'electronic',
    },
    citizen.token,
  );
  const taps = await Promise.all(
    [1, 2, 3].map(() =>
      stack.api(
        'POST',
        `/applications/${draft.body.id}/submit`,
        { expectedVersion: saved.body.version },
        citizen.token,
      ),
    ),
  );
  expect(taps.map((t) => t.status).sort()).toEqual([200, 409, 409]);
});

it('refuses a stale save of a draft (no lost update)', async () => {
  const citizen = await verifiedCitizen(stack, '冯敏');
  const draft = await stack.api<{
    id: string;
    version: number;
    formData: Record<string, unknown>;
    materials: unknown[];
  }>('POST', '/applications', { itemCode: 'XZ-001' }, citizen.token);
  const first = await stack.api(
    'PUT',
    `/applications/${draft.body.id}`,
    { expectedVersion: draft.body.version, formData: draft.body.formData, materials: [] },
    citizen.token,
  );
  expect(first.status).toBe(200);
  const stale = await stack.api(
    'PUT',
    `/applications/${draft.body.id}`,
    { expectedVersion: draft.body.version, formData: draft.body.formData, materials: [] },
    citizen.token,
  );
  expect(stale).toMatchObject({ status: 409, body: { code: 'VERSION_CONFLICT' } });
});

it('takes one decision per case when two approvers race after review started', async () => {
  const citizen = await verifiedCitizen(stack, '许诺');
  const submitted = await submittedCase(stack, citizen.token, 'XZ-001');
  const head = await officerToken(stack, 'xz_head');
  await act(stack, head, submitted.id, 'accept');
  await act(stack, head, submitted.id, 'start_review');
  const approver = await officerToken(stack, 'xz_approver');
  const view = await stack.api<{ version: number }>(
    'GET',
    `/officer/applications/${submitted.id}`,
    undefined,
    approver,
  );
  const results = await Promise.all([
    stack.api(
      'POST',
      `/officer/applications/${submitted.id}/actions`,
      { action: 'approve', expectedVersion: view.body.version },
      approver,
    ),
    stack.api(
      'POST',
      `/officer/applications/${submitted.id}/actions`,
      {
        action: 'refuse',
        expectedVersion: view.body.version,
        reason: '不符合',
        legalBasis: '《行政许可法》第三十八条',
      },
      head,
    ),
  ]);
  expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
});

it('pre-fills a second application from the first, re-sealed for the new case, and it submits', async () => {
  const citizen = await verifiedCitizen(stack, '钱多');
  await submittedCase(stack, citizen.token, 'XZ-001');
  const second = await submittedCase(stack, citizen.token, 'XZ-001');
  expect(second.status).toBe('submitted');
  const draft = await stack.api<{ formData: Record<string, Record<string, unknown>> }>(
    'POST',
    '/applications',
    { itemCode: 'XZ-001' },
    citizen.token,
  );
  expect(JSON.stringify(draft.body.formData)).toContain('138****8000');
});

it('keeps a saved postal phone when the masked value comes back unchanged', async () => {
  const citizen = await verifiedCitizen(stack, '孔明');
  const draft = await stack.api<{ id: string; version: number; formData: Record<string, unknown> }>(
    'POST',
    '/applications',
    { itemCode: 'XZ-001' },
    citizen.token,
  );
  const address = { recipient: '孔明', phone: '13912345678', address: '四川省成都市武侯区武侯祠大街1号' };
  const first = await stack.api<{ version: number; postalAddress: { phone: string } }>(
    'PUT',
    `/applications/${draft.body.id}`,
    {
      expectedVersion: draft.body.version,
      formData: draft.body.formData,
      materials: [],
      deliveryMethod: 'post',
      postalAddress: address,
    },
    citizen.token,
  );
  expect(first.body.postalAddress.phone).toBe('139****5678');
  const again = await stack.api<{ postalAddress: { phone: string } }>(
    'PUT',
    `/applications/${draft.body.id}`,
    {
      expectedVersion: first.body.version,
      formData: draft.body.formData,
      materials: [],
      deliveryMethod: 'post',
      postalAddress: { ...address, phone: '139****5678' },
    },
    citizen.token,
  );
  expect(again.status).toBe(200);
  expect(again.body.postalAddress.phone).toBe('139****5678');
});
