import { runScheduled } from '../../dev/src/scheduler';
import { act, officerToken, submittedCase, verifiedCitizen } from '../support/cases';
import { startTestStack, type TestStack } from '../support/test-stack';
import { citizenWithFine, eventually } from '../support/traffic';

/**
 * Orders the automatic flow cannot settle leave through the finance queue (财务): flagged
 * payments (a signed notification whose amount differs) and refunds WeChat Pay answered
 * ABNORMAL. The WeChat Pay stand-in misbehaves over HTTP.
 */
let stack: TestStack;
let finance: string;
beforeAll(async () => {
  stack = await startTestStack();
  finance = await officerToken(stack, 'finance');
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

type Payment = { outTradeNo: string; status: string; amountFen: number };
type QueueEntry = {
  outTradeNo: string;
  status: string;
  version: number;
  allowedActions: string[];
  history: { event: string; actor?: string; note?: string }[];
};

const control = async (path: string, body: unknown) => {
  const res = await fetch(`${stack.wechatPay.url}/__standin/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`stand-in ${path}: ${res.status} ${await res.text()}`);
};
afterEach(async () => {
  await control('misbehave', { mode: 'reset' });
});

const paymentOf = async (token: string, outTradeNo: string) =>
  (await stack.api<Payment>('GET', `/payments/${outTradeNo}`, undefined, token)).body;
const queue = async (token = finance) =>
  (await stack.api<{ items: QueueEntry[] }>('GET', '/officer/finance/payments', undefined, token)).body.items;
const resolve = (outTradeNo: string, body: Record<string, unknown>, token = finance) =>
  stack.api<QueueEntry & { code?: string }>('POST', `/officer/finance/payments/${outTradeNo}/resolve`, body, token);

/** A fine paid through the stand-in with a notification whose amount was changed: the order is flagged. */
async function flaggedFine(name: string) {
  const owner = await citizenWithFine(stack, name);
  const order = await stack.api<Payment>(
    'POST',
    `/traffic/violations/${encodeURIComponent(owner.fine.id)}/payment`,
    undefined,
    owner.token,
  );
  expect(order.status).toBe(201);
  const { outTradeNo } = order.body;
  await control('misbehave', { mode: 'tampered-amount', out_trade_no: outTradeNo });
  await control('pay', { out_trade_no: outTradeNo });
  const flagged = await eventually(
    () => paymentOf(owner.token, outTradeNo),
    (p) => p.status === 'flagged',
  );
  expect(flagged.status).toBe('flagged');
  return { owner, outTradeNo };
}

it('lists a flagged order for finance only; confirming after WeChat Pay query pays it, audited with the officer', async () => {
  const { owner, outTradeNo } = await flaggedFine('核账人');
  const entry = (await queue()).find((e) => e.outTradeNo === outTradeNo);
  expect(entry).toMatchObject({ status: 'flagged', allowedActions: ['finance_confirm_paid', 'finance_refund'] });
  const reception = await officerToken(stack, 'xz_reception');
  expect((await stack.api('GET', '/officer/finance/payments', undefined, reception)).body).toMatchObject({
    code: 'ROLE_NOT_ALLOWED',
  });
  expect(
    (
      await resolve(
        outTradeNo,
        { action: 'finance_confirm_paid', expectedVersion: entry?.version, note: '核对' },
        reception,
      )
    ).status,
  ).toBe(403);
  const stale = await resolve(outTradeNo, { action: 'finance_confirm_paid', expectedVersion: 1, note: '已查询' });
  expect(stale).toMatchObject({ status: 409, body: { code: 'PAYMENT_CHANGED' } });

  const confirmed = await resolve(outTradeNo, {
    action: 'finance_confirm_paid',
    expectedVersion: entry?.version,
    note: '已通过微信支付查单核实到账',
  });
  expect(confirmed).toMatchObject({ status: 200, body: { status: 'paid' } });
  expect(confirmed.body.history.at(-1)).toMatchObject({
    event: 'finance_confirm_paid',
    actor: 'finance',
    note: '已通过微信支付查单核实到账',
  });
  expect((await paymentOf(owner.token, outTradeNo)).status).toBe('paid');
  const violations = await stack.api<{ items: { id: string; status: string }[] }>(
    'GET',
    '/traffic/violations',
    undefined,
    owner.token,
  );
  expect(violations.body.items.find((v) => v.id === owner.fine.id)?.status).toBe('paid');
  expect((await queue()).some((e) => e.outTradeNo === outTradeNo)).toBe(false);
  const again = await resolve(outTradeNo, {
    action: 'finance_refund',
    expectedVersion: confirmed.body.version,
    note: '重复处理',
  });
  expect(again).toMatchObject({ status: 409, body: { code: 'ACTION_NOT_ALLOWED' } });
});

it('refunds a flagged order what WeChat Pay received, on a finance officer’s decision', async () => {
  const { owner, outTradeNo } = await flaggedFine('退回人');
  const entry = (await queue()).find((e) => e.outTradeNo === outTradeNo) as QueueEntry;
  const refunding = await resolve(outTradeNo, {
    action: 'finance_refund',
    expectedVersion: entry.version,
    note: '金额不符，原路退回',
  });
  expect(refunding.status).toBe(200);
  const refunded = await eventually(
    () => paymentOf(owner.token, outTradeNo),
    (p) => p.status === 'refunded',
    10_000,
  );
  expect(refunded.status).toBe('refunded');
});

it('lets the reconcile job settle a flagged order when WeChat Pay’s query shows the ordered amount', async () => {
  const { owner, outTradeNo } = await flaggedFine('查单人');
  await runScheduled('paymentReconcile');
  expect((await paymentOf(owner.token, outTradeNo)).status).toBe('paid');
});

it('moves a refund answered ABNORMAL to the finance queue instead of retrying it, and records the offline refund', async () => {
  const citizen = await verifiedCitizen(stack, '异常退款');
  const submitted = await submittedCase(stack, citizen.token, 'HZ-014');
  const order = await stack.api<Payment>('POST', `/applications/${submitted.id}/payment`, undefined, citizen.token);
  const { outTradeNo } = order.body;
  await control('pay', { out_trade_no: outTradeNo });
  await eventually(
    () => paymentOf(citizen.token, outTradeNo),
    (p) => p.status === 'paid',
  );
  await control('misbehave', { mode: 'refund-abnormal', out_trade_no: outTradeNo, count: 5 });
  const reception = await officerToken(stack, 'hz_reception');
  const approver = await officerToken(stack, 'hz_approver');
  await act(stack, reception, submitted.id, 'accept');
  await act(stack, approver, submitted.id, 'start_review');
  const refused = await act(stack, approver, submitted.id, 'refuse', {
    reason: '照片不符合要求且拒绝重新采集',
    legalBasis: '《中华人民共和国居民身份证法》第八条',
  });
  expect(refused.status).toBe(200);
  const abnormal = await eventually(
    () => paymentOf(citizen.token, outTradeNo),
    (p) => p.status === 'refund_abnormal',
  );
  expect(abnormal.status).toBe('refund_abnormal');
  await runScheduled('paymentReconcile');
  expect((await paymentOf(citizen.token, outTradeNo)).status).toBe('refund_abnormal');

  const entry = (await queue()).find((e) => e.outTradeNo === outTradeNo) as QueueEntry;
  expect(entry.allowedActions).toEqual(['finance_refunded_offline']);
  const recorded = await resolve(outTradeNo, {
    action: 'finance_refunded_offline',
    expectedVersion: entry.version,
    note: '已于窗口以现金退还，凭证号 2026-1208-01',
  });
  expect(recorded).toMatchObject({ status: 200, body: { status: 'refunded' } });
  expect((await paymentOf(citizen.token, outTradeNo)).status).toBe('refunded');
}, 60_000);

async function notify(body: string, headers: Record<string, string>) {
  const res = await fetch(`${stack.apiUrl}/payments/notify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return { status: res.status, body: await res.json() };
}

it('answers every refused notification the same way, whatever check failed', async () => {
  const forged = await notify('{"resource":{}}', {
    'wechatpay-signature': 'bm90IGEgc2lnbmF0dXJl',
    'wechatpay-timestamp': String(Math.floor(Date.now() / 1000)),
    'wechatpay-nonce': 'n',
    'wechatpay-serial': 'UNKNOWN',
  });
  const stale = await notify('{"resource":{}}', {
    'wechatpay-signature': 'bm90IGEgc2lnbmF0dXJl',
    'wechatpay-timestamp': '1000',
    'wechatpay-nonce': 'n',
    'wechatpay-serial': 'UNKNOWN',
  });
  const garbage = await notify('not json', {});
  for (const res of [forged, stale, garbage]) {
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ code: 'FAIL', message: '通知未被接受' });
  }
});
