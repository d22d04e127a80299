import { createHash } from 'node:crypto';
import { findServiceItem, type ServiceItem } from '@minsheng/shared';
import { type Json, officerToken, submittedCase, validFormData, verifiedCitizen } from '../support/cases';
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

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('base64');

const ticket = (body: Record<string, unknown>, bytes: Buffer = Buffer.alloc(10)) =>
  stack.api<{ url: string; headers: Record<string, string>; uploadId: string }>(
    'POST',
    '/uploads',
    {
      applicationId: caseId,
      materialKey: 'authorisation',
      fileName: 'a.pdf',
      contentType: 'application/pdf',
      size: bytes.length,
      sha256: sha256(bytes),
      ...body,
    },
    citizen.token,
  );

it.each([
  ['a type that is not JPG, PNG or PDF', { contentType: 'application/zip' }, '仅支持'],
  ['a file over 10 MB', { size: 11 * 1024 * 1024 }, '10 MB'],
  ['a missing checksum', { sha256: undefined }, 'SHA-256'],
  ['a checksum that is not SHA-256', { sha256: 'abc' }, 'SHA-256'],
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

/** A fresh draft of XZ-001 (one uploadable material: 授权委托书) with its own ticket budget. */
async function freshDraft(): Promise<string> {
  return (await stack.api<{ id: string }>('POST', '/applications', { itemCode: 'XZ-001' }, citizen.token)).body.id;
}

async function uploadTo(applicationId: string, bytes: Buffer, extra: Record<string, unknown> = {}) {
  const res = await ticket({ applicationId, ...extra }, bytes);
  expect(res.status).toBe(201);
  const put = await fetch(res.body.url, { method: 'PUT', headers: res.body.headers, body: new Uint8Array(bytes) });
  expect(put.status).toBe(200);
  return res.body;
}

async function saveAndSubmit(applicationId: string, ref: Record<string, unknown>) {
  const draft = await stack.api<{ version: number; formData: Json }>(
    'GET',
    `/applications/${applicationId}`,
    undefined,
    citizen.token,
  );
  const item = findServiceItem('XZ-001') as ServiceItem;
  const saved = await stack.api<{ version: number }>(
    'PUT',
    `/applications/${applicationId}`,
    {
      expectedVersion: draft.body.version,
      formData: validFormData(item, draft.body.formData),
      materials: [{ materialKey: 'idCard', kind: 'licence', licenceType: 'resident-id-card' }, ref],
      deliveryMethod: 'electronic',
    },
    citizen.token,
  );
  expect(saved.status).toBe(200);
  const submit = await stack.api(
    'POST',
    `/applications/${applicationId}/submit`,
    { expectedVersion: saved.body.version },
    citizen.token,
  );
  return { saved, submit };
}

it('signs the checksum into the PUT: other bytes of the same size are refused with BadDigest, before or after', async () => {
  const original = Buffer.from('%PDF-1.4 the citizen');
  const forged = Buffer.from('%PDF-1.4 someone els');
  const issued = await ticket({ applicationId: await freshDraft() }, original);
  const replay = await fetch(issued.body.url, { method: 'PUT', headers: issued.body.headers, body: forged });
  expect(replay.status).toBe(400);
  expect(await replay.text()).toContain('<Code>BadDigest</Code>');
  const dropped = await fetch(issued.body.url, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/pdf' },
    body: original,
  });
  expect(dropped.status).toBe(403);
  const ok = await fetch(issued.body.url, { method: 'PUT', headers: issued.body.headers, body: original });
  expect(ok.status).toBe(200);
  const again = await fetch(issued.body.url, { method: 'PUT', headers: issued.body.headers, body: forged });
  expect(again.status).toBe(400);
});

it('refuses on submit a file whose first bytes are not its declared type (an MZ executable as a PDF)', async () => {
  const caseIdForExe = await freshDraft();
  const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62, 0x90)]);
  const upload = await uploadTo(caseIdForExe, exe, { fileName: 'scan.pdf' });
  const { submit } = await saveAndSubmit(caseIdForExe, {
    materialKey: 'authorisation',
    kind: 'upload',
    uploadId: upload.uploadId,
    fileName: 'scan.pdf',
  });
  expect(submit.status).toBe(400);
  expect(submit.body).toMatchObject({
    code: 'MATERIAL_INVALID',
    details: [{ path: 'materials.authorisation', message: expect.stringContaining('文件内容与文件类型不符') }],
  });
});

it('stores file names without directories, control or bidi characters, or reserved device names', async () => {
  const draftId = await freshDraft();
  const upload = await uploadTo(draftId, Buffer.from('%PDF-1.4 name test'));
  const draft = await stack.api<{ version: number }>('GET', `/applications/${draftId}`, undefined, citizen.token);
  const names = ['..\\..\\windows\\CON.pdf', 'a/b/\u202Efdp.exe', `x\u0000y${'长'.repeat(300)}.pdf`];
  const saved = await stack.api<{ materials: { fileName: string }[] }>(
    'PUT',
    `/applications/${draftId}`,
    {
      expectedVersion: draft.body.version,
      formData: {},
      materials: names.map((fileName) => ({
        materialKey: 'authorisation',
        kind: 'upload',
        uploadId: upload.uploadId,
        fileName,
      })),
    },
    citizen.token,
  );
  expect(saved.status).toBe(200);
  const [device, bidi, long] = saved.body.materials.map((m) => m.fileName);
  expect(device).toBe('_CON.pdf');
  expect(bidi).toBe('fdp.exe');
  expect(long?.startsWith('xy长')).toBe(true);
  expect(long?.endsWith('.pdf')).toBe(true);
  expect([...(long ?? '')].length).toBe(120);
});

it('issues a case at most five tickets per uploadable material, then refuses with UPLOAD_LIMIT_REACHED', async () => {
  const draftId = await freshDraft();
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) statuses.push((await ticket({ applicationId: draftId })).status);
  expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
  const refused = await ticket({ applicationId: draftId });
  expect(refused.body).toMatchObject({ code: 'UPLOAD_LIMIT_REACHED' });
});

it('shows officers the signed checksum, serves exactly those bytes and audits every download', async () => {
  const submitted = await submittedCase(stack, citizen.token, 'HZ-005');
  const officer = await officerToken(stack, 'hz_reception');
  type View = {
    materials: { kind: string; uploadId?: string }[];
    uploads: { uploadId: string; sha256: string }[];
    audit: { chain: string; action: string; actor: string }[];
    auditChainValid: boolean;
  };
  const view = await stack.api<View>('GET', `/officer/applications/${submitted.id}`, undefined, officer);
  const uploadId = view.body.materials.find((m) => m.kind === 'upload')?.uploadId as string;
  const recorded = view.body.uploads.find((u) => u.uploadId === uploadId)?.sha256;
  expect(recorded).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  const link = await stack.api<{ url: string }>('GET', `/officer/materials/${uploadId}`, undefined, officer);
  expect(link.status).toBe(200);
  const bytes = Buffer.from(await (await fetch(link.body.url)).arrayBuffer());
  expect(sha256(bytes)).toBe(recorded);
  const after = await stack.api<View>('GET', `/officer/applications/${submitted.id}`, undefined, officer);
  expect(after.body.auditChainValid).toBe(true);
  expect(after.body.audit.filter((a) => a.chain === 'access' && a.action === 'download_material')).toEqual([
    expect.objectContaining({ actor: 'officer:hz_reception' }),
  ]);
});
