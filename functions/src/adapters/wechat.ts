import { AppError } from '@minsheng/shared';
import { config } from '../config';
import { log } from '../lib/log';

/**
 * A real HTTP client for WeChat's server APIs. Locally its base URL points at the stand-in
 * in dev/, in the cloud at api.weixin.qq.com; the code is the same.
 */
interface WeChatError {
  errcode?: number;
  errmsg?: string;
}

export interface CodeSession {
  openid: string;
  sessionKey: string;
  unionid?: string;
}

export interface FaceIdentifyInfo {
  identifyRet: number;
  identifyTime: number;
  openid: string;
  idCardNumberMd5: string;
  nameUtf8Md5: string;
}

const TIMEOUT_MS = 5000;

/**
 * WECHAT_UNAVAILABLE, saying whether WeChat can have acted on the request: `unreachable`
 * (no connection was made) and `http` (an error status) did nothing; `unknown` (timed out or
 * dropped after sending) may have. Senders that must not repeat themselves need the difference.
 */
export class WeChatUnavailable extends AppError {
  constructor(
    readonly path: string,
    readonly failure: 'unreachable' | 'http' | 'unknown',
    readonly httpStatus?: number,
  ) {
    super('WECHAT_UNAVAILABLE');
  }
}

const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

async function call<T>(path: string, init?: RequestInit): Promise<T & WeChatError> {
  const url = `${config().wechat.apiBaseUrl}${path}`;
  const bare = path.split('?')[0] as string;
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    log.warn('wechat request failed', { path: bare, error: String(error) });
    const code = (error as { cause?: { code?: string } })?.cause?.code;
    throw new WeChatUnavailable(bare, code && NOT_CONNECTED.has(code) ? 'unreachable' : 'unknown');
  }
  if (!response.ok) {
    log.warn('wechat http error', { path: bare, status: response.status });
    throw new WeChatUnavailable(bare, 'http', response.status);
  }
  return (await response.json()) as T & WeChatError;
}

/** Exchanges a `wx.login` code. @throws AppError for used/invalid codes, rate limits, risky users. */
export async function code2Session(jsCode: string): Promise<CodeSession> {
  const { appId, appSecret } = config().wechat;
  const query = new URLSearchParams({
    appid: appId,
    secret: appSecret,
    js_code: jsCode,
    grant_type: 'authorization_code',
  });
  const body = await call<{ openid?: string; session_key?: string; unionid?: string }>(`/sns/jscode2session?${query}`);
  if (body.errcode) {
    log.info('jscode2session refused', { errcode: body.errcode });
    if (body.errcode === 40029 || body.errcode === 40163) throw new AppError('WECHAT_CODE_INVALID');
    if (body.errcode === 45011) throw new AppError('WECHAT_RATE_LIMITED');
    if (body.errcode === 40226) throw new AppError('WECHAT_RISKY_USER');
    throw new AppError('WECHAT_UNAVAILABLE');
  }
  if (!body.openid || !body.session_key) throw new AppError('WECHAT_UNAVAILABLE');
  return { openid: body.openid, sessionKey: body.session_key, unionid: body.unionid };
}

/** Per-container cache of the stable access token, refreshed five minutes early. */
let token: { value: string; expiresAtMs: number } | undefined;

async function fetchStableToken(forceRefresh: boolean): Promise<string> {
  const { appId, appSecret } = config().wechat;
  const body = await call<{ access_token?: string; expires_in?: number }>('/cgi-bin/stable_token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      grant_type: 'client_credential',
      appid: appId,
      secret: appSecret,
      force_refresh: forceRefresh,
    }),
  });
  if (body.errcode || !body.access_token) {
    log.warn('stable_token refused', { errcode: body.errcode });
    throw new AppError('WECHAT_UNAVAILABLE');
  }
  const lifetime = Math.min(body.expires_in ?? 7200, 7200);
  token = { value: body.access_token, expiresAtMs: Date.now() + (lifetime - 300) * 1000 };
  return token.value;
}

export async function accessToken(): Promise<string> {
  if (token && token.expiresAtMs > Date.now()) return token.value;
  return fetchStableToken(false);
}

