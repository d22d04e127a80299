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

async function call<T>(path: string, init?: RequestInit): Promise<T & WeChatError> {
  const url = `${config().wechat.apiBaseUrl}${path}`;
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    log.warn('wechat request failed', { path: path.split('?')[0], error: String(error) });
    throw new AppError('WECHAT_UNAVAILABLE');
  }
  if (!response.ok) {
    log.warn('wechat http error', { path: path.split('?')[0], status: response.status });
    throw new AppError('WECHAT_UNAVAILABLE');
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

/** Resets the token cache; for tests that rotate the stand-in's tokens. */
export const forgetAccessToken = (): void => {
  token = undefined;
};
