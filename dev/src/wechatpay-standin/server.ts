import { createPrivateKey, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import {
  appendParams,
  close,
  decodeComponent,
  listen,
  readBody,
  redirect,
  requestUrl,
  safeListener,
  sendHtml,
  sendJson,
} from '../http-util';
import { type ApiContext, type ApiDeps, type ApiResult, apiError, apiRoutes, payOrder } from './api';
import {
  epochSeconds,
  headerNonce,
  parseAuthorization,
  publicKeyFromPem,
  requestId,
  requestMessage,
  responseMessage,
  rsaSign,
  rsaVerify,
} from './crypto';
import { Notifier, type Signer } from './notifier';
import { payErrorPage, payPage } from './pages';
import {
  attemptJson,
  deliveryJson,
  MISBEHAVIOUR_MODES,
  type MisbehaviourMode,
  PayStandInState,
  refundJson,
  type SignerName,
  transactionJson,
} from './state';

/**
 * A local stand-in for WeChat Pay API v3 (see shared/DESIGN.md): it checks the merchant's
 * WECHATPAY2-SHA256-RSA2048 request signatures, signs its answers and notifications with a
 * platform identity (certificate mode or public-key mode, switchable for rotation tests),
 * encrypts notification resources with the APIv3 key and retries notifications on a
 * (shortened) schedule. /h5/pay plays the wx.requestPayment cashier for the h5 build;
 * routes under /__standin are its control panel for tests.
 */
export interface WeChatPayStandInOptions {
  port?: number;
  mchid: string;
  appid: string;
  merchantSerial: string;
  merchantPublicKeyPem: string;
  apiV3Key: string;
  signers: {
    certificate: { serial: string; privateKeyPem: string };
    publicKey: { serial: string; privateKeyPem: string };
  };
  /** Which platform identity signs answers and notifications (default 'publicKey'). */
  activeSigner?: SignerName;
  /** Waits between notification attempts (WeChat: 15s,15s,30s,3m,10m,20m,30m,30m,30m,60m,3h,3h,3h,6h,6h). */
  notifyRetryDelaysMs?: number[];
  /** A notification not answered 2xx within this time failed (WeChat: 5 s). */
  notifyTimeoutMs?: number;
  /** Where the cashier may send people back to (origins); any when absent. */
  allowedReturnOrigins?: string[];
  /** How long a refund stays PROCESSING before it succeeds (default 200 ms). */
  refundSettleMs?: number;
  /**
   * Which error answers carry Wechatpay-* signature headers. WeChat Pay leaves them off
   * authentication failures (401), unknown routes (404/405) and the missing-User-Agent 400
   * (probed); whether business errors (PARAM_ERROR, ORDER_NOT_EXIST, …) are signed is not
   * documented. 'business' (default): signed after authentication; 'all': every answer;
   * 'none': only 2xx answers.
   */
  signErrors?: 'business' | 'all' | 'none';
}

export interface WeChatPayStandIn {
  url: string;
  state: PayStandInState;
  stop(): Promise<void>;
}

export const DEFAULT_NOTIFY_RETRY_DELAYS_MS = [100, 200, 400, 800, 1600];
/** How long a `timeout` misbehaviour makes an API call take by default (callers give up at 5 s). */
const DEFAULT_SLOW_MS = 8000;
/** WeChat Pay accepts an Authorization timestamp up to five minutes off. */
const MAX_SKEW_SECONDS = 300;

const MESSAGES = {
  authFormatTransactions: '签名信息错误，验签失败',
  authFormat: 'Http头Authorization值格式错误，请参考《微信支付商户REST API签名规则》',
  stale: 'Http头Authorization中的timestamp与发起请求的时间不得超过5分钟',
  mchid: '错误的签名，验签失败',
  serial: '商户证书序列号有误。请使用签名私钥匹配的证书序列号',
  signature: '签名错误',
  userAgent: 'Http头缺少Accept或User-Agent',
};

async function jsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  try {
    const parsed = JSON.parse((await readBody(req)).toString('utf8'));
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

async function formBody(req: IncomingMessage): Promise<URLSearchParams> {
  return new URLSearchParams((await readBody(req)).toString('utf8'));
}

function parseJsonObject(raw: string): Record<string, unknown> | undefined {
  if (!raw) return undefined;
  try {
    const parsed = JSON.parse(raw);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export async function startWeChatPayStandIn(options: WeChatPayStandInOptions): Promise<WeChatPayStandIn> {
  if (Buffer.byteLength(options.apiV3Key, 'utf8') !== 32) throw new Error('apiV3Key must be 32 bytes');
  const state = new PayStandInState(options.activeSigner ?? 'publicKey');
  const merchantKey = publicKeyFromPem(options.merchantPublicKeyPem);
  const signers: Record<SignerName, Signer> = {
    certificate: {
      serial: options.signers.certificate.serial,
      privateKey: createPrivateKey(options.signers.certificate.privateKeyPem),
    },
    publicKey: {
      serial: options.signers.publicKey.serial,
      privateKey: createPrivateKey(options.signers.publicKey.privateKeyPem),
    },
  };
  const activeSigner = (): Signer => signers[state.activeSigner];
  const signErrors = options.signErrors ?? 'business';

  const timers = new Set<NodeJS.Timeout>();
  const sleepers = new Set<() => void>();
  let stopped = false;
  const schedule = (fn: () => void, ms: number) => {
    const t = setTimeout(() => {
      timers.delete(t);
      if (!stopped) fn();
    }, ms);
    timers.add(t);
  };
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        sleepers.delete(resolve);
        resolve();
      }, ms);
      timers.add(t);
      sleepers.add(resolve);
    });

  const notifier = new Notifier(state, {
    apiV3Key: options.apiV3Key,
    retryDelaysMs: options.notifyRetryDelaysMs ?? DEFAULT_NOTIFY_RETRY_DELAYS_MS,
    timeoutMs: options.notifyTimeoutMs ?? 5000,
    signer: activeSigner,
  });
  const deps: ApiDeps = {
    appid: options.appid,
    mchid: options.mchid,
    state,
    notifier,
    refundSettleMs: options.refundSettleMs ?? 200,
    schedule,
  };
  const routes = apiRoutes(deps);

  /** Sends an answer, signed by the active platform identity when `signed`. */
  const send = (res: ServerResponse, result: ApiResult, signed: boolean, withRequestId = true) => {
    if (res.destroyed) return;
    const text = result.body === undefined ? '' : JSON.stringify(result.body);
    const headers: Record<string, string> = {};
    if (text) headers['content-type'] = 'application/json; charset=utf-8';
    if (withRequestId) headers['Request-ID'] = requestId();
    if (signed) {
      const signer = activeSigner();
      const timestamp = String(epochSeconds());
      const nonce = headerNonce();
      headers['Wechatpay-Nonce'] = nonce;
      headers['Wechatpay-Timestamp'] = timestamp;
      headers['Wechatpay-Serial'] = signer.serial;
      headers['Wechatpay-Signature'] = rsaSign(responseMessage(timestamp, nonce, text), signer.privateKey);
      headers['Wechatpay-Signature-Type'] = 'WECHATPAY2-SHA256-RSA2048';
    }
    res.writeHead(result.status, headers);
    res.end(text);
  };

  /** The problem with a request's Authorization, or undefined when it is genuine. */
  const authProblem = (req: IncomingMessage, raw: string, family: string): string | undefined => {
    const auth = parseAuthorization(req.headers.authorization);
    if (!auth) return family === 'transactions' ? MESSAGES.authFormatTransactions : MESSAGES.authFormat;
    if (!/^\d+$/.test(auth.timestamp) || Math.abs(epochSeconds() - Number(auth.timestamp)) > MAX_SKEW_SECONDS)
      return MESSAGES.stale;
    if (auth.mchid !== options.mchid) return MESSAGES.mchid;
    if (auth.serial_no.toUpperCase() !== options.merchantSerial.toUpperCase()) return MESSAGES.serial;
    const message = requestMessage(req.method ?? '', req.url ?? '', auth.timestamp, auth.nonce_str, raw);
    if (!rsaVerify(message, auth.signature, merchantKey)) return MESSAGES.signature;
    return undefined;
  };

  const handleApi = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const matching = routes.filter((r) => r.pattern.test(url.pathname));
    const route = matching.find((r) => r.method === req.method);
    // WeChat Pay answers unknown paths 404 and wrong methods 405, both with an empty body.
    if (!route) return send(res, { status: matching.length ? 405 : 404 }, signErrors === 'all');
    const raw = (await readBody(req)).toString('utf8');
    if (route.family === 'refund' && !req.headers['user-agent']) {
      return send(res, apiError(400, 'INVALID_REQUEST', MESSAGES.userAgent), signErrors === 'all');
    }
    const problem = authProblem(req, raw, route.family);
    if (problem) {
      state.calls.rejected++;
      // The transaction APIs' 401 carries no Request-ID (probed); the others' does.
      return send(res, apiError(401, 'SIGN_ERROR', problem), signErrors === 'all', route.family !== 'transactions');
    }
    let params: string[];
    try {
      params = (url.pathname.match(route.pattern) ?? []).slice(1).map((p) => decodeURIComponent(p));
    } catch {
      return send(res, apiError(400, 'PARAM_ERROR', 'URL路径参数格式错误'), signErrors !== 'none');
    }
    const body = parseJsonObject(raw);
    const mchid = parseAuthorization(req.headers.authorization)?.mchid ?? '';
    const ctx: ApiContext = { url, params, body, mchid };
    const outTradeNo =
      url.pathname.includes('/out-trade-no/') && params[0]
        ? params[0]
        : typeof body?.out_trade_no === 'string'
          ? body.out_trade_no
          : undefined;
    const slow = state.take('timeout', outTradeNo);
    const result = route.handle(ctx);
    // The call takes effect; only the answer comes too late (the case a caller must query for).
    if (slow) await sleep(slow.delayMs);
    send(res, result, result.status < 300 || signErrors !== 'none');
  };

  const isAllowedReturn = (uri: string) => {
    try {
      const u = new URL(uri);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') return false;
      return !options.allowedReturnOrigins || options.allowedReturnOrigins.includes(u.origin);
    } catch {
      return false;
    }
  };

  type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;
  const pageError = (res: ServerResponse, message: string) => sendHtml(res, 400, payErrorPage(message));

  const pages: Record<string, Handler> = {
    /** The cashier: checks the paySign exactly as wx.requestPayment does, then asks to confirm. */
    'GET /h5/pay': async (_req, res, url) => {
      const q = url.searchParams;
      const appId = q.get('appId') ?? '';
      const timeStamp = q.get('timeStamp') ?? '';
      const nonceStr = q.get('nonceStr') ?? '';
      const pkg = q.get('package') ?? '';
      const redirectUri = q.get('redirect_uri') ?? '';
      if (!isAllowedReturn(redirectUri)) return pageError(res, 'redirect_uri 不在允许的范围内');
      if (appId !== options.appid) return pageError(res, '支付参数错误：appId 与商户号不匹配');
      if (!/^\d+$/.test(timeStamp) || !nonceStr) return pageError(res, '支付参数错误：timeStamp 或 nonceStr 无效');
      if (q.get('signType') !== 'RSA') return pageError(res, '支付参数错误：signType 须为 RSA');
      const signed = `${appId}\n${timeStamp}\n${nonceStr}\n${pkg}\n`;
      if (!rsaVerify(signed, q.get('paySign') ?? '', merchantKey)) return pageError(res, '支付验证签名失败');
      const prepayId = pkg.startsWith('prepay_id=') ? pkg.slice('prepay_id='.length) : '';
      const order = state.ordersByPrepayId.get(prepayId);
      if (!order) return pageError(res, '支付参数错误：prepay_id 无效');
      if (order.prepayExpiresAt < Date.now()) return pageError(res, '支付请求已失效，请重新下单');
      if (order.tradeState === 'CLOSED') return pageError(res, '订单已关闭');
      if (order.tradeState !== 'NOTPAY') return pageError(res, '订单已支付，请勿重复支付');
      const session = randomBytes(18).toString('base64url');
      state.paySessions.set(session, { outTradeNo: order.outTradeNo, redirectUri });
      sendHtml(res, 200, payPage(session, order.description, order.total));
    },
    'POST /h5/pay/confirm': async (req, res) => {
      const token = (await formBody(req)).get('session') ?? '';
      const session = state.paySessions.get(token);
      if (!session) return pageError(res, '支付会话已失效，请返回重试');
      state.paySessions.delete(token);
      const order = state.orders.get(session.outTradeNo);
      if (!order) return pageError(res, '订单不存在');
      const paid = payOrder(deps, order);
      if (!paid.ok) return pageError(res, paid.message);
      redirect(res, appendParams(session.redirectUri, { payResult: 'ok' }));
    },
    'POST /h5/pay/cancel': async (req, res) => {
      const token = (await formBody(req)).get('session') ?? '';
      const session = state.paySessions.get(token);
      if (!session) return pageError(res, '支付会话已失效，请返回重试');
      state.paySessions.delete(token);
      redirect(res, appendParams(session.redirectUri, { payResult: 'cancel' }));
    },

    // Control panel for tests.
    'POST /__standin/pay': async (req, res) => {
      const no = String((await jsonBody(req)).out_trade_no ?? '');
      const order = state.orders.get(no);
      if (!order) return sendJson(res, 404, { code: 'ORDER_NOT_EXIST', message: '订单不存在' });
      const paid = payOrder(deps, order);
      if (!paid.ok) return sendJson(res, 400, { code: paid.code, message: paid.message });
      sendJson(res, 200, { transaction_id: order.transactionId, success_time: order.successTime });
    },
    'POST /__standin/misbehave': async (req, res) => {
      const body = await jsonBody(req);
      const mode = String(body.mode ?? '') as MisbehaviourMode;
      if (!MISBEHAVIOUR_MODES.includes(mode)) return sendJson(res, 400, { error: `unknown mode: ${mode}` });
      const outTradeNo = typeof body.out_trade_no === 'string' && body.out_trade_no ? body.out_trade_no : undefined;
      if (mode === 'reset') state.reset();
      else if (mode === 'forget-order') {
        if (!outTradeNo) return sendJson(res, 400, { error: 'forget-order needs out_trade_no' });
        state.forgotten.add(outTradeNo);
      } else {
        const count = Number(body.count ?? (mode === 'duplicate-notifications' ? 2 : 1));
        if (!Number.isInteger(count) || count < 1) return sendJson(res, 400, { error: 'count must be ≥ 1' });
        state.misbehaviours.push({
          mode,
          count,
          ...(outTradeNo ? { outTradeNo } : {}),
          allAttempts: body.allAttempts === true,
          delayMs: Number(body.delayMs ?? DEFAULT_SLOW_MS),
        });
      }
      sendJson(res, 200, { pending: state.misbehaviours, forgotten: [...state.forgotten] });
    },
    'POST /__standin/signer': async (req, res) => {
      const active = (await jsonBody(req)).active;
      if (active !== 'certificate' && active !== 'publicKey')
        return sendJson(res, 400, { error: "active must be 'certificate' or 'publicKey'" });
      state.activeSigner = active;
      sendJson(res, 200, { active, serial: signers[active].serial });
    },
    /** Every notification attempt, oldest first (snake_case, like the wire): `?out_trade_no=` filters. */
    'GET /__standin/notifications': async (_req, res, url) => {
      const no = url.searchParams.get('out_trade_no');
      sendJson(res, 200, state.attempts.filter((a) => !no || a.outTradeNo === no).map(attemptJson));
    },
    /** One entry per notification (and per copy): pending, delivered, gave-up or dropped. */
    'GET /__standin/deliveries': async (_req, res, url) => {
      const no = url.searchParams.get('out_trade_no');
      sendJson(res, 200, state.deliveries.filter((d) => !no || d.outTradeNo === no).map(deliveryJson));
    },
    'POST /__standin/resend': async (req, res) => {
      const no = String((await jsonBody(req)).out_trade_no ?? '');
      const attempt = await notifier.resend(no);
      if (!attempt) return sendJson(res, 404, { error: 'no notification was sent for this order' });
      sendJson(res, 200, attemptJson(attempt));
    },
    'GET /__standin/calls': async (_req, res) => sendJson(res, 200, state.calls),
  };

  const controlOrder: Handler = async (_req, res, url) => {
    const no = decodeComponent(url.pathname.slice('/__standin/orders/'.length));
    const order = state.orders.get(no);
    if (!order) return sendJson(res, 404, { code: 'ORDER_NOT_EXIST', message: '订单不存在' });
    // The transaction as the query API would show it (regardless of forget-order), plus what
    // only the stand-in knows.
    sendJson(res, 200, {
      ...transactionJson(order),
      description: order.description,
      notify_url: order.notifyUrl,
      prepay_id: order.prepayId,
      ...(order.timeExpire ? { time_expire: order.timeExpire } : {}),
      create_time: order.createdAt,
      ...(order.closedAt ? { close_time: order.closedAt } : {}),
      forgotten: state.forgotten.has(no),
      refunds: [...state.refunds.values()].filter((r) => r.outTradeNo === no).map(refundJson),
    });
  };

  const listener = async (req: IncomingMessage, res: ServerResponse) => {
    const url = requestUrl(req);
    if (url.pathname.startsWith('/v3/')) return await handleApi(req, res, url);
    const page =
      pages[`${req.method} ${url.pathname}`] ??
      (req.method === 'GET' && url.pathname.startsWith('/__standin/orders/') ? controlOrder : undefined);
    if (!page) return sendJson(res, 404, { error: 'not found' });
    await page(req, res, url);
  };
  const server: Server = createServer(
    safeListener('wechatpay stand-in', listener, (res, status, message) =>
      status >= 500
        ? sendJson(res, status, { code: 'SYSTEM_ERROR', message: '系统错误，请稍后重试' })
        : sendJson(res, status, { code: 'PARAM_ERROR', message }),
    ),
  );
  const port = await listen(server, options.port ?? 0);
  return {
    url: `http://127.0.0.1:${port}`,
    state,
    stop: async () => {
      stopped = true;
      notifier.stop();
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const wake of sleepers) wake();
      sleepers.clear();
      await close(server);
    },
  };
}