const TOKEN_EXPIRED = new Set([40001, 42001]);

/** POSTs JSON to an access-token API, retrying once with a fresh token on 40001/42001. */
async function postWithToken<T>(path: string, payload: unknown): Promise<T & WeChatError> {
  const send = async (tokenValue: string) =>
    call<T>(`${path}?access_token=${encodeURIComponent(tokenValue)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    });
  const first = await send(await accessToken());
  if (!first.errcode || !TOKEN_EXPIRED.has(first.errcode)) return first;
  token = undefined;
  return send(await fetchStableToken(true));
}

/** Reads the outcome of a face verification (government mini-programs only). */
export async function faceIdentifyInfo(verifyResult: string): Promise<FaceIdentifyInfo | null> {
  const body = await postWithToken<{
    identify_ret?: number;
    identify_time?: number;
    openid?: string;
    id_card_number_md5?: string;
    name_utf8_md5?: string;
  }>('/cityservice/face/identify/getinfo', { verify_result: verifyResult });
  if (body.errcode) {
    log.info('face getinfo refused', { errcode: body.errcode });
    return null;
  }
  return {
    identifyRet: body.identify_ret ?? -1,
    identifyTime: body.identify_time ?? 0,
    openid: body.openid ?? '',
    idCardNumberMd5: body.id_card_number_md5 ?? '',
    nameUtf8Md5: body.name_utf8_md5 ?? '',
  };
}

export interface SubscribeMessage {
  /** The recipient's openid. */
  touser: string;
  templateId: string;
  /** Mini-program page opened from the message, without a leading slash. */
  page: string;
  miniprogramState: 'formal' | 'trial' | 'developer';
  /** Keyword → value, already within each keyword type's limits (thing ≤ 20 characters …). */
  data: Record<string, string>;
}

/**
 * What became of a subscribe message: `sent`; `no_quota` (43101: the user has no accept left,
 * or never accepted); `retry` when WeChat certainly did not send it (HTTP error, -1 system
 * busy, rate limits, unreachable); `rejected` for a message WeChat will never take (47003
 * field rules, bad openid or template); `unknown` when it may have been sent (timed out).
 */
export type SubscribeSendResult =
  | { outcome: 'sent' }
  | { outcome: 'no_quota' }
  | { outcome: 'retry'; reason: string }
  | { outcome: 'rejected'; reason: string }
  | { outcome: 'unknown'; reason: string };

/** errcodes meaning "not now": system busy, API rate or daily limit, token still invalid after a refresh. */
const TRY_LATER = new Set([-1, 45009, 45011, 40001, 42001]);

/** Sends one subscribe message. Never throws for WeChat's answers; the result says what to do next. */
export async function sendSubscribeMessage(message: SubscribeMessage): Promise<SubscribeSendResult> {
  let body: WeChatError;
  try {
    body = await postWithToken('/cgi-bin/message/subscribe/send', {
      touser: message.touser,
      template_id: message.templateId,
      page: message.page,
      miniprogram_state: message.miniprogramState,
      lang: 'zh_CN',
      data: Object.fromEntries(Object.entries(message.data).map(([k, value]) => [k, { value }])),
    });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    // The token call failing, or the send failing before WeChat could act, is safe to repeat.
    const safe =
      !(error instanceof WeChatUnavailable) || error.failure !== 'unknown' || error.path === '/cgi-bin/stable_token';
    const reason = error instanceof WeChatUnavailable ? `${error.failure}${error.httpStatus ?? ''}` : error.code;
    return safe ? { outcome: 'retry', reason } : { outcome: 'unknown', reason };
  }
  if (!body.errcode) return { outcome: 'sent' };
  if (body.errcode === 43101) return { outcome: 'no_quota' };
  log.info('subscribe message refused', { errcode: body.errcode });
  return TRY_LATER.has(body.errcode)
    ? { outcome: 'retry', reason: `errcode ${body.errcode}` }
    : { outcome: 'rejected', reason: `errcode ${body.errcode}` };
}

/** Resets the token cache; for tests that rotate the stand-in's tokens. */
export const forgetAccessToken = (): void => {
  token = undefined;
};
