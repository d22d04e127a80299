import { verifiedCitizen } from '../support/cases';
import { startTestStack, type TestStack } from '../support/test-stack';

/** Material uploads go straight to the object store through presigned URLs it verifies. */
let stack: TestStack;
let citizen: { token: string };
let caseId: string;
beforeAll(async () => {
  stack = await startTestStack();
  citizen = await verifiedCitizen(stack, '杨帆');
  caseId = (await stack.api<{ id: string }>('POST', '/applications', { itemCode: 'XZ-001' }, citizen.token)).body.id;
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

const ticket = (body: Record<string, unknown>) =>
  stack.api<{ url: string; headers: Record<string, string>; uploadId: string }>(
    'POST',
    '/uploads',
    {
      applicationId: caseId,
      materialKey: 'authorisation',
      fileName: 'a.pdf',
      contentType: 'application/pdf',
      size: 10,
      ...body,
    },
    citizen.token,
  );

it.each([
  ['a type that is not JPG, PNG or PDF', { contentType: 'application/zip' }, '仅支持'],
  ['a file over 10 MB', { size: 11 * 1024 * 1024 }, '10 MB'],
])('refuses %s before issuing a URL', async (_label, body, message) => {
  const res = await ticket(body);
  expect(res.status).toBe(400);
  expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining(message) });
});

it('refuses an upload for a material the police already hold electronically', async () => {
  const res = await ticket({ materialKey: 'idCard' });
  expect(res).toMatchObject({
    status: 400,
    body: { code: 'MATERIAL_INVALID', message: expect.stringContaining('电子证照') },
  });
});

it('accepts exactly the declared bytes and type, and nothing else', async () => {
  const good = await ticket({ size: 10 });
  expect(good.status).toBe(201);
  const wrongSize = await fetch(good.body.url, { method: 'PUT', headers: good.body.headers, body: Buffer.alloc(11) });
  expect(wrongSize.status).toBe(403);
  expect(await wrongSize.text()).toContain('SignatureDoesNotMatch');
  const wrongType = await fetch(good.body.url, {
    method: 'PUT',
    headers: { 'Content-Type': 'image/png' },
    body: Buffer.alloc(10),
  });
  expect(wrongType.status).toBe(403);
  const ok = await fetch(good.body.url, { method: 'PUT', headers: good.body.headers, body: Buffer.alloc(10) });
  expect(ok.status).toBe(200);
});

it('refuses a tampered URL', async () => {
  const good = await ticket({});
  const tampered = good.body.url.replace(/materials%2F|materials\//, 'materials/other-');
  expect((await fetch(tampered, { method: 'PUT', headers: good.body.headers, body: Buffer.alloc(10) })).status).toBe(
    403,
  );
});

it('will not let a draft reference an upload that never arrived', async () => {
  const pending = await ticket({});
  const draft = await stack.api<{ version: number }>('GET', `/applications/${caseId}`, undefined, citizen.token);
  const saved = await stack.api(
    'PUT',
    `/applications/${caseId}`,
    {
      expectedVersion: draft.body.version,
      formData: {},
      materials: [{ materialKey: 'authorisation', kind: 'upload', uploadId: pending.body.uploadId, fileName: 'a.pdf' }],
    },
    citizen.token,
  );
  expect(saved.status).toBe(200);
  const submit = await stack.api(
    'POST',
    `/applications/${caseId}/submit`,
    { expectedVersion: (saved.body as { version: number }).version },
    citizen.token,
  );
  expect(submit.status).toBe(400);
});
