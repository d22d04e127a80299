import {
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  createSign,
  createVerify,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  X509Certificate,
} from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generatePaymentKeys, type PaymentKeys } from '../../dev/src/payment-keys';
import { startWeChatPayStandIn, type WeChatPayStandIn } from '../../dev/src/wechatpay-standin';

/**
 * The WeChat Pay stand-in speaks API v3 on the wire: requests signed by the merchant key,
 * answers and notifications signed by the platform identity (both modes), notification
 * resources encrypted with the APIv3 key, retries, and the misbehaviours tests ask for.
 * Everything here is signed and checked with node:crypto directly.
 */
const APPID = 'wx5tandin0000local';
const RETRIES = [50, 100, 200];
const PROBE = 'WECHATPAY/SIGNTEST/';

let keys: PaymentKeys;
let pay: WeChatPayStandIn;
let merchantKey: KeyObject;
let verifyKeys: Map<string, KeyObject>;

// ---- a tiny notification receiver ------------------------------------------------------------

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  problem: string | null;
  answered: number;
}

const received: Received[] = [];
/** Decides the receiver's answer; default: 204 when the signature checks out, 401 otherwise. */
let respond: (n: Omit<Received, 'answered'>, index: number) => number | Promise<number> = (n) =>
  n.problem ? 401 : 204;
let receiver: Server;
let notifyUrl: string;

function checkSignature(headers: IncomingHttpHeaders, body: string): string | null {
  const ts = String(headers['wechatpay-timestamp'] ?? '');
  const nonce = String(headers['wechatpay-nonce'] ?? '');
  const signature = String(headers['wechatpay-signature'] ?? '');
  const serial = String(headers['wechatpay-serial'] ?? '');
  if (!ts || !nonce || !signature || !serial) return 'missing';
  if (signature.startsWith(PROBE)) return 'probe';
  if (Math.abs(Date.now() / 1000 - Number(ts)) > 300) return 'stale';
  const key = verifyKeys.get(serial);
  if (!key) return 'unknown-serial';
  const ok = createVerify('RSA-SHA256').update(`${ts}\n${nonce}\n${body}\n`).verify(key, signature, 'base64');
  return ok ? null : 'bad-signature';
}

/** Verifies the signature without the freshness rule (to show a stale message is consistently signed). */
function signatureVerifies(headers: IncomingHttpHeaders, body: string): boolean {
  const key = verifyKeys.get(String(headers['wechatpay-serial']));
  if (!key) return false;
  return createVerify('RSA-SHA256')
    .update(`${headers['wechatpay-timestamp']}\n${headers['wechatpay-nonce']}\n${body}\n`)
    .verify(key, String(headers['wechatpay-signature']), 'base64');
}

interface Resource {
  original_type: string;
  algorithm: string;
  ciphertext: string;
  associated_data: string;
  nonce: string;
}

