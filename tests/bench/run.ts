/**
 * `npm run bench`: prints sizes and latencies; nothing here asserts a time.
 * - each Lambda's bundle (zip) from `osls package`;
 * - the weapp main package against WeChat's 2 MB limit;
 * - p50/p95 of GET /catalogue and POST /auth/login at concurrency 16, as ratios to the
 *   no-op handler (GET /health) measured in the same run through the same local gateway.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HallDayView } from '@minsheng/shared';
import { startDynamoDbLocal } from '../../dev/src/dynamodb-local';
import { REPO_ROOT } from '../../dev/src/serverless-manifest';
import { type Stack, startStack } from '../../dev/src/stack';
import { dynamoMeter } from '../../functions/src/adapters/dynamo';
import { officerToken, submittedCase, validFormData, verifiedCitizen } from '../support/cases';
import { freePort } from '../support/global-setup';
import { withClient } from '../support/test-stack';
import { type LoadResult, runLoad } from './load';

const CONCURRENCY = 16;
// The bench is one source address standing in for many citizens: lift the per-source limits
// (configuration, as a deployment behind a trusted proxy would) so they do not cap throughput.
process.env.CITIZEN_LOGINS_PER_SOURCE_PER_MINUTE ??= '1000000';
process.env.VERIFICATIONS_PER_SOURCE_PER_MINUTE ??= '1000000';
const WECHAT_MAIN_PACKAGE_LIMIT = 2 * 1024 * 1024;

function directorySize(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((sum, entry) => {
    const path = join(dir, entry.name);
    return sum + (entry.isDirectory() ? directorySize(path) : statSync(path).size);
  }, 0);
}

function bundleSizes(): void {
  const out = mkdtempSync(join(tmpdir(), 'bench-package-'));
  // Packaging needs the deploy's CORS origins (serverless.yml refuses to guess them).
  execFileSync('npx', ['osls', 'package', '--stage', 'bench', '--package', out], {
    cwd: REPO_ROOT,
    stdio: 'pipe',
    env: { ...process.env, ALLOWED_ORIGINS: process.env.ALLOWED_ORIGINS ?? 'https://bench.minsheng.example' },
  });
  console.log('\nLambda bundles (zip, minified, AWS SDK provided by the runtime)');
  for (const file of readdirSync(out)
    .filter((f) => f.endsWith('.zip'))
    .sort()) {
    console.log(
      `  ${file.replace('.zip', '').padEnd(12)} ${(statSync(join(out, file)).size / 1024).toFixed(1).padStart(7)} KB`,
    );
  }
}

function weappSize(): void {
  execFileSync('npm', ['run', 'build:weapp', '--workspace', 'mini-app', '--silent'], { cwd: REPO_ROOT, stdio: 'pipe' });
  const dist = join(REPO_ROOT, 'mini-app/dist/weapp');
  const appJson = JSON.parse(require('node:fs').readFileSync(join(dist, 'app.json'), 'utf8')) as {
    subPackages?: { root: string }[];
    subpackages?: { root: string }[];
  };
  const subRoots = (appJson.subPackages ?? appJson.subpackages ?? []).map((s) => s.root.replace(/\/$/, ''));
  const subSize = subRoots.reduce((sum, root) => sum + directorySize(join(dist, root)), 0);
  const main = directorySize(dist) - subSize;
  console.log('\nMini-program (weapp)');
  console.log(
    `  main package  ${(main / 1024).toFixed(1)} KB of 2048 KB (${((main / WECHAT_MAIN_PACKAGE_LIMIT) * 100).toFixed(1)}% of the limit)`,
  );
  console.log(`  subpackages   ${subRoots.length} (${(subSize / 1024).toFixed(1)} KB)`);
}

const fmt = (r: LoadResult, base: LoadResult) =>
  `p50 ${r.p50.toFixed(2)} ms (×${(r.p50 / base.p50).toFixed(2)})  p95 ${r.p95.toFixed(2)} ms (×${(r.p95 / base.p95).toFixed(2)})  ${r.throughput.toFixed(0)} req/s  errors ${r.errors}`;

async function latencies(): Promise<void> {
  const db = await startDynamoDbLocal({ port: await freePort() });
  const secretsDir = mkdtempSync(join(tmpdir(), 'bench-keys-'));
  const stack = await startStack({ dynamoEndpoint: db.endpoint, tableName: 'bench', secretsDir });
  try {
    const get = (path: string) => () => fetch(`${stack.apiUrl}${path}`);
    // Warm up: first requests load handlers, open connections and JIT the hot paths.
    await runLoad(200, CONCURRENCY, get('/health'));
    await runLoad(200, CONCURRENCY, get('/catalogue'));
    const noop = await runLoad(3000, CONCURRENCY, get('/health'));
    const catalogue = await runLoad(3000, CONCURRENCY, get('/catalogue'));

    const LOGINS = 600;
    const codes = await Promise.all(
      Array.from({ length: LOGINS + 50 }, async (_, i) => {
        const res = await fetch(`${stack.wechat.url}/__standin/login-code`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ openid: `o_bench_${i % 200}` }),
        });
        return ((await res.json()) as { code: string }).code;
      }),
    );
    const login = (i: number) =>
      fetch(`${stack.apiUrl}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: codes[i] }),
      });
    await runLoad(50, CONCURRENCY, (i) => login(LOGINS + i));
    const logins = await runLoad(LOGINS, CONCURRENCY, login);

    console.log(`\nLatency at concurrency ${CONCURRENCY} through the local gateway (ratios to the no-op handler)`);
    console.log(
      `  GET /health (no-op)  p50 ${noop.p50.toFixed(2)} ms  p95 ${noop.p95.toFixed(2)} ms  ${noop.throughput.toFixed(0)} req/s`,
    );
    console.log(`  GET /catalogue       ${fmt(catalogue, noop)}`);
    console.log(`  POST /auth/login     ${fmt(logins, noop)}  (jscode2session over HTTP + DynamoDB Local)`);
    await applicationFigures(stack, noop);
    await paymentFigures(stack, noop, secretsDir);
    await appointmentFigures(stack, noop);
    await reminderFigures();
  } finally {
    await stack.stop();
    await db.stop();
  }
}

/** Submit, my-applications and the officer queue, plus DynamoDB capacity per submit and per decision. */
async function applicationFigures(stack: Stack, noop: LoadResult): Promise<void> {
  const client = withClient(stack, 'bench');
  const { findServiceItem } = await import('@minsheng/shared');
  const item = findServiceItem('XZ-001');
  if (!item) throw new Error('XZ-001 missing');
  const citizens = await Promise.all(
    Array.from({ length: 16 }, (_, i) => verifiedCitizen(client, `测试${'甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳'[i]}`)),
  );

  const DRAFTS = 320;
  const drafts = await Promise.all(
    Array.from({ length: DRAFTS }, async (_, i) => {
      const token = (citizens[i % citizens.length] as { token: string }).token;
      const draft = await client.api<{
        id: string;
        version: number;
        formData: Record<string, unknown>;
        materials: unknown[];
      }>('POST', '/applications', { itemCode: 'XZ-001' }, token);
      const saved = await client.api<{ version: number }>(
        'PUT',
        `/applications/${draft.body.id}`,
        {
          expectedVersion: draft.body.version,
          formData: validFormData(item, draft.body.formData),
          materials: draft.body.materials,
          deliveryMethod: 'electronic',
        },
        token,
      );
      return { id: draft.body.id, version: saved.body.version, token };
    }),
  );
  const submit = (i: number) => {
    const d = drafts[i] as (typeof drafts)[number];
    return fetch(`${stack.apiUrl}/applications/${d.id}/submit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${d.token}` },
      body: JSON.stringify({ expectedVersion: d.version }),
    });
  };
  await runLoad(20, CONCURRENCY, submit);
  const submits = await runLoad(DRAFTS - 20, CONCURRENCY, (i) => submit(i + 20));

  const mine = (citizens[0] as { token: string }).token;
  const list = await runLoad(1000, CONCURRENCY, () =>
    fetch(`${stack.apiUrl}/applications`, { headers: { authorization: `Bearer ${mine}` } }),
  );
  const reception = await officerToken(client, 'xz_reception');
  const queue = await runLoad(500, CONCURRENCY, () =>
    fetch(`${stack.apiUrl}/officer/queue`, { headers: { authorization: `Bearer ${reception}` } }),
  );

  console.log(`  POST …/submit        ${fmt(submits, noop)}`);
  console.log(`  GET /applications    ${fmt(list, noop)}  (${DRAFTS / citizens.length} cases per citizen)`);
  console.log(
    `  GET /officer/queue   ${fmt(queue, noop)}  (${DRAFTS} open cases in the department, first 200 returned)`,
  );

  const one = await submittedCase(client, (citizens[1] as { token: string }).token, 'XZ-001');
  const capacityOf = async (label: string, run: () => Promise<unknown>) => {
    dynamoMeter.reset();
    await run();
    const calls = Object.entries(dynamoMeter.calls)
      .map(([k, v]) => `${k.replace('Command', '')}×${v}`)
      .join(' ');
    console.log(
      `  ${label.padEnd(30)} read ${dynamoMeter.readUnits.toFixed(1)} RCU  write ${dynamoMeter.writeUnits.toFixed(1)} WCU  (${calls})`,
    );
  };
  console.log('\nDynamoDB capacity per action (ReturnConsumedCapacity, DynamoDB Local)');
  const fresh = drafts[0] as (typeof drafts)[number];
  const draft = await client.api<{
    id: string;
    version: number;
    formData: Record<string, unknown>;
    materials: unknown[];
  }>('POST', '/applications', { itemCode: 'XZ-001' }, fresh.token);
  const saved = await client.api<{ version: number }>(
    'PUT',
    `/applications/${draft.body.id}`,
    {
      expectedVersion: draft.body.version,
      formData: validFormData(item, draft.body.formData),
      materials: draft.body.materials,
      deliveryMethod: 'electronic',
    },
    fresh.token,
  );
  await capacityOf('submit (XZ-001)', () =>
    client.api('POST', `/applications/${draft.body.id}/submit`, { expectedVersion: saved.body.version }, fresh.token),
  );
  await capacityOf('decision (accept)', () =>
    client.api(
      'POST',
      `/officer/applications/${one.id}/actions`,
      { action: 'accept', expectedVersion: one.version },
      reception,
    ),
  );
  await capacityOf('officer opens a case (audited)', () =>
    client.api('GET', `/officer/applications/${one.id}`, undefined, reception),
  );
  await capacityOf('list my applications', () => client.api('GET', '/applications', undefined, mine));
}

