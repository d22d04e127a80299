import { createHash, randomUUID } from 'node:crypto';
import { type FormField, findServiceItem, type ServiceItem } from '@minsheng/shared';
import { DEMO_OFFICER_PASSWORD } from '../../dev/src/seed-officers';
import { demoOfficerCode } from './officer-login';
import { syntheticIdNumber, type TestStack } from './test-stack';

/** Helpers that walk cases through the real API, as citizens and officers would. */
export type Json = Record<string, unknown>;

let idSequence = 300;

/** A new WeChat user who logs in and completes real-name verification. */
export async function verifiedCitizen(
  stack: TestStack,
  name = '刘洋',
): Promise<{ openid: string; token: string; idNumber: string }> {
  const openid = `o_case_${randomUUID().slice(0, 10)}`;
  const { accessToken } = await stack.login(openid);
  const idNumber = syntheticIdNumber('440106', '19850615', String(idSequence++));
  const start = await stack.api('POST', '/identity/verifications', { name, idNumber, consent: true }, accessToken);
  if (start.status !== 201) throw new Error(`verification start failed: ${JSON.stringify(start.body)}`);
  const verifyResult = await stack.faceResult({ openid, name, idCardNumber: idNumber });
  const done = await stack.api('POST', '/identity/verifications/face', { verifyResult }, accessToken);
  if (done.status !== 200) throw new Error(`verification failed: ${JSON.stringify(done.body)}`);
  return { openid, token: accessToken, idNumber };
}

const officerTokens = new WeakMap<TestStack, Map<string, string>>();
/** By the (possibly pinned) clock of the test: a test that moves time on gets a token valid then. */
const expiredNow = (token: string): boolean => {
  const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: number };
  return !claims.exp || claims.exp * 1000 <= Date.now();
};

/**
 * A demo officer's token (password and TOTP code), one login per officer and stack: the tokens
 * last hours, and each TOTP step logs in once. Pass `fresh` to log in again.
 */
export async function officerToken(stack: TestStack, username: string, fresh = false): Promise<string> {
  const tokens = officerTokens.get(stack) ?? new Map<string, string>();
  officerTokens.set(stack, tokens);
  const known = tokens.get(username);
  if (known && !fresh && !expiredNow(known)) return known;
  const res = await stack.api<{ token: string }>('POST', '/officer/login', {
    username,
    password: DEMO_OFFICER_PASSWORD,
    code: await demoOfficerCode(stack, username),
  });
  if (res.status !== 200 || !res.body.token) throw new Error(`officer login failed: ${JSON.stringify(res.body)}`);
  tokens.set(username, res.body.token);
  return res.body.token;
}

function sampleValue(field: FormField): unknown {
  switch (field.type) {
    case 'number':
      return field.min ?? 1;
    case 'date':
      return '2026-01-15';
    case 'select':
    case 'radio':
      return field.options?.[0]?.value;
    case 'checkbox':
      return true;
    case 'idNumber':
      return syntheticIdNumber('350102', '19700101', '123');
    case 'phone':
      return '13800138000';
    case 'plate':
      return '粤B12345';
    case 'address':
      return '广东省深圳市福田区福中三路1号';
    case 'textarea':
      return '用于办理相关手续的说明';
    default:
      return field.maxLength && field.maxLength < 4 ? 'A' : field.maxLength === 18 ? '91440300MA5ABCDE1X' : '测试内容';
  }
}

/** A form filled validly from the item's own definition (prefilled fields kept as the draft had them). */
export function validFormData(item: ServiceItem, draft: Json = {}): Json {
  const data: Json = {};
  for (const section of item.form.sections) {
    const one = () => {
      const values: Json = { ...((draft[section.key] as Json | undefined) ?? {}) };
      for (const field of section.fields) if (!field.prefill) values[field.key] = sampleValue(field);
      return values;
    };
    data[section.key] = section.repeat ? Array.from({ length: Math.max(section.repeat.min, 1) }, one) : one();
  }
  return data;
}

