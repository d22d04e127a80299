import { ANONYMOUS_REPORTER_LABEL, findServiceItem, type ServiceItem } from '@minsheng/shared';
import { type Json, officerToken, validFormData, verifiedCitizen } from '../support/cases';
import { startTestStack, type TestStack } from '../support/test-stack';

/**
 * ZA-056 offers 匿名: an anonymous reporter is hidden from officers (queue and case view: no
 * name, ID number or phone), while the reporter still follows the case.
 */
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

const ITEM = 'ZA-056';
const PHONE = '13711112222';

async function report(token: string, anonymous: 'yes' | 'no') {
  const item = findServiceItem(ITEM) as ServiceItem;
  const draft = await stack.api<Json & { id: string; version: number; formData: Json }>(
    'POST',
    '/applications',
    { itemCode: ITEM },
    token,
  );
  const formData = validFormData(item, draft.body.formData);
  formData.applicant = { ...(formData.applicant as Json), phone: PHONE };
  formData.clue = { ...(formData.clue as Json), anonymous };
  const saved = await stack.api<{ version: number }>(
    'PUT',
    `/applications/${draft.body.id}`,
    { expectedVersion: draft.body.version, formData, materials: [], deliveryMethod: 'electronic' },
    token,
  );
  expect(saved.status).toBe(200);
  const submitted = await stack.api<Json & { id: string }>(
    'POST',
    `/applications/${draft.body.id}/submit`,
    { expectedVersion: saved.body.version },
    token,
  );
  expect(submitted.status).toBe(200);
  return submitted.body.id;
}

async function officerSees(id: string) {
  const inspector = await officerToken(stack, 'inspector');
  const queue = await stack.api<{ items: Json[] }>(
    'GET',
    '/officer/queue?scope=all&department=public-order',
    undefined,
    inspector,
  );
  const row = queue.body.items.find((i) => i.id === id);
  const opened = await stack.api<Json & { applicant: Json; formData: Json }>(
    'GET',
    `/officer/applications/${id}`,
    undefined,
    inspector,
  );
  expect(opened.status).toBe(200);
  return { row, opened: opened.body };
}

it("hides an anonymous reporter's name, ID number and phone from officers; the reporter still follows the case", async () => {
  const citizen = await verifiedCitizen(stack, '黄磊');
  const id = await report(citizen.token, 'yes');
  const { row, opened } = await officerSees(id);
  expect(row).toMatchObject({ applicantNameMasked: ANONYMOUS_REPORTER_LABEL });
  expect(opened.applicant).toEqual({ nameMasked: ANONYMOUS_REPORTER_LABEL, idNumberMasked: ANONYMOUS_REPORTER_LABEL });
  expect(opened.formData.applicant).toBeUndefined();
  expect(opened.formData.clue).toMatchObject({ anonymous: 'yes' });
  const seen = JSON.stringify({ row, opened });
  // Nor the account id in the audit trail, which would link the report to the citizen's named cases.
  const { userId } = (await stack.api<{ userId: string }>('GET', '/me', undefined, citizen.token)).body;
  for (const trace of ['黄', citizen.idNumber, citizen.idNumber.slice(-4), PHONE, PHONE.slice(-4), userId]) {
    expect(seen).not.toContain(trace);
  }

  const mine = await stack.api<Json & { status: string; formData: Json }>(
    'GET',
    `/applications/${id}`,
    undefined,
    citizen.token,
  );
  expect(mine).toMatchObject({ status: 200, body: { status: 'submitted' } });
  expect(mine.body.formData.applicant).toMatchObject({ phone: '137****2222' });
}, 60_000);

it('shows a named reporter to officers as before', async () => {
  const citizen = await verifiedCitizen(stack, '黄磊');
  const id = await report(citizen.token, 'no');
  const { row, opened } = await officerSees(id);
  expect(row).toMatchObject({ applicantNameMasked: '黄*' });
  expect(opened.applicant).toMatchObject({ nameMasked: '黄*' });
  expect(opened.formData.applicant).toMatchObject({ phone: PHONE });
}, 60_000);