/**
 * Window appointments: reading a hall's free places, a rush of citizens on one slot (how many
 * places sold against the windows), and DynamoDB capacity per booking and cancellation.
 */
async function appointmentFigures(stack: Stack, noop: LoadResult): Promise<void> {
  const client = withClient(stack, 'bench');
  const HALL = 'exit-entry-hall';
  const slots = () => fetch(`${stack.apiUrl}/appointments/slots?hallId=${HALL}`);
  await runLoad(50, CONCURRENCY, slots);
  const reads = await runLoad(1000, CONCURRENCY, slots);
  const days = ((await (await slots()).json()) as { days: HallDayView[] }).days;
  const open = days
    .slice(1)
    .flatMap((d) => d.slots.filter((x) => x.bookable).map((x) => ({ date: d.date, time: x.time })));
  const [rushed, single, other] = open;
  if (!rushed || !single || !other) throw new Error('no open slots for the appointment bench');

  const RUSH = 64;
  const names = '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜';
  const citizens = await Promise.all(
    Array.from({ length: RUSH }, (_, i) =>
      verifiedCitizen(client, `${names[i % names.length]}${names[(i * 7 + 3) % names.length]}`),
    ),
  );
  const statuses: number[] = [];
  const rush = await runLoad(
    RUSH,
    CONCURRENCY,
    async (i) => {
      const res = await fetch(`${stack.apiUrl}/appointments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${citizens[i]?.token}` },
        body: JSON.stringify({ hallId: HALL, itemCode: 'CR-001', ...rushed }),
      });
      statuses.push(res.status);
      return res;
    },
    201,
  );
  const sold = statuses.filter((x) => x === 201).length;
  const windows = days[1]?.slots[0]?.capacity ?? 0;

  console.log('\nWindow appointments');
  console.log(`  GET /appointments/slots (8 days)  ${fmt(reads, noop)}`);
  console.log(
    `  POST /appointments, ${RUSH} citizens on one slot  p50 ${rush.p50.toFixed(2)} ms (×${(rush.p50 / noop.p50).toFixed(2)})  p95 ${rush.p95.toFixed(2)} ms (×${(rush.p95 / noop.p95).toFixed(2)})  sold ${sold} of ${windows} places, ${RUSH - sold} refused (409 full)`,
  );

  const person = citizens[0] as { token: string };
  const capacityOf = async (label: string, run: () => Promise<unknown>) => {
    dynamoMeter.reset();
    await run();
    console.log(
      `  ${label.padEnd(32)} read ${dynamoMeter.readUnits.toFixed(1)} RCU  write ${dynamoMeter.writeUnits.toFixed(1)} WCU  (${Object.entries(
        dynamoMeter.calls,
      )
        .map(([k, v]) => `${k.replace('Command', '')}×${v}`)
        .join(' ')})`,
    );
  };
  let id = '';
  await capacityOf('book a slot (incl. outbox, audit)', async () => {
    const res = await client.api<{ id: string }>(
      'POST',
      '/appointments',
      { hallId: HALL, itemCode: 'CR-001', ...single },
      person.token,
    );
    id = res.body.id;
  });
  await capacityOf('cancel it', () => client.api('POST', `/appointments/${id}/cancel`, undefined, person.token));
  await capacityOf('read 8 days of free places', () => client.api('GET', `/appointments/slots?hallId=${HALL}`));
  await capacityOf('list my appointments', () => client.api('GET', '/appointments', undefined, person.token));
}

