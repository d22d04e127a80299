import { createVerify } from 'node:crypto';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { localClient } from '../../dev/src/dynamodb-local';
import { ensureLocalSecrets } from '../../dev/src/local-secrets';
import { runScheduled } from '../../dev/src/scheduler';
import { startTestStack, type TestStack } from '../support/test-stack';
import { citizenWithFine, eventually } from '../support/traffic';

/** Paying traffic fines through the WeChat Pay stand-in, including every way it can misbehave. */
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

type Payment = {
  outTradeNo: string;
  status: string;
  amountFen: number;
  requestPayment?: Record<string, string>;
  history?: unknown[];
};

const control = async (path: string, body: unknown) => {
  const res = await fetch(`${stack.wechatPay.url}/__standin/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`stand-in ${path}: ${res.status} ${await res.text()}`);
  return res.json().catch(() => ({}));
};
const misbehave = (mode: string, extra: Record<string, unknown> = {}) => control('misbehave', { mode, ...extra });

async function openFinePayment(name: string) {
  const owner = await citizenWithFine(stack, name);
  const res = await stack.api<Payment>(
    'POST',
    `/traffic/violations/${encodeURIComponent(owner.fine.id)}/payment`,
    undefined,
    owner.token,
  );
  expect(res.status).toBe(201);
  return { owner, payment: res.body };
}

const paymentOf = (token: string, outTradeNo: string, refresh = false) =>
  stack
    .api<Payment>('GET', `/payments/${outTradeNo}${refresh ? '?refresh=1' : ''}`, undefined, token)
    .then((r) => r.body);
const violationStatus = async (token: string, id: string) =>
  (
    await stack.api<{ items: { id: string; status: string }[] }>('GET', '/traffic/violations', undefined, token)
  ).body.items.find((v) => v.id === id)?.status;

afterEach(async () => {
  await misbehave('reset');
});

it('pays a fine: signed wx.requestPayment parameters, a verified notification, the violation paid once', async () => {
  const { owner, payment } = await openFinePayment('缴款人');
  expect(payment).toMatchObject({ status: 'awaiting_payment', amountFen: owner.fine.fineFen });
  const rp = payment.requestPayment as Record<string, string>;
  const merchantKey = ensureLocalSecrets(process.env.LOCAL_MASTER_KEY_FILE?.replace(/\/master\.key$/, '') as string)
    .payment.merchantPublicKeyPem;
  const signed = createVerify('RSA-SHA256')
    .update(`${rp.appId}\n${rp.timeStamp}\n${rp.nonceStr}\n${rp.package}\n`)
    .verify(merchantKey, rp.paySign as string, 'base64');
  expect(signed).toBe(true);

  await control('pay', { out_trade_no: payment.outTradeNo });
  const paid = await eventually(
    () => paymentOf(owner.token, payment.outTradeNo),
    (p) => p.status === 'paid',
  );
  expect(paid.status).toBe('paid');
  expect(await violationStatus(owner.token, owner.fine.id)).toBe('paid');
  const again = await stack.api(
    'POST',
    `/traffic/violations/${encodeURIComponent(owner.fine.id)}/payment`,
    undefined,
    owner.token,
  );
  expect(again).toMatchObject({ status: 409, body: { code: 'PAYMENT_ALREADY_MADE' } });
});

it('creates one order for two concurrent taps', async () => {
  const owner = await citizenWithFine(stack, '连点人');
  const path = `/traffic/violations/${encodeURIComponent(owner.fine.id)}/payment`;
  const [a, b] = await Promise.all([
    stack.api<Payment>('POST', path, undefined, owner.token),
    stack.api<Payment>('POST', path, undefined, owner.token),
  ]);
  expect(a.body.outTradeNo).toBe(b.body.outTradeNo);
});

it('marks an order paid once under 100 duplicate notifications', async () => {
  const { owner, payment } = await openFinePayment('重复通知');
  await misbehave('duplicate-notifications', { count: 100 });
  await control('pay', { out_trade_no: payment.outTradeNo });
  await eventually(
    () => paymentOf(owner.token, payment.outTradeNo),
    (p) => p.status === 'paid',
  );
  await new Promise((r) => setTimeout(r, 1500));
  const db = DynamoDBDocumentClient.from(localClient(process.env.TEST_DYNAMODB_ENDPOINT as string));
  const { GetCommand } = await import('@aws-sdk/lib-dynamodb');
  const order = (
    await db.send(new GetCommand({ TableName: stack.tableName, Key: { PK: `PAY#${payment.outTradeNo}`, SK: 'PAY' } }))
  ).Item as { history: { event: string }[] };
  db.destroy();
  expect(order.history.filter((h) => h.event === 'notify_paid' || h.event === 'query_paid')).toHaveLength(1);
  expect(await violationStatus(owner.token, owner.fine.id)).toBe('paid');
});