function decrypt<T = Record<string, unknown>>(resource: Resource): T {
  const data = Buffer.from(resource.ciphertext, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', Buffer.from(keys.apiV3Key, 'utf8'), Buffer.from(resource.nonce));
  decipher.setAAD(Buffer.from(resource.associated_data));
  decipher.setAuthTag(data.subarray(data.length - 16));
  return JSON.parse(Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString());
}

const notificationsFor = (outTradeNo: string, eventType = 'TRANSACTION.SUCCESS') =>
  received.filter((n) => {
    const parsed = JSON.parse(n.body) as { event_type: string; resource: Resource };
    if (parsed.event_type !== eventType) return false;
    return decrypt<{ out_trade_no: string }>(parsed.resource).out_trade_no === outTradeNo;
  });

async function waitFor<T>(probe: () => T | undefined | false, timeoutMs = 5000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---- a merchant client signing with node:crypto -------------------------------------------------

interface CallOptions {
  timestamp?: number;
  signingKey?: KeyObject;
  /** Sent instead of the signed body (to show the body is covered by the signature). */
  sendBody?: string;
  authorization?: string | null;
  signal?: AbortSignal;
}

interface Answer {
  status: number;
  text: string;
  json: Record<string, unknown>;
  headers: Headers;
}

function authorization(method: string, pathWithQuery: string, body: string, o: CallOptions = {}): string {
  const timestamp = String(o.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = randomBytes(16).toString('hex').toUpperCase();
  const signature = createSign('RSA-SHA256')
    .update(`${method}\n${pathWithQuery}\n${timestamp}\n${nonce}\n${body}\n`)
    .sign(o.signingKey ?? merchantKey, 'base64');
  // Parameters in a different order from the docs' example: any order is allowed.
  return `WECHATPAY2-SHA256-RSA2048 serial_no="${keys.merchantSerial}",timestamp="${timestamp}",mchid="${keys.mchid}",nonce_str="${nonce}",signature="${signature}"`;
}

async function call(method: 'GET' | 'POST', pathWithQuery: string, body?: unknown, o: CallOptions = {}) {
  const raw = body === undefined ? '' : JSON.stringify(body);
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'minsheng-test/1.0' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const auth = o.authorization === undefined ? authorization(method, pathWithQuery, raw, o) : o.authorization;
  if (auth !== null) headers.authorization = auth;
  const res = await fetch(`${pay.url}${pathWithQuery}`, {
    method,
    headers,
    body: body === undefined ? undefined : (o.sendBody ?? raw),
    signal: o.signal,
  });
  const text = await res.text();
  return { status: res.status, text, json: text ? JSON.parse(text) : {}, headers: res.headers } as Answer;
}

/** Checks an answer's signature with the given platform key; returns the serial it named. */
function verifyAnswer(answer: Answer, key: KeyObject): string {
  const ts = answer.headers.get('wechatpay-timestamp') ?? '';
  const nonce = answer.headers.get('wechatpay-nonce') ?? '';
  const signature = answer.headers.get('wechatpay-signature') ?? '';
  expect(Math.abs(Date.now() / 1000 - Number(ts))).toBeLessThan(300);
  expect(answer.headers.get('request-id')).toBeTruthy();
  const ok = createVerify('RSA-SHA256').update(`${ts}\n${nonce}\n${answer.text}\n`).verify(key, signature, 'base64');
  expect(ok).toBe(true);
  return answer.headers.get('wechatpay-serial') ?? '';
}

const control = async <T = Record<string, unknown>>(path: string, body?: unknown) => {
  const res = await fetch(`${pay.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as T };
};

const newTradeNo = () => `MS${Date.now()}${randomBytes(4).toString('hex')}`;

function order(outTradeNo: string, total = 1234, extra: Record<string, unknown> = {}) {
  return {
    appid: APPID,
    mchid: keys.mchid,
    description: '出入境证件 - 往来港澳通行证 办证费',
    out_trade_no: outTradeNo,
    notify_url: notifyUrl,
    amount: { total, currency: 'CNY' },
    payer: { openid: 'o_standin_test_openid' },
    ...extra,
  };
}

async function placeOrder(total = 1234): Promise<{ outTradeNo: string; prepayId: string }> {
  const outTradeNo = newTradeNo();
  const res = await call('POST', '/v3/pay/transactions/jsapi', order(outTradeNo, total));
  expect(res.status).toBe(200);
  return { outTradeNo, prepayId: res.json.prepay_id as string };
}

const query = (outTradeNo: string) =>
  call('GET', `/v3/pay/transactions/out-trade-no/${outTradeNo}?mchid=${keys.mchid}`);

async function placeAndPay(total = 1234) {
  const placed = await placeOrder(total);
  const paid = await control('/__standin/pay', { out_trade_no: placed.outTradeNo });
  expect(paid.status).toBe(200);
  return { ...placed, transactionId: paid.json.transaction_id as string };
}

beforeAll(async () => {
  keys = generatePaymentKeys();
  merchantKey = createPrivateKey(keys.merchantPrivateKeyPem);
  verifyKeys = new Map([
    [keys.platformPublicKeyId, createPublicKey(keys.platformPublicKeyPem)],
    [keys.platformCertSerial, new X509Certificate(keys.platformCertPem).publicKey],
  ]);
  receiver = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const entry = { headers: req.headers, body, problem: checkSignature(req.headers, body) };
    const answered = await respond(entry, received.length);
    received.push({ ...entry, answered });
    res.writeHead(answered);
    res.end();
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  notifyUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/payments/wechat/notify`;
  pay = await startWeChatPayStandIn({
    mchid: keys.mchid,
    appid: APPID,
    merchantSerial: keys.merchantSerial,
    merchantPublicKeyPem: keys.merchantPublicKeyPem,
    apiV3Key: keys.apiV3Key,
    signers: {
      certificate: { serial: keys.platformCertSerial, privateKeyPem: keys.platformCertPrivateKeyPem },
      publicKey: { serial: keys.platformPublicKeyId, privateKeyPem: keys.platformPublicKeyPrivatePem },
    },
    notifyRetryDelaysMs: RETRIES,
    notifyTimeoutMs: 400,
    refundSettleMs: 100,
    allowedReturnOrigins: ['http://127.0.0.1:5173'],
  });
});

afterAll(async () => {
  await pay?.stop();
  receiver?.closeAllConnections();
  await new Promise((r) => receiver?.close(r));
});

beforeEach(async () => {
  respond = (n) => (n.problem ? 401 : 204);
  await control('/__standin/misbehave', { mode: 'reset' });
  await control('/__standin/signer', { active: 'publicKey' });
});

describe('request authentication', () => {
  it('answers a correctly signed JSAPI order with a prepay_id, signed by the public-key identity', async () => {
    const res = await call('POST', '/v3/pay/transactions/jsapi', order(newTradeNo()));
    expect(res.status).toBe(200);
    expect(res.json.prepay_id).toMatch(/^wx\d{14}[0-9a-f]{20}$/);
    const serial = verifyAnswer(res, verifyKeys.get(keys.platformPublicKeyId) as KeyObject);
    expect(serial).toBe(keys.platformPublicKeyId);
    expect(res.headers.get('wechatpay-serial')).toMatch(/^PUB_KEY_ID_/);
  });

  it('signs with the platform certificate after a rotation, verifiable with the X.509 public key', async () => {
    await control('/__standin/signer', { active: 'certificate' });
    const res = await call('POST', '/v3/pay/transactions/jsapi', order(newTradeNo()));
    expect(res.status).toBe(200);
    const certKey = new X509Certificate(keys.platformCertPem).publicKey;
    expect(verifyAnswer(res, certKey)).toBe(keys.platformCertSerial);
    // The other identity's key does not verify it.
    const other = createVerify('RSA-SHA256')
      .update(`${res.headers.get('wechatpay-timestamp')}\n${res.headers.get('wechatpay-nonce')}\n${res.text}\n`)
      .verify(
        verifyKeys.get(keys.platformPublicKeyId) as KeyObject,
        res.headers.get('wechatpay-signature') ?? '',
        'base64',
      );
    expect(other).toBe(false);
  });

  it('rejects a bad signature with 401 SIGN_ERROR (and a body changed after signing)', async () => {
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const forged = await call('POST', '/v3/pay/transactions/jsapi', order(newTradeNo()), { signingKey: stranger });
    expect(forged.status).toBe(401);
    expect(forged.json).toEqual({ code: 'SIGN_ERROR', message: '签名错误' });
    const tampered = await call('POST', '/v3/pay/transactions/jsapi', order(newTradeNo(), 100), {
      sendBody: JSON.stringify(order(newTradeNo(), 1)),
    });
    expect(tampered.status).toBe(401);
    expect(tampered.json.code).toBe('SIGN_ERROR');
    // Like WeChat Pay, an authentication failure carries no Wechatpay-* signature.
    expect(forged.headers.get('wechatpay-signature')).toBeNull();
  });

  it('rejects a missing Authorization and a GET whose query was left out of the signature', async () => {
    const missing = await call('POST', '/v3/refund/domestic/refunds', {}, { authorization: null });
    expect(missing.status).toBe(401);
    expect(missing.json).toEqual({
      code: 'SIGN_ERROR',
      message: 'Http头Authorization值格式错误，请参考《微信支付商户REST API签名规则》',
    });
    const no = newTradeNo();
    const withoutQuery = authorization('GET', `/v3/pay/transactions/out-trade-no/${no}`, '');
    const res = await call('GET', `/v3/pay/transactions/out-trade-no/${no}?mchid=${keys.mchid}`, undefined, {
      authorization: withoutQuery,
    });
    expect(res.status).toBe(401);
    expect(res.json.code).toBe('SIGN_ERROR');
  });

  it('rejects an Authorization timestamp more than 5 minutes off', async () => {
    const stale = await call('POST', '/v3/pay/transactions/jsapi', order(newTradeNo()), {
      timestamp: Math.floor(Date.now() / 1000) - 301,
    });
    expect(stale.status).toBe(401);
    expect(stale.json).toEqual({
      code: 'SIGN_ERROR',
      message: 'Http头Authorization中的timestamp与发起请求的时间不得超过5分钟',
    });
  });
});

describe('JSAPI orders', () => {
  it('gives the same prepay_id for the same parameters and OUT_TRADE_NO_USED for changed ones', async () => {
    const no = newTradeNo();
    const first = await call('POST', '/v3/pay/transactions/jsapi', order(no));
    const again = await call('POST', '/v3/pay/transactions/jsapi', order(no));
    expect(again.status).toBe(200);
    expect(again.json.prepay_id).toBe(first.json.prepay_id);
    const changed = await call('POST', '/v3/pay/transactions/jsapi', order(no, 999));
    expect(changed.status).toBe(403);
    expect(changed.json).toEqual({ code: 'OUT_TRADE_NO_USED', message: '商户订单号重复' });
    verifyAnswer(changed, verifyKeys.get(keys.platformPublicKeyId) as KeyObject);
  });

  it('validates parameters with PARAM_ERROR', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [order('short'), '/out_trade_no'],
      [order(newTradeNo(), 0), '/amount/total'],
      [order(newTradeNo(), 1.5), '/amount/total'],
      [order(newTradeNo(), 100, { description: '证'.repeat(43) }), '/description'],
      [order(newTradeNo(), 100, { notify_url: undefined }), '/notify_url'],
      [order(newTradeNo(), 100, { time_expire: '20250101120000' }), '/time_expire'],
    ];
    for (const [body, field] of cases) {
      const res = await call('POST', '/v3/pay/transactions/jsapi', body);
      expect(res.status).toBe(400);
      expect(res.json.code).toBe('PARAM_ERROR');
      expect((res.json.detail as { field: string }).field).toBe(field);
    }
    const wrongApp = await call('POST', '/v3/pay/transactions/jsapi', order(newTradeNo(), 100, { appid: 'wxother' }));
    expect(wrongApp.json.code).toBe('APPID_MCHID_NOT_MATCH');
  });

  it('queries NOTPAY, then SUCCESS with a transaction_id after payment', async () => {
    const { outTradeNo } = await placeOrder(1234);
    const before = await query(outTradeNo);
    expect(before.status).toBe(200);
    expect(before.json).toMatchObject({ trade_state: 'NOTPAY', out_trade_no: outTradeNo, amount: { total: 1234 } });
    expect(before.json.transaction_id).toBeUndefined();
    verifyAnswer(before, verifyKeys.get(keys.platformPublicKeyId) as KeyObject);

    const paid = await control('/__standin/pay', { out_trade_no: outTradeNo });
    expect(paid.status).toBe(200);
    const after = await query(outTradeNo);
    expect(after.json).toMatchObject({
      appid: APPID,
      mchid: keys.mchid,
      trade_type: 'JSAPI',
      trade_state: 'SUCCESS',
      payer: { openid: 'o_standin_test_openid' },
      amount: { total: 1234, payer_total: 1234, currency: 'CNY', payer_currency: 'CNY' },
    });
    expect(after.json.transaction_id).toMatch(/^\d{28}$/);
    expect(after.json.success_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);

    const unknown = await query(newTradeNo());
    expect(unknown.status).toBe(404);
    expect(unknown.json).toEqual({ code: 'ORDER_NOT_EXIST', message: '订单不存在' });
  });

  it('closes an unpaid order (204, signed empty body), which then cannot be paid', async () => {
    const { outTradeNo } = await placeOrder();
    const closed = await call('POST', `/v3/pay/transactions/out-trade-no/${outTradeNo}/close`, { mchid: keys.mchid });
    expect(closed.status).toBe(204);
    expect(closed.text).toBe('');
    verifyAnswer(closed, verifyKeys.get(keys.platformPublicKeyId) as KeyObject);
    expect((await query(outTradeNo)).json.trade_state).toBe('CLOSED');
    const view = await control(`/__standin/orders/${outTradeNo}`);
    expect(view.json).toMatchObject({ trade_state: 'CLOSED', out_trade_no: outTradeNo, notify_url: notifyUrl });
    const payAttempt = await control('/__standin/pay', { out_trade_no: outTradeNo });
    expect(payAttempt.status).toBe(400);
    expect(payAttempt.json.code).toBe('ORDER_CLOSED');

    const paid = await placeAndPay();
    const closePaid = await call('POST', `/v3/pay/transactions/out-trade-no/${paid.outTradeNo}/close`, {
      mchid: keys.mchid,
    });
    expect(closePaid.status).toBe(400);
    expect(closePaid.json).toEqual({ code: 'ORDERPAID', message: '订单已支付' });
    const closeUnknown = await call('POST', `/v3/pay/transactions/out-trade-no/${newTradeNo()}/close`, {
      mchid: keys.mchid,
    });
    expect(closeUnknown.status).toBe(404);
  });
});

describe('payment notifications', () => {
  it('posts a signed notification whose resource decrypts to the transaction', async () => {
    const { outTradeNo, transactionId } = await placeAndPay(4321);
    const [n] = await waitFor(() => (notificationsFor(outTradeNo).length ? notificationsFor(outTradeNo) : undefined));
    if (!n) throw new Error('no notification');
    expect(n.problem).toBeNull();
    expect(n.headers['wechatpay-serial']).toBe(keys.platformPublicKeyId);
    expect(n.headers['wechatpay-signature-type']).toBe('WECHATPAY2-SHA256-RSA2048');
    expect(n.headers['content-type']).toContain('application/json');
    const envelope = JSON.parse(n.body);
    expect(envelope).toMatchObject({
      resource_type: 'encrypt-resource',
      event_type: 'TRANSACTION.SUCCESS',
      summary: '支付成功',
      resource: { original_type: 'transaction', algorithm: 'AEAD_AES_256_GCM', associated_data: 'transaction' },
    });
    expect(envelope.create_time).toMatch(/\+08:00$/);
    expect(envelope.resource.nonce).toHaveLength(12);
    const tx = decrypt(envelope.resource);
    expect(tx).toMatchObject({
      mchid: keys.mchid,
      appid: APPID,
      out_trade_no: outTradeNo,
      transaction_id: transactionId,
      trade_type: 'JSAPI',
      trade_state: 'SUCCESS',
      payer: { openid: 'o_standin_test_openid' },
      amount: { total: 4321, payer_total: 4321, currency: 'CNY', payer_currency: 'CNY' },
    });
    await waitFor(() => {
      const d = pay.state.deliveries.find((x) => x.outTradeNo === outTradeNo);
      return d?.state === 'delivered';
    });
  });

  it('signs notifications with the certificate identity after a rotation', async () => {
    await control('/__standin/signer', { active: 'certificate' });
    const { outTradeNo } = await placeAndPay();
    const [n] = await waitFor(() => (notificationsFor(outTradeNo).length ? notificationsFor(outTradeNo) : undefined));
    expect(n?.headers['wechatpay-serial']).toBe(keys.platformCertSerial);
    expect(n?.problem).toBeNull();
  });

  it('retries when the receiver answers 500, and records each attempt', async () => {
    let seen = 0;
    respond = (n) => (seen++ === 0 ? 500 : n.problem ? 401 : 200);
    const { outTradeNo } = await placeAndPay();
    await waitFor(() => notificationsFor(outTradeNo).length >= 2);
    await waitFor(() => pay.state.deliveries.find((d) => d.outTradeNo === outTradeNo)?.state === 'delivered');
    type Attempt = { out_trade_no: string; attempt: number; status: number; duration_ms: number; delivered: boolean };
    const attempts = (await control<Attempt[]>(`/__standin/notifications?out_trade_no=${outTradeNo}`)).json;
    expect(attempts.map((a) => [a.out_trade_no, a.attempt, a.status, a.delivered])).toEqual([
      [outTradeNo, 1, 500, false],
      [outTradeNo, 2, 200, true],
    ]);
    expect(attempts.every((a) => typeof a.duration_ms === 'number')).toBe(true);
    const deliveries = (await control<{ state: string }[]>(`/__standin/deliveries?out_trade_no=${outTradeNo}`)).json;
    expect(deliveries).toEqual([expect.objectContaining({ state: 'delivered', attempts: 2 })]);
    // The retry is the same notification (same id and body).
    const [first, second] = notificationsFor(outTradeNo);
    expect(second?.body).toBe(first?.body);
  });

  it('treats a slow answer as failed and gives up after the schedule', async () => {
    respond = async () => {
      await sleep(600);
      return 204;
    };
    const { outTradeNo } = await placeAndPay();
    const delivery = await waitFor(
      () => pay.state.deliveries.find((d) => d.outTradeNo === outTradeNo && d.state === 'gave-up'),
      10_000,
    );
    expect(delivery.attempts).toBe(RETRIES.length + 1);
    const attempts = pay.state.attempts.filter((a) => a.outTradeNo === outTradeNo);
    expect(attempts.every((a) => a.error === 'timeout' && a.status === null)).toBe(true);
  });
});

describe('refunds', () => {
  it('refunds: PROCESSING, then SUCCESS with a REFUND.SUCCESS notification; idempotent per out_refund_no', async () => {
    const { outTradeNo, transactionId } = await placeAndPay(5000);
    const outRefundNo = `RF${outTradeNo}`;
    const request = {
      out_trade_no: outTradeNo,
      out_refund_no: outRefundNo,
      reason: '申请人撤回申请',
      notify_url: notifyUrl,
      amount: { refund: 3000, total: 5000, currency: 'CNY' },
    };
    const res = await call('POST', '/v3/refund/domestic/refunds', request);
    expect(res.status).toBe(200);
    verifyAnswer(res, verifyKeys.get(keys.platformPublicKeyId) as KeyObject);
    expect(res.json).toMatchObject({
      out_refund_no: outRefundNo,
      out_trade_no: outTradeNo,
      transaction_id: transactionId,
      channel: 'ORIGINAL',
      user_received_account: '支付用户零钱',
      status: 'PROCESSING',
      amount: { total: 5000, refund: 3000, payer_total: 5000, payer_refund: 3000, currency: 'CNY' },
    });
    expect(res.json.refund_id).toMatch(/^\d{29}$/);
    expect(res.json.create_time).toMatch(/\+08:00$/);

    const again = await call('POST', '/v3/refund/domestic/refunds', request);
    expect(again.json.refund_id).toBe(res.json.refund_id);

    const tooMuch = await call('POST', '/v3/refund/domestic/refunds', {
      ...request,
      out_refund_no: `RX${outTradeNo}`,
      amount: { refund: 2001, total: 5000, currency: 'CNY' },
    });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.json.code).toBe('INVALID_REQUEST');

    const [n] = await waitFor(() =>
      notificationsFor(outTradeNo, 'REFUND.SUCCESS').length
        ? notificationsFor(outTradeNo, 'REFUND.SUCCESS')
        : undefined,
    );
    if (!n) throw new Error('no refund notification');
    expect(n.problem).toBeNull();
    const envelope = JSON.parse(n.body);
    expect(envelope).toMatchObject({
      event_type: 'REFUND.SUCCESS',
      resource: { original_type: 'refund', associated_data: 'refund' },
    });
    expect(decrypt(envelope.resource)).toMatchObject({
      mchid: keys.mchid,
      out_trade_no: outTradeNo,
      transaction_id: transactionId,
      out_refund_no: outRefundNo,
      refund_id: res.json.refund_id,
      refund_status: 'SUCCESS',
      user_received_account: '支付用户零钱',
      amount: { total: 5000, refund: 3000, payer_total: 5000, payer_refund: 3000 },
    });

    const refund = await call('GET', `/v3/refund/domestic/refunds/${outRefundNo}`);
    expect(refund.json).toMatchObject({ status: 'SUCCESS', refund_id: res.json.refund_id });
    expect(refund.json.success_time).toMatch(/\+08:00$/);
    expect((await query(outTradeNo)).json.trade_state).toBe('REFUND');
  });

  it('will not refund an unpaid order or an unknown refund', async () => {
    const { outTradeNo } = await placeOrder(100);
    const unpaid = await call('POST', '/v3/refund/domestic/refunds', {
      out_trade_no: outTradeNo,
      out_refund_no: `RF${outTradeNo}`,
      amount: { refund: 100, total: 100, currency: 'CNY' },
    });
    expect(unpaid.status).toBe(404);
    expect(unpaid.json.code).toBe('RESOURCE_NOT_EXISTS');
    const unknown = await call('GET', '/v3/refund/domestic/refunds/RF_NO_SUCH_REFUND');
    expect(unknown.status).toBe(404);
    expect(unknown.json.code).toBe('RESOURCE_NOT_EXISTS');
  });
});

