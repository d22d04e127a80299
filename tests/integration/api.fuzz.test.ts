import { ErrorCatalog } from '@minsheng/shared';
import { DEMO_OFFICER_PASSWORD } from '../../dev/src/seed-officers';
import { API_ROUTES, type RouteContract } from '../../shared/src/api/routes';
import { officerToken, verifiedCitizen } from '../support/cases';
import { type FuzzRequest, fuzzRequest } from '../support/fuzz';
import { seededRng } from '../support/schema-walk';
import { startTestStack, syntheticIdNumber, type TestStack } from '../support/test-stack';

/**
 * At least 10,000 hostile requests, generated from the shared request schemas, across every
 * route serverless.yml declares: none may be answered 5xx, every error must carry a stable
 * code from the catalogue and a correlation id, and the data must come through intact.
 * Set FUZZ_SEED to replay a run; FUZZ_REQUESTS to change its size.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261208);
const TOTAL = Number(process.env.FUZZ_REQUESTS ?? 10_000);
const CONCURRENCY = 8;
const CORRELATION_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{7,99}$/;

let stack: TestStack;
let citizen: Awaited<ReturnType<typeof verifiedCitizen>>;
let officer: string;
let draft: { id: string; version: number; formData: unknown };

beforeAll(async () => {
  stack = await startTestStack();
  citizen = await verifiedCitizen(stack, '陈静');
  officer = await officerToken(stack, 'hz_approver');
  const created = await stack.api<{ id: string; version: number; formData: unknown }>(
    'POST',
    '/applications',
    { itemCode: 'HZ-001' },
    citizen.token,
  );
  if (created.status !== 201) throw new Error(`draft not created: ${JSON.stringify(created.body)}`);
  draft = created.body;
});
afterAll(() => stack?.stop());

/**
 * One request; a connection the server reset is tried once more (a keep-alive socket the
 * server closed after refusing a large body unread). A second failure counts as a failure.
 */
async function send(request: FuzzRequest, retried = false): Promise<Awaited<ReturnType<typeof sendOnce>>> {
  try {
    return await sendOnce(request);
  } catch (error) {
    if (retried || String((error as Error).cause).indexOf('ECONNRESET') < 0) throw error;
    resets++;
    return send(request, true);
  }
}
let resets = 0;

async function sendOnce(request: FuzzRequest) {
  const res = await fetch(`${stack.apiUrl}${request.target}`, {
    method: request.method,
    headers: request.headers,
    body: request.body,
  });
  const text = await res.text();
  let body: { code?: string } | undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: res.status, body, correlationId: res.headers.get('x-correlation-id') };
}

it(`answers ${TOTAL} hostile requests across every route without a 5xx`, async () => {
  const rng = seededRng(SEED);
  const routes = Object.entries(API_ROUTES) as [string, RouteContract][];
  const perRoute = Math.ceil(TOTAL / routes.length);
  const ctx = {
    rng,
    tokens: { citizen: citizen.token, officer },
    ids: { id: [draft.id], uploadId: [draft.id], outTradeNo: ['MS20261208000001'], plate: ['闽A12345'] },
    known: {
      itemCode: ['HZ-001', 'CR-001', 'XZ-002', 'JG-031', 'ZA-056'],
      idNumber: [syntheticIdNumber('350102', '19800101', '551'), citizen.idNumber],
      name: ['陈静', '李四'],
      creditCode: ['91350102MA2XY8K3Q4'],
      organisationCreditCode: ['91350102MA2XY8K3Q4'],
      plate: ['闽A12345'],
      engineNumberLast6: ['K35102'],
      hallId: ['citizen-centre', 'vehicle-office'],
      date: ['2026-12-09', '2027-02-05'],
      month: ['2026-12'],
      time: ['09:00'],
      username: ['hz_approver', 'nobody_here'],
      password: [DEMO_OFFICER_PASSWORD, 'wrong-password'],
      applicationId: [draft.id],
      expectedVersion: [draft.version],
      materialKey: ['idCard', 'photo'],
      uploadId: [draft.id],
      'formData{key}': ['applicant', 'constructor', 'unknownSection'],
    },
  };
  const requests = routes.flatMap(([key, contract]) =>
    Array.from({ length: perRoute }, () => ({ key, caller: contract.caller, ...fuzzRequest(key, contract, ctx) })),
  );

  const failures: string[] = [];
  const codes = new Map<string, number>();
  const statuses = new Map<number, number>();
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const request = requests[next++] as FuzzRequest & { key: string; caller: string };
      const res = await send(request).catch((error: Error) => {
        failures.push(
          `${request.key} [${request.mutation}] ${request.method} ${request.target.slice(0, 80)}: ${error.cause ?? error}`,
        );
        return undefined;
      });
      if (!res) continue;
      const label = `${request.key} [${request.mutation}] → ${res.status}`;
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status >= 500) failures.push(`${label} ${JSON.stringify(res.body)}`);
      if (res.status >= 400) {
        const code = res.body?.code;
        // WeChat Pay's notification protocol fixes its own answer: {"code":"FAIL","message":…}.
        const stable =
          request.caller === 'wechatpay' ? code === 'FAIL' : Boolean(code && Object.hasOwn(ErrorCatalog, code));
        if (!stable) failures.push(`${label} without a stable code`);
        codes.set(code ?? '?', (codes.get(code ?? '?') ?? 0) + 1);
      }
      if (!res.correlationId || !CORRELATION_ID.test(res.correlationId))
        failures.push(`${label} without a valid correlation id`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));

  console.log(
    `fuzz: ${requests.length} requests, ${routes.length} routes, seed ${SEED}, ${resets} connection resets retried; statuses ${JSON.stringify(Object.fromEntries(statuses))}; codes ${JSON.stringify(Object.fromEntries(codes))}`,
  );
  expect(requests.length).toBeGreaterThanOrEqual(TOTAL);
  expect(new Set(requests.map((r) => r.key)).size).toBe(routes.length);
  expect(failures.slice(0, 20)).toEqual([]);
  // The hostile traffic reached past the schemas into the rules, not only the parsers.
  expect(codes.size).toBeGreaterThan(15);

  // Nothing lost: the draft is intact and the service answers as before.
  const after = await stack.api<{ id: string; formData: unknown }>(
    'GET',
    `/applications/${draft.id}`,
    undefined,
    citizen.token,
  );
  expect(after.status).toBe(200);
  expect(Object.getPrototypeOf({}).polluted).toBeUndefined();
  expect((await stack.api('GET', '/health')).status).toBe(200);
}, 600_000);
