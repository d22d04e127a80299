import { findServiceItem, type ServiceItem } from '@minsheng/shared';
import { type LicenceRecord, putLicence } from '../../functions/src/repositories/licences';
import { type Json, officerToken, validFormData, verifiedCitizen } from '../support/cases';
import { startTestStack, type TestStack } from '../support/test-stack';

/** CR-008 repeat HK/Macau endorsement: decided by its rule when the permit shows no flag. */
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

async function userIdOf(token: string): Promise<string> {
  return (await stack.api<{ userId: string }>('GET', '/me', undefined, token)).body.userId;
}

/** A permit record as the exit-entry system would share it. */
async function givePermit(token: string, permit: Partial<LicenceRecord>): Promise<void> {
  await putLicence({
    userId: await userIdOf(token),
    type: 'hk-macau-permit',
    numberMasked: 'C1******8',
    validUntil: '2034-06-30',
    fields: { 证件种类: '电子往来港澳通行证' },
    flags: [],
    receivedAt: new Date().toISOString(),
    ...permit,
  });
}

async function applyForEndorsement(token: string) {
  const item = findServiceItem('CR-008') as ServiceItem;
  const draft = await stack.api<Json & { id: string; version: number; formData: Json; materials: Json[] }>(
    'POST',
    '/applications',
    { itemCode: 'CR-008' },
    token,
  );
  expect(draft.body.materials).toEqual([
    { materialKey: expect.any(String), kind: 'licence', licenceType: 'hk-macau-permit' },
  ]);
  const saved = await stack.api<{ version: number }>(
    'PUT',
    `/applications/${draft.body.id}`,
    {
      expectedVersion: draft.body.version,
      formData: validFormData(item, draft.body.formData),
      materials: draft.body.materials,
      deliveryMethod: 'window',
    },
    token,
  );
  return stack.api<Json & { id: string; status: string; decision?: Json; timeline: Json[] }>(
    'POST',
    `/applications/${draft.body.id}/submit`,
    { expectedVersion: saved.body.version },
    token,
  );
}

it('approves a repeat endorsement automatically and records the rule like a decision', async () => {
  const citizen = await verifiedCitizen(stack, '黄海');
  await givePermit(citizen.token, { endorsementsIssued: 3 });
  const res = await applyForEndorsement(citizen.token);
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({
    status: 'approved',
    decision: { outcome: 'approved', automatic: true, reason: expect.stringContaining('再次签注') },
  });
  expect(res.body.timeline.map((t) => t.action)).toEqual(['create', 'submit', 'auto_approve']);

  const approver = await officerToken(stack, 'crj_approver');
  const view = await stack.api<{ audit: { action: string; actor: string }[]; auditChainValid: boolean }>(
    'GET',
    `/officer/applications/${res.body.id}`,
    undefined,
    approver,
  );
  expect(view.body.audit.find((a) => a.action === 'auto_approve')).toMatchObject({
    actor: 'system:rule:repeat-hk-macau-endorsement',
  });
  expect(view.body.auditChainValid).toBe(true);
});

it('leaves a first endorsement to an officer', async () => {
  const citizen = await verifiedCitizen(stack, '蓝天');
  await givePermit(citizen.token, { endorsementsIssued: 0 });
  const res = await applyForEndorsement(citizen.token);
  expect(res.body).toMatchObject({ status: 'submitted' });
  expect(res.body.decision).toBeUndefined();
});

it('leaves a flagged permit to an officer', async () => {
  const citizen = await verifiedCitizen(stack, '白云');
  await givePermit(citizen.token, { endorsementsIssued: 5, flags: ['证件已挂失'] });
  const res = await applyForEndorsement(citizen.token);
  expect(res.body).toMatchObject({ status: 'submitted' });
});

it('does not let the permit stand in when it has expired', async () => {
  const citizen = await verifiedCitizen(stack, '紫霞');
  await givePermit(citizen.token, { validUntil: '2020-01-01', endorsementsIssued: 5 });
  const draft = await stack.api<{ materials: unknown[] }>(
    'POST',
    '/applications',
    { itemCode: 'CR-008' },
    citizen.token,
  );
  expect(draft.body.materials).toEqual([]);
});