describe('misbehaviours', () => {
  it('duplicate-notifications: the same notification arrives count times', async () => {
    const { outTradeNo, prepayId } = await placeOrder();
    expect(prepayId).toBeTruthy();
    await control('/__standin/misbehave', { mode: 'duplicate-notifications', count: 3, out_trade_no: outTradeNo });
    await control('/__standin/pay', { out_trade_no: outTradeNo });
    const copies = await waitFor(() =>
      notificationsFor(outTradeNo).length >= 3 ? notificationsFor(outTradeNo) : undefined,
    );
    expect(copies).toHaveLength(3);
    expect(new Set(copies.map((c) => JSON.parse(c.body).id)).size).toBe(1);
    expect(copies.every((c) => c.problem === null)).toBe(true);
  });

  it('probe-signature: a WECHATPAY/SIGNTEST/ signature, rejected; the retry is genuine', async () => {
    const { outTradeNo } = await placeOrder();
    await control('/__standin/misbehave', { mode: 'probe-signature', out_trade_no: outTradeNo });
    await control('/__standin/pay', { out_trade_no: outTradeNo });
    const [probe, retry] = await waitFor(() =>
      notificationsFor(outTradeNo).length >= 2 ? notificationsFor(outTradeNo) : undefined,
    );
    expect(String(probe?.headers['wechatpay-signature'])).toMatch(/^WECHATPAY\/SIGNTEST\//);
    expect(probe?.problem).toBe('probe');
    expect(probe?.answered).toBe(401);
    expect(retry?.problem).toBeNull();
  });

  it('forged-signature: signed by a key nobody trusts', async () => {
    const { outTradeNo } = await placeOrder();
    await control('/__standin/misbehave', { mode: 'forged-signature', out_trade_no: outTradeNo, allAttempts: true });
    await control('/__standin/pay', { out_trade_no: outTradeNo });
    await waitFor(() => pay.state.deliveries.find((d) => d.outTradeNo === outTradeNo)?.state === 'gave-up');
    const all = notificationsFor(outTradeNo);
    expect(all).toHaveLength(RETRIES.length + 1);
    expect(all.every((n) => n.problem === 'bad-signature')).toBe(true);
  });

  it('stale-timestamp: ten minutes old, yet consistently signed', async () => {
    const { outTradeNo } = await placeOrder();
    await control('/__standin/misbehave', { mode: 'stale-timestamp', out_trade_no: outTradeNo });
    await control('/__standin/pay', { out_trade_no: outTradeNo });
    const [stale] = await waitFor(() =>
      notificationsFor(outTradeNo).length ? notificationsFor(outTradeNo) : undefined,
    );
    if (!stale) throw new Error('no notification');
    expect(stale.problem).toBe('stale');
    expect(Date.now() / 1000 - Number(stale.headers['wechatpay-timestamp'])).toBeGreaterThan(590);
    expect(signatureVerifies(stale.headers, stale.body)).toBe(true);
  });

  it('tampered-amount: correctly signed and encrypted, but amount.total is off by one', async () => {
    const { outTradeNo } = await placeOrder(2500);
    await control('/__standin/misbehave', { mode: 'tampered-amount', out_trade_no: outTradeNo });
    await control('/__standin/pay', { out_trade_no: outTradeNo });
    const [n] = await waitFor(() => (notificationsFor(outTradeNo).length ? notificationsFor(outTradeNo) : undefined));
    if (!n) throw new Error('no notification');
    expect(n.problem).toBeNull();
    const tx = decrypt<{ amount: { total: number } }>(JSON.parse(n.body).resource);
    expect(tx.amount.total).toBe(2501);
    expect((await query(outTradeNo)).json.amount).toMatchObject({ total: 2500 });
  });

  it('forget-order: the query answers ORDER_NOT_EXIST from then on', async () => {
    const { outTradeNo } = await placeAndPay();
    expect((await query(outTradeNo)).status).toBe(200);
    await control('/__standin/misbehave', { mode: 'forget-order', out_trade_no: outTradeNo });
    const forgotten = await query(outTradeNo);
    expect(forgotten.status).toBe(404);
    expect(forgotten.json.code).toBe('ORDER_NOT_EXIST');
    expect((await query(outTradeNo)).status).toBe(404);
  });

  it('drop-notifications: nothing is sent; the order is found paid by querying; resend sends it', async () => {
    const { outTradeNo } = await placeOrder();
    await control('/__standin/misbehave', { mode: 'drop-notifications', out_trade_no: outTradeNo });
    await control('/__standin/pay', { out_trade_no: outTradeNo });
    await sleep(300);
    expect(notificationsFor(outTradeNo)).toHaveLength(0);
    expect((await query(outTradeNo)).json.trade_state).toBe('SUCCESS');
    const resent = await control('/__standin/resend', { out_trade_no: outTradeNo });
    expect(resent.json).toMatchObject({ variant: 'resend', status: 204, delivered: true });
    const deliveries = (await control<{ state: string }[]>(`/__standin/deliveries?out_trade_no=${outTradeNo}`)).json;
    expect(deliveries.map((d) => d.state)).toEqual(['dropped', 'delivered']);
    expect(notificationsFor(outTradeNo)).toHaveLength(1);
  });

  it('timeout: the next API call answers after the caller gave up, but took effect', async () => {
    const no = newTradeNo();
    await control('/__standin/misbehave', { mode: 'timeout', delayMs: 1500 });
    const started = Date.now();
    await expect(
      call('POST', '/v3/pay/transactions/jsapi', order(no), { signal: AbortSignal.timeout(400) }),
    ).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(1400);
    const found = await query(no);
    expect(found.status).toBe(200);
    expect(found.json.trade_state).toBe('NOTPAY');
  });
});

describe('the h5 cashier (wx.requestPayment)', () => {
  const returnTo = 'http://127.0.0.1:5173/#/pages/payment/result?orderId=A1';

  function cashierUrl(prepayId: string, o: { signingKey?: KeyObject; redirect?: string } = {}) {
    const params = {
      appId: APPID,
      timeStamp: String(Math.floor(Date.now() / 1000)),
      nonceStr: randomBytes(12).toString('hex'),
      package: `prepay_id=${prepayId}`,
      signType: 'RSA',
    };
    const paySign = createSign('RSA-SHA256')
      .update(`${params.appId}\n${params.timeStamp}\n${params.nonceStr}\n${params.package}\n`)
      .sign(o.signingKey ?? merchantKey, 'base64');
    const q = new URLSearchParams({ ...params, paySign, redirect_uri: o.redirect ?? returnTo });
    return `${pay.url}/h5/pay?${q}`;
  }

  const sessionOf = (html: string) => html.match(/name="session" value="([^"]+)"/)?.[1] ?? '';
  const submit = (action: 'confirm' | 'cancel', session: string) =>
    fetch(`${pay.url}/h5/pay/${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ session }).toString(),
      redirect: 'manual',
    });

  it('shows merchant, description and amount; confirm pays, notifies and returns payResult=ok', async () => {
    const { outTradeNo, prepayId } = await placeOrder(1250);
    const page = await fetch(cashierUrl(prepayId));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('民生警务');
    expect(html).toContain('往来港澳通行证');
    expect(html).toContain('¥12.50');
    expect(html).toContain('data-testid="pay-confirm"');
    expect(html).toContain('data-testid="pay-cancel"');
    const done = await submit('confirm', sessionOf(html));
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`${returnTo}&payResult=ok`);
    expect((await query(outTradeNo)).json.trade_state).toBe('SUCCESS');
    await waitFor(() => notificationsFor(outTradeNo).length === 1);
    // The session is single-use.
    expect((await submit('confirm', sessionOf(html))).status).toBe(400);
  });

  it('cancel returns payResult=cancel and leaves the order unpaid', async () => {
    const { outTradeNo, prepayId } = await placeOrder();
    const html = await (await fetch(cashierUrl(prepayId))).text();
    const done = await submit('cancel', sessionOf(html));
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`${returnTo}&payResult=cancel`);
    expect((await query(outTradeNo)).json.trade_state).toBe('NOTPAY');
  });

  it('refuses a paySign not made with the merchant key, and a foreign redirect_uri', async () => {
    const { prepayId } = await placeOrder();
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const bad = await fetch(cashierUrl(prepayId, { signingKey: stranger }));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('data-testid="standin-pay-error"');
    const foreign = await fetch(cashierUrl(prepayId, { redirect: 'https://evil.example/#/x' }));
    expect(foreign.status).toBe(400);
    expect(await foreign.text()).toContain('data-testid="standin-pay-error"');
  });
});