/**
 * Payment notifications: p95 of handling a (duplicate) verified notification — the path WeChat
 * Pay's retries take — and DynamoDB writes to settle one payment.
 */
async function paymentFigures(stack: Stack, noop: LoadResult, secretsDir: string): Promise<void> {
  const client = withClient(stack, 'bench');
  const { citizenWithFine } = await import('../support/traffic');
  const { encryptResource, responseMessage, rsaSign } = await import('../../dev/src/wechatpay-standin/crypto');
  const { ensureLocalSecrets } = await import('../../dev/src/local-secrets');
  const keys = ensureLocalSecrets(secretsDir).payment;
  const owner = await citizenWithFine(client, '压测车主');
  const order = await client.api<{ outTradeNo: string; amountFen: number }>(
    'POST',
    `/traffic/violations/${encodeURIComponent(owner.fine.id)}/payment`,
    undefined,
    owner.token,
  );
  const transaction = {
    appid: ensureLocalSecrets(secretsDir).wechatAppId,
    mchid: keys.mchid,
    out_trade_no: order.body.outTradeNo,
    transaction_id: '4200000000202611230000000001',
    trade_type: 'JSAPI',
    trade_state: 'SUCCESS',
    trade_state_desc: '支付成功',
    success_time: new Date().toISOString().replace('Z', '+00:00'),
    payer: { openid: 'o_bench' },
    amount: { total: order.body.amountFen, payer_total: order.body.amountFen, currency: 'CNY', payer_currency: 'CNY' },
  };
  const body = JSON.stringify({
    id: 'EV-bench',
    create_time: new Date().toISOString(),
    resource_type: 'encrypt-resource',
    event_type: 'TRANSACTION.SUCCESS',
    summary: '支付成功',
    resource: encryptResource(JSON.stringify(transaction), keys.apiV3Key, 'transaction', 'transaction'),
  });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const headers = {
    'content-type': 'application/json',
    'wechatpay-timestamp': timestamp,
    'wechatpay-nonce': 'BENCHNONCE',
    'wechatpay-serial': keys.platformPublicKeyId,
    'wechatpay-signature': rsaSign(responseMessage(timestamp, 'BENCHNONCE', body), keys.platformPublicKeyPrivatePem),
  };
  const notify = () => fetch(`${stack.apiUrl}/payments/notify`, { method: 'POST', headers, body });

  dynamoMeter.reset();
  const first = await notify();
  const writes = Object.entries(dynamoMeter.calls).filter(([k]) => /Put|Update|Transact/.test(k));
  console.log('\nPayments');
  console.log(
    `  first notification settles the fine: HTTP ${first.status}; DynamoDB writes ${writes.map(([k, v]) => `${k.replace('Command', '')}×${v}`).join(' ')} (${dynamoMeter.writeUnits.toFixed(1)} WCU, one transaction: order + transaction marker + violation + notification outbox; then the notification's delivery: claim, and message centre or WeChat)`,
  );
  await runLoad(50, CONCURRENCY, notify, 204);
  const duplicates = await runLoad(2000, CONCURRENCY, notify, 204);
  console.log(`  POST /payments/notify (verified duplicate) ${fmt(duplicates, noop)}`);
}