/** Uploads a small PDF for a material through the presigned URL and returns its reference. */
export async function uploadMaterial(
  stack: TestStack,
  token: string,
  applicationId: string,
  materialKey: string,
  fileName = '证明材料.pdf',
) {
  const bytes = Buffer.from(`%PDF-1.4\n% ${materialKey} ${randomUUID()}\n%%EOF\n`);
  const sha256 = createHash('sha256').update(bytes).digest('base64');
  const ticket = await stack.api<{ uploadId: string; url: string; headers: Record<string, string> }>(
    'POST',
    '/uploads',
    { applicationId, materialKey, fileName, contentType: 'application/pdf', size: bytes.length, sha256 },
    token,
  );
  if (ticket.status !== 201) throw new Error(`upload ticket refused: ${JSON.stringify(ticket.body)}`);
  const put = await fetch(ticket.body.url, { method: 'PUT', headers: ticket.body.headers, body: bytes });
  if (put.status !== 200) throw new Error(`upload PUT failed: ${put.status} ${await put.text()}`);
  return { materialKey, kind: 'upload' as const, uploadId: ticket.body.uploadId, fileName };
}

/**
 * Creates, fills and equips a draft for `itemCode` (with `draftOptions` such as
 * `organisationCreditCode`), ready to submit; returns its id and version.
 */
export async function preparedDraft(
  stack: TestStack,
  token: string,
  itemCode: string,
  draftOptions: Json = {},
): Promise<{ id: string; version: number }> {
  const item = findServiceItem(itemCode) as ServiceItem;
  const draft = await stack.api<Json & { id: string; version: number; formData: Json; materials: Json[] }>(
    'POST',
    '/applications',
    { itemCode, ...draftOptions },
    token,
  );
  if (draft.status !== 201) throw new Error(`draft refused: ${JSON.stringify(draft.body)}`);
  const { id } = draft.body;
  const materials: Json[] = [...draft.body.materials];
  for (const material of item.materials.filter((m) => m.uploadable && m.required)) {
    materials.push(await uploadMaterial(stack, token, id, material.key));
  }
  const deliveryMethod = item.deliveryMethods.includes('electronic')
    ? 'electronic'
    : item.deliveryMethods.includes('window')
      ? 'window'
      : 'post';
  const saved = await stack.api<{ version: number }>(
    'PUT',
    `/applications/${id}`,
    {
      expectedVersion: draft.body.version,
      formData: validFormData(item, draft.body.formData),
      materials,
      deliveryMethod,
      postalAddress:
        deliveryMethod === 'post'
          ? { recipient: '刘洋', phone: '13900139000', address: '广东省深圳市南山区科技园1号' }
          : undefined,
    },
    token,
  );
  if (saved.status !== 200) throw new Error(`save refused: ${JSON.stringify(saved.body)}`);
  return { id, version: saved.body.version };
}

/**
 * Creates, fills, equips and submits a case for `itemCode` (with `draftOptions` such as
 * `organisationCreditCode` for the draft); returns the submitted view.
 */
export async function submittedCase(
  stack: TestStack,
  token: string,
  itemCode: string,
  draftOptions: Json = {},
): Promise<Json & { id: string; version: number; status: string }> {
  const { id, version } = await preparedDraft(stack, token, itemCode, draftOptions);
  const submitted = await stack.api<Json & { id: string; version: number; status: string }>(
    'POST',
    `/applications/${id}/submit`,
    { expectedVersion: version },
    token,
  );
  if (submitted.status !== 200) throw new Error(`submit refused: ${JSON.stringify(submitted.body)}`);
  return submitted.body;
}

/** An officer takes an action on the case as it currently stands. */
export async function act(stack: TestStack, token: string, id: string, action: string, extra: Json = {}) {
  const view = await stack.api<{ version: number }>('GET', `/officer/applications/${id}`, undefined, token);
  return stack.api<Json & { status: string; version: number }>(
    'POST',
    `/officer/applications/${id}/actions`,
    { action, expectedVersion: view.body.version, ...extra },
    token,
  );
}

export const ACTION_EXTRAS: Record<string, Json> = {
  not_accept: { reason: '不属于本机关管辖' },
  refuse: { reason: '申请人不符合办理条件', legalBasis: '《中华人民共和国行政许可法》第三十八条' },
  request_supplement: { missingMaterials: ['居民身份证复印件清晰件'], reason: '请一次性补齐' },
  deliver: { deliveryMethod: 'electronic' },
};

export const itemExists = (code: string) => Boolean(findServiceItem(code));