it.each([
  ['a forged signature', 'forged-signature', '伪造签名'],
  ['a probe signature', 'probe-signature', '探测签名'],
  ['a stale timestamp', 'stale-timestamp', '过期时间'],
])('refuses a notification with %s, and settles by querying instead', async (_label, mode, name) => {
  const { owner, payment } = await openFinePayment(name);
  await misbehave(mode);
  await control('pay', { out_trade_no: payment.outTradeNo });
  const notifications = await eventually(
    async () =>
      (await (await fetch(`${stack.wechatPay.url}/__standin/notifications`)).json()) as {
        out_trade_no?: string;
        status?: number;
      }[],
    (list) => list.some((n) => JSON.stringify(n).includes(payment.outTradeNo)),
  );
  expect(JSON.stringify(notifications.filter((n) => JSON.stringify(n).includes(payment.outTradeNo)))).toMatch(/40[01]/);
  await runScheduled('paymentReconcile');
  expect((await paymentOf(owner.token, payment.outTradeNo)).status).toBe('paid');
});

it('flags, and does not pay, an order whose notified amount differs', async () => {
  const { owner, payment } = await openFinePayment('金额篡改');
  await misbehave('tampered-amount');
  await control('pay', { out_trade_no: payment.outTradeNo });
  const flagged = await eventually(
    () => paymentOf(owner.token, payment.outTradeNo),
    (p) => p.status === 'flagged',
  );
  expect(flagged.status).toBe('flagged');
  expect(await violationStatus(owner.token, owner.fine.id)).toBe('unpaid');
});

it('answers "unknown, try again" when WeChat Pay times out, and the retry reuses the same order', async () => {
  const owner = await citizenWithFine(stack, '超时人');
  const path = `/traffic/violations/${encodeURIComponent(owner.fine.id)}/payment`;
  await misbehave('timeout');
  const first = await stack.api('POST', path, undefined, owner.token);
  expect(first).toMatchObject({ status: 503, body: { code: 'PAYMENT_PROVIDER_UNAVAILABLE' } });
  const retry = await stack.api<Payment>('POST', path, undefined, owner.token);
  expect(retry).toMatchObject({ status: 201, body: { status: 'awaiting_payment' } });
}, 30_000);

it('settles a payment whose notification never came, by querying', async () => {
  const { owner, payment } = await openFinePayment('无通知');
  await misbehave('drop-notifications');
  await control('pay', { out_trade_no: payment.outTradeNo });
  await new Promise((r) => setTimeout(r, 300));
  expect((await paymentOf(owner.token, payment.outTradeNo)).status).toBe('awaiting_payment');
  expect((await paymentOf(owner.token, payment.outTradeNo, true)).status).toBe('paid');
  expect(await violationStatus(owner.token, owner.fine.id)).toBe('paid');
});

it('changes state once when a notification and a query race', async () => {
  const { owner, payment } = await openFinePayment('并发');
  await misbehave('drop-notifications');
  await control('pay', { out_trade_no: payment.outTradeNo });
  await Promise.all([
    control('resend', { out_trade_no: payment.outTradeNo }),
    paymentOf(owner.token, payment.outTradeNo, true),
    paymentOf(owner.token, payment.outTradeNo, true),
  ]);
  await eventually(
    () => paymentOf(owner.token, payment.outTradeNo),
    (p) => p.status === 'paid',
  );
  const db = DynamoDBDocumentClient.from(localClient(process.env.TEST_DYNAMODB_ENDPOINT as string));
  const { GetCommand } = await import('@aws-sdk/lib-dynamodb');
  const order = (
    await db.send(new GetCommand({ TableName: stack.tableName, Key: { PK: `PAY#${payment.outTradeNo}`, SK: 'PAY' } }))
  ).Item as { history: { event: string }[] };
  db.destroy();
  expect(order.history.filter((h) => h.event.endsWith('_paid'))).toHaveLength(1);
});

it('closes an expired unpaid order at WeChat Pay and here, in the scheduled job', async () => {
  const { owner, payment } = await openFinePayment('过期');
  const db = DynamoDBDocumentClient.from(localClient(process.env.TEST_DYNAMODB_ENDPOINT as string));
  await db.send(
    new UpdateCommand({
      TableName: stack.tableName,
      Key: { PK: `PAY#${payment.outTradeNo}`, SK: 'PAY' },
      UpdateExpression: 'SET expiresAt = :past',
      ExpressionAttributeValues: { ':past': '2020-01-01T00:00:00.000Z' },
    }),
  );
  db.destroy();
  await runScheduled('paymentReconcile');
  expect((await paymentOf(owner.token, payment.outTradeNo)).status).toBe('closed');
  const remote = (await (await fetch(`${stack.wechatPay.url}/__standin/orders/${payment.outTradeNo}`)).json()) as {
    trade_state?: string;
  };
  expect(JSON.stringify(remote)).toContain('CLOSED');
});

it('verifies responses from either platform identity (rotation overlap)', async () => {
  await control('signer', { active: 'certificate' });
  const first = await openFinePayment('证书模式');
  expect(first.payment.status).toBe('awaiting_payment');
  await control('signer', { active: 'publicKey' });
  const second = await openFinePayment('公钥模式');
  expect(second.payment.status).toBe('awaiting_payment');
});