/**
 * Expiry reminders at scale: licences seeded straight into the table (BatchWriteItem through
 * the licences repository), 1,000 of them with a reminder due today. The daily job must read
 * about 1,000 index entries, not every licence; its wall time is shown as a ratio to reading
 * those 1,000 licences directly by key (BatchGetItem, 100 a request).
 */
async function reminderFigures(): Promise<void> {
  const { putLicences, getLicences } = await import('../../functions/src/repositories/licences');
  const { addDays, listDueReminders, REMINDER_SHARDS } = await import('../../functions/src/repositories/reminders');
  const { runExpiryReminders } = await import('../../functions/src/domain/reminders');
  const { chinaDate } = await import('../../functions/src/lib/clock');
  type Licence = Parameters<typeof putLicences>[0][number];
  const today = chinaDate();
  const DUE = 1_000;
  const SEED_BUDGET_MS = 60_000;
  const licence = (i: number): Licence => ({
    userId: `u_bench_reminder_${i}`,
    type: 'passport',
    numberMasked: 'E1*****78',
    // The first 1,000 are due today (90, 30 or 7 days before expiry); the rest on later days.
    validUntil: i < DUE ? addDays(today, [90, 30, 7][i % 3] as number) : addDays(today, 91 + (i % 3000)),
    fields: {},
    flags: [],
    receivedAt: new Date().toISOString(),
  });

  // Seed in chunks; stop early (and say so) if DynamoDB Local cannot take 100,000 within the budget.
  const TARGET = 100_000;
  const CHUNK = 10_000;
  const seedStart = performance.now();
  let seeded = 0;
  while (seeded < TARGET && performance.now() - seedStart < SEED_BUDGET_MS) {
    const size = Math.min(CHUNK, TARGET - seeded);
    await putLicences(
      Array.from({ length: size }, (_, k) => licence(seeded + k)),
      today,
    );
    seeded += size;
  }
  const seedMs = performance.now() - seedStart;
  console.log('\nExpiry reminders (daily job, GSI3 partitions REMIND#<date>#<shard>)');
  console.log(
    `  seeded ${seeded.toLocaleString('en')} licences (${DUE.toLocaleString('en')} due today) in ${(seedMs / 1000).toFixed(1)} s with BatchWriteItem${seeded < TARGET ? ` — stopped short of ${TARGET.toLocaleString('en')}: DynamoDB Local took longer than ${SEED_BUDGET_MS / 1000} s` : ''}`,
  );

  const measure = async <T>(run: () => Promise<T>) => {
    dynamoMeter.reset();
    const start = performance.now();
    const value = await run();
    const ms = performance.now() - start;
    return { value, ms, rcu: dynamoMeter.readUnits, wcu: dynamoMeter.writeUnits, calls: { ...dynamoMeter.calls } };
  };
  const calls = (c: Record<string, number>) =>
    Object.entries(c)
      .map(([k, v]) => `${k.replace('Command', '')}×${v}`)
      .join(' ');

  const direct = await measure(() =>
    getLicences(Array.from({ length: DUE }, (_, i) => ({ userId: licence(i).userId, type: 'passport' as const }))),
  );
  const indexOnly = await measure(async () => {
    let found = 0;
    for (let shard = 0; shard < REMINDER_SHARDS; shard++) {
      let start: Record<string, unknown> | undefined;
      do {
        const page = await listDueReminders(today, shard, 100, start);
        found += page.items.length;
        start = page.next;
      } while (start);
    }
    return found;
  });
  const job = await measure(() => runExpiryReminders());
  const rerun = await measure(() => runExpiryReminders());

  console.log(
    `  direct read of the ${DUE} due licences by key   ${direct.ms.toFixed(0)} ms  ${direct.rcu.toFixed(1)} RCU  (${calls(direct.calls)}; ${direct.value.length} items)`,
  );
  console.log(
    `  finding them through today's partitions       ${indexOnly.ms.toFixed(0)} ms (×${(indexOnly.ms / direct.ms).toFixed(2)})  ${indexOnly.rcu.toFixed(1)} RCU  (${calls(indexOnly.calls)}; ${indexOnly.value} index entries of ${seeded.toLocaleString('en')} licences)`,
  );
  console.log(
    `  the job (read + queue ${job.value.queued} reminders in the outbox) ${job.ms.toFixed(0)} ms (×${(job.ms / direct.ms).toFixed(2)})  items read ${job.value.read} (${((job.value.read / seeded) * 100).toFixed(2)}% of the licences)  ${job.rcu.toFixed(1)} RCU  ${job.wcu.toFixed(0)} WCU  (${calls(job.calls)})`,
  );
  console.log(
    `  the job run again the same day                ${rerun.ms.toFixed(0)} ms  items read ${rerun.value.read}, queued ${rerun.value.queued}  ${rerun.rcu.toFixed(1)} RCU  (${calls(rerun.calls)})`,
  );
}

async function main(): Promise<void> {
  bundleSizes();
  weappSize();
  await latencies();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
