import { findServiceItem, type ServiceItem } from '@minsheng/shared';
import { type Json, officerToken, validFormData, verifiedCitizen } from '../support/cases';
import { startTestStack, syntheticIdNumber, type TestStack } from '../support/test-stack';

/**
 * A second case of the same item starts from the first one's answers. Sensitive values are
 * sealed per case, so the copies must be sealed afresh for the new case: submitting the
 * pre-filled draft unchanged works, and the officer reads the values the citizen typed.
 */
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

type Draft = Json & { id: string; version: number; formData: Json; materials: Json[]; status: string };
const ITEM = 'XZ-001';
const agentIdNumber = syntheticIdNumber('350102', '19700101', '555');

async function draftAndSubmit(token: string, formData: (draft: Draft) => Json) {
  const draft = await stack.api<Draft>('POST', '/applications', { itemCode: ITEM }, token);
  expect(draft.status).toBe(201);
  const saved = await stack.api<Draft>(
    'PUT',
    `/applications/${draft.body.id}`,
    {
      expectedVersion: draft.body.version,
      formData: formData(draft.body),
      materials: draft.body.materials,
      deliveryMethod: 'electronic',
    },
    token,
  );
  expect(saved.status).toBe(200);
  const submitted = await stack.api<Draft>(
    'POST',
    `/applications/${draft.body.id}/submit`,
    { expectedVersion: saved.body.version },
    token,
  );
  return { draft: draft.body, submitted };
}

it('submits a second case pre-filled from the first unchanged, and the officer sees the values typed', async () => {
  const citizen = await verifiedCitizen(stack);
  const item = findServiceItem(ITEM) as ServiceItem;
  const first = await draftAndSubmit(citizen.token, (draft) => {
    const data = validFormData(item, draft.formData);
    data.applicant = {
      ...(data.applicant as Json),
      phone: '13712345678',
      applyMode: 'agent',
      agentName: '陈静',
      agentIdNumber,
      agentPhone: '13698765432',
    };
    return data;
  });
  expect(first.submitted.status).toBe(200);

  // The citizen's screen holds only masks; sending them back means "unchanged".
  const second = await draftAndSubmit(citizen.token, (draft) => draft.formData);
  expect(second.draft.formData.applicant).toMatchObject({ phone: '137****5678', agentName: '陈静' });
  expect(second.submitted.status).toBe(200);
  expect(second.submitted.body.status).toBe('submitted');

  const officer = await officerToken(stack, 'xz_reception');
  const opened = await stack.api<{ formData: Json }>(
    'GET',
    `/officer/applications/${second.draft.id}`,
    undefined,
    officer,
  );
  expect(opened.status).toBe(200);
  expect(opened.body.formData.applicant).toMatchObject({
    phone: '13712345678',
    agentIdNumber,
    agentPhone: '13698765432',
  });
}, 60_000);
