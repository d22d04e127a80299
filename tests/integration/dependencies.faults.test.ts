import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DynamoDbLocal, startDynamoDbLocal } from '../../dev/src/dynamodb-local';
import { startStack } from '../../dev/src/stack';
import { type Json, verifiedCitizen } from '../support/cases';
import { freePort } from '../support/global-setup';
import { type TestStack, withClient } from '../support/test-stack';

/**
 * A database that hangs or stops, and a WeChat that stalls: the API answers 503 with a stable
 * code and Retry-After within its timeout budget, writes nothing half-way, and serves normally
 * as soon as the dependency is back. This file runs its own DynamoDB Local (on disk, so it can
 * be stopped and started again with its data) and a short timeout budget, as configuration.
 */
let db: DynamoDbLocal;
let dbPort: number;
const dataDir = mkdtempSync(join(tmpdir(), 'minsheng-faults-db-'));
let stack: TestStack;
let token: string;
let draftId: string;

beforeAll(async () => {
  process.env.DEPENDENCY_CONNECT_TIMEOUT_MS = '500';
  process.env.DEPENDENCY_REQUEST_TIMEOUT_MS = '1000';
  dbPort = await freePort();
  db = await startDynamoDbLocal({ port: dbPort, dataDir });
  const tableName = 'faults';
  const running = await startStack({
    dynamoEndpoint: db.endpoint,
    tableName,
    secretsDir: mkdtempSync(join(tmpdir(), 'minsheng-keys-')),
  });
  stack = withClient(running, tableName);
  token = (await verifiedCitizen(stack, '韩梅')).token;
  const draft = await stack.api<{ id: string }>('POST', '/applications', { itemCode: 'HZ-015' }, token);
  draftId = draft.body.id;
}, 120_000);
afterAll(async () => {
  await stack?.stop();
  await db?.stop();
});

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = Date.now();
  const value = await fn();
  return { ms: Date.now() - start, value };
}

const expectUnavailable = (res: { status: number; body: Json; headers: Headers }, code = 'SERVICE_UNAVAILABLE') => {
  expect(res.status).toBe(503);
  expect(res.body).toMatchObject({ code });
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(res.headers.get('x-correlation-id')).toBeTruthy();
};

it('a hung database: a quick 503, then normal service once it answers again', async () => {
  process.kill(db.pid, 'SIGSTOP');
  try {
    const { ms, value } = await timed(() => stack.api<Json>('GET', '/applications', undefined, token));
    expectUnavailable(value);
    // Two attempts of one second each, well inside the function's ten-second timeout.
    expect(ms).toBeLessThan(5000);
  } finally {
    process.kill(db.pid, 'SIGCONT');
  }
  const after = await stack.api<{ items: Json[] }>('GET', '/applications', undefined, token);
  expect(after.status).toBe(200);
  expect(after.body.items.map((i) => i.id)).toContain(draftId);
});

it('a stopped database: a quick 503 for reads and writes, nothing written, and the data back with it', async () => {
  const before = await stack.api<{ version: number; status: string }>(
    'GET',
    `/applications/${draftId}`,
    undefined,
    token,
  );
  await db.stop();
  const read = await timed(() => stack.api<Json>('GET', `/applications/${draftId}`, undefined, token));
  expectUnavailable(read.value);
  expect(read.ms).toBeLessThan(3000);
  const write = await stack.api<Json>(
    'POST',
    `/applications/${draftId}/withdraw`,
    { expectedVersion: before.body.version },
    token,
  );
  expectUnavailable(write);

  db = await startDynamoDbLocal({ port: dbPort, dataDir });
  const after = await stack.api<{ version: number; status: string }>(
    'GET',
    `/applications/${draftId}`,
    undefined,
    token,
  );
  expect(after.status).toBe(200);
  expect(after.body).toMatchObject({ status: before.body.status, version: before.body.version });
  const withdrawn = await stack.api<{ status: string }>(
    'POST',
    `/applications/${draftId}/withdraw`,
    { expectedVersion: before.body.version },
    token,
  );
  expect(withdrawn.status).toBe(200);
}, 60_000);

it('a stalling WeChat: login answers 503 within the client timeout, and the next one succeeds', async () => {
  const code = await stack.loginCode('o_faults_stall');
  await fetch(`${stack.wechat.url}/__standin/stall`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ count: 1, ms: 15_000 }),
  });
  const { ms, value } = await timed(() => stack.api<Json>('POST', '/auth/login', { code }));
  expectUnavailable(value, 'WECHAT_UNAVAILABLE');
  expect(ms).toBeLessThan(8000);
  const again = await stack.api('POST', '/auth/login', { code: await stack.loginCode('o_faults_stall') });
  expect(again.status).toBe(200);
}, 60_000);
