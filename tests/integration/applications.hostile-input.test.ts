import { findServiceItem, type ServiceItem } from '@minsheng/shared';
import { type Json, validFormData, verifiedCitizen } from '../support/cases';
import { startTestStack, type TestStack } from '../support/test-stack';

/**
 * Input that passes a loose schema but breaks the store or the rules: each used to be a
 * 500 INTERNAL. Every answer must be a 4xx with a stable code, and the draft must be unharmed.
 */
let stack: TestStack;
let token: string;
const ITEM = 'HZ-015'; // 居民身份证补领: the applicant types a phone number (a sealed field)
const item = findServiceItem(ITEM) as ServiceItem;

beforeAll(async () => {
  stack = await startTestStack();
  token = (await verifiedCitizen(stack, '周敏')).token;
});
afterAll(() => stack?.stop());

async function draft() {
  const res = await stack.api<Json & { id: string; version: number; formData: Json; materials: Json[] }>(
    'POST',
    '/applications',
    { itemCode: ITEM },
    token,
  );
  expect(res.status).toBe(201);
  return res.body;
}

const save = (id: string, body: Json) => stack.api('PUT', `/applications/${id}`, body, token);
const saveRaw = (id: string, raw: string) => stack.api('PUT', `/applications/${id}`, undefined, token, raw);

describe('PUT /applications/{id} refuses form data the form cannot hold', () => {
  it.each(['constructor', '__proto__', 'prototype'])('a %s key anywhere in the body', async (key) => {
    const d = await draft();
    const form = JSON.stringify(validFormData(item, d.formData));
    const raw = `{"expectedVersion":${d.version},"materials":[],"formData":${form.slice(0, -1)},"${key}":{"polluted":1}}}`;
    const res = await saveRaw(d.id, raw);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'UNSAFE_FIELD_NAME' });
    expect(({} as Json).polluted).toBeUndefined();
  });

  it('nesting deeper than any form', async () => {
    const d = await draft();
    const deep = `${'{"a":'.repeat(40)}1${'}'.repeat(40)}`;
    const res = await saveRaw(d.id, `{"expectedVersion":${d.version},"materials":[],"formData":{"applicant":${deep}}}`);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'REQUEST_TOO_COMPLEX' });
  });

  it('a field of 300 KB', async () => {
    const d = await draft();
    const formData = validFormData(item, d.formData);
    (formData.applicant as Json).reason = '长'.repeat(300_000);
    const res = await save(d.id, { expectedVersion: d.version, materials: [], formData });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('a section or field the form does not define', async () => {
    const d = await draft();
    const extraField = validFormData(item, d.formData);
    (extraField.applicant as Json).notOnTheForm = 'x';
    const field = await save(d.id, { expectedVersion: d.version, materials: [], formData: extraField });
    expect(field.status).toBe(400);
    expect(field.body).toMatchObject({
      code: 'FORM_FIELD_UNKNOWN',
      details: [{ path: 'formData.applicant.notOnTheForm' }],
    });
    const section = await save(d.id, {
      expectedVersion: d.version,
      materials: [],
      formData: { ...validFormData(item, d.formData), extraSection: { a: 'b' } },
    });
    expect(section.status).toBe(400);
    expect(section.body).toMatchObject({ code: 'FORM_FIELD_UNKNOWN' });
  });

  it('a forged sealed value, or a number, where a phone number is expected', async () => {
    const d = await draft();
    const forged = validFormData(item, d.formData);
    (forged.applicant as Json).phone = { sealed: 'v1.AAAA.BBBB', masked: '138****0000' };
    const sealed = await save(d.id, { expectedVersion: d.version, materials: [], formData: forged });
    expect(sealed.status).toBe(400);
    const numeric = validFormData(item, d.formData);
    (numeric.applicant as Json).phone = 13800138000;
    const number = await save(d.id, { expectedVersion: d.version, materials: [], formData: numeric });
    expect(number.status).toBe(400);
    expect(number.body).toMatchObject({ code: 'SENSITIVE_VALUE_INVALID' });
    // The draft is unharmed and still saves as typed.
    const ok = await save(d.id, {
      expectedVersion: d.version,
      materials: [],
      formData: validFormData(item, d.formData),
    });
    expect(ok.status).toBe(200);
    expect((ok.body as { formData: { applicant: Json } }).formData.applicant.phone).toBe('138****8000');
  });
});

describe('ids of 3 KB are refused, not looked up', () => {
  const long = 'x'.repeat(3000);

  it('applicationId and materialKey in POST /uploads', async () => {
    const d = await draft();
    const upload = { materialKey: 'photo', fileName: 'a.jpg', contentType: 'image/jpeg', size: 10 };
    for (const body of [
      { ...upload, applicationId: long },
      { ...upload, applicationId: d.id, materialKey: long },
    ]) {
      const res = await stack.api('POST', '/uploads', body, token);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
  });

  it('uploadId and materialKey in the materials of a draft and of a supplement', async () => {
    const d = await draft();
    const real = { materialKey: 'householdRegister', kind: 'upload', uploadId: 'u-1', fileName: 'a.pdf' };
    for (const material of [
      { ...real, uploadId: long },
      { ...real, materialKey: long },
    ]) {
      const saved = await save(d.id, { expectedVersion: d.version, materials: [material], formData: {} });
      expect(saved.status).toBe(400);
      const supplied = await stack.api(
        'POST',
        `/applications/${d.id}/supplement`,
        { expectedVersion: d.version, materials: [material] },
        token,
      );
      expect(supplied.status).toBe(400);
    }
  });

  it('a 3 KB path id finds nothing', async () => {
    const res = await stack.api('GET', `/applications/${long}`, undefined, token);
    expect(res.status).toBe(404);
  });
});

describe('bodies and correlation ids', () => {
  it('a body over 1 MB gets 413 with a catalogue code', async () => {
    const d = await draft();
    const res = await saveRaw(d.id, JSON.stringify({ expectedVersion: d.version, pad: 'p'.repeat(1_100_000) }));
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });

  it('every error carries x-correlation-id; a sent one is kept only when it is plainly an id', async () => {
    const send = (id: string) =>
      fetch(`${stack.apiUrl}/applications/nope`, {
        headers: { authorization: `Bearer ${token}`, 'x-correlation-id': id },
      });
    const kept = await send('client-req-0001');
    expect(kept.status).toBe(404);
    expect(kept.headers.get('x-correlation-id')).toBe('client-req-0001');
    expect(((await kept.json()) as Json).correlationId).toBe('client-req-0001');
    for (const odd of ['<script>', 'x'.repeat(300), 'a b c d e f g h']) {
      const res = await send(odd);
      const id = res.headers.get('x-correlation-id');
      expect(id).toMatch(/^[A-Za-z0-9][A-Za-z0-9._:-]{7,99}$/);
      expect(id).not.toBe(odd);
    }
    const unrouted = await fetch(`${stack.apiUrl}/no/such/route`);
    expect(unrouted.status).toBe(404);
    expect(await unrouted.json()).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
    expect(unrouted.headers.get('x-correlation-id')).toBeTruthy();
  });

  it('personal data is never cached by a browser or proxy', async () => {
    const res = await fetch(`${stack.apiUrl}/applications`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});
