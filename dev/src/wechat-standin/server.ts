import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import {
  appendParams,
  close,
  listen,
  parseCookies,
  readBody,
  redirect,
  requestUrl,
  safeListener,
  sendHtml,
  sendJson,
} from '../http-util';
import { errorPage, facePage, loginPage } from './pages';
import { PERSONAS } from './personas';
import { patternPng } from './png';
import { md5, StandInState, token } from './state';

/**
 * A local stand-in for WeChat's server APIs, speaking their request and response shapes and
 * error codes (see shared/DESIGN.md), plus the h5 pages that play wx.login and the face check.
 * Routes under /__standin are its control panel for tests.
 */
export interface WeChatStandInOptions {
  port?: number;
  appId: string;
  appSecret: string;
  /** Where the face check sends people back to; only these origins are allowed. */
  allowedReturnOrigins?: string[];
}

export interface WeChatStandIn {
  url: string;
  state: StandInState;
  stop(): Promise<void>;
}

const OPENID_COOKIE = 'standin_openid';
/** WeChat's code for "user cancelled" in wx.startFacialRecognitionVerify. */
const FACE_USER_CANCELLED = 90100;
/** identify_ret for a face that does not match the ID photo. */
const FACE_NOT_MATCHED = 10004;

type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;

const wxError = (res: ServerResponse, errcode: number, errmsg: string) =>
  sendJson(res, 200, { errcode, errmsg: `${errmsg} rid: ${token(6)}` });

async function jsonBody(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  try {
    const parsed = JSON.parse((await readBody(req)).toString('utf8'));
    return parsed && typeof parsed === 'object' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

async function formBody(req: IncomingMessage): Promise<URLSearchParams> {
  return new URLSearchParams((await readBody(req)).toString('utf8'));
}

export async function startWeChatStandIn(options: WeChatStandInOptions): Promise<WeChatStandIn> {
  const state = new StandInState();
  const isAllowedReturn = (uri: string) => {
    try {
      const origin = new URL(uri).origin;
      return !options.allowedReturnOrigins || options.allowedReturnOrigins.includes(origin);
    } catch {
      return false;
    }
  };
  const requireToken = (res: ServerResponse, url: URL): boolean => {
    if (state.isValidToken(url.searchParams.get('access_token'))) return true;
    wxError(res, 40001, 'invalid credential, access_token is invalid or not latest');
    return false;
  };

  const routes: Record<string, Handler> = stalling(state, {
    'GET /sns/jscode2session': async (_req, res, url) => {
      state.calls.jscode2session++;
      const q = url.searchParams;
      if (q.get('appid') !== options.appId) return wxError(res, 40013, 'invalid appid');
      if (q.get('secret') !== options.appSecret) return wxError(res, 40125, 'invalid appsecret');
      if (q.get('grant_type') !== 'authorization_code') return wxError(res, 40002, 'invalid grant_type');
      const openid = state.redeemCode(q.get('js_code') ?? '');
      if (!openid) return wxError(res, 40029, 'invalid code');
      if (PERSONAS.find((p) => p.openid === openid)?.risky) return wxError(res, 40226, 'high risk user');
      sendJson(res, 200, { openid, session_key: token(16) });
    },
    'POST /cgi-bin/stable_token': async (req, res) => {
      state.calls.stableToken++;
      const body = await jsonBody(req);
      if (!body || body.grant_type !== 'client_credential') return wxError(res, 40002, 'invalid grant_type');
      if (body.appid !== options.appId) return wxError(res, 40013, 'invalid appid');
      if (body.secret !== options.appSecret) return wxError(res, 40125, 'invalid appsecret');
      const t = state.stableToken(body.force_refresh === true);
      sendJson(res, 200, { access_token: t.value, expires_in: t.expiresIn });
    },
    'POST /cityservice/face/identify/getinfo': async (req, res, url) => {
      state.calls.getinfo++;
      if (!requireToken(res, url)) return;
      const body = await jsonBody(req);
      const result = typeof body?.verify_result === 'string' ? state.faceResult(body.verify_result) : undefined;
      if (!result) return wxError(res, 40097, 'invalid args');
      sendJson(res, 200, {
        errcode: 0,
        errmsg: 'ok',
        identify_ret: result.identifyRet,
        identify_time: result.identifyTime,
        validate_data: '',
        openid: result.openid,
        user_id_key: '',
        id_card_number_md5: md5(result.idCardNumber.toUpperCase()),
        name_utf8_md5: md5(result.name),
      });
    },
    'POST /cgi-bin/message/subscribe/send': async (req, res, url) => {
      state.calls.subscribeSend++;
      if (!requireToken(res, url)) return;
      const body = await jsonBody(req);
      const touser = String(body?.touser ?? '');
      const templateId = String(body?.template_id ?? '');
      const data = (body?.data ?? {}) as Record<string, { value: string }>;
      const failure = state.takeSendFailure();
      if (failure === 'http-5xx') return sendJson(res, 503, { errcode: -1, errmsg: 'service unavailable' });
      if (failure === 'system-busy') return wxError(res, -1, 'system error');
      if (!touser || !templateId) return wxError(res, 47003, 'argument invalid! data.value invalid');
      for (const [field, entry] of Object.entries(data)) {
        if (field.startsWith('thing') && Array.from(String(entry?.value ?? '')).length > 20) {
          return wxError(res, 47003, `argument invalid! data.${field}.value invalid`);
        }
      }
      if (!state.takeSubscription(touser, templateId)) return wxError(res, 43101, 'user refuse to accept the msg');
      state.sentMessages.push({
        touser,
        templateId,
        page: body?.page as string,
        data,
        sentAt: new Date().toISOString(),
      });
      sendJson(res, 200, { errcode: 0, errmsg: 'ok', msgid: Date.now() });
    },
    'POST /wxa/getwxacodeunlimit': async (req, res, url) => {
      state.calls.wxacode++;
      if (!requireToken(res, url)) return;
      const body = await jsonBody(req);
      const scene = String(body?.scene ?? '');
      const page = body?.page === undefined ? 'pages/index/index' : String(body.page);
      if (!scene || scene.length > 32) return wxError(res, 40169, 'invalid length for scene');
      if (page.startsWith('/')) return wxError(res, 41030, 'invalid page hint');
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end(patternPng(`${page}?${scene}`));
    },

    // The screens WeChat shows, for the h5 build.
    'GET /h5/login': async (_req, res, url) => {
      const redirectUri = url.searchParams.get('redirect_uri') ?? '';
      if (!isAllowedReturn(redirectUri)) return sendHtml(res, 400, errorPage('redirect_uri 不在允许的范围内'));
      sendHtml(res, 200, loginPage(redirectUri));
    },
    'POST /h5/login/choose': async (req, res) => {
      const form = await formBody(req);
      const openid = form.get('openid') ?? '';
      const redirectUri = form.get('redirect_uri') ?? '';
      if (!PERSONAS.some((p) => p.openid === openid) || !isAllowedReturn(redirectUri)) {
        return sendHtml(res, 400, errorPage('登录请求无效'));
      }
      redirect(res, appendParams(redirectUri, { code: state.issueCode(openid) }), {
        'set-cookie': `${OPENID_COOKIE}=${encodeURIComponent(openid)}; Path=/; HttpOnly; SameSite=Lax`,
      });
    },
    'POST /h5/face': async (req, res) => {
      const form = await formBody(req);
      const openid = parseCookies(req.headers.cookie)[OPENID_COOKIE];
      const name = form.get('name') ?? '';
      const idCardNumber = form.get('idCardNumber') ?? '';
      const redirectUri = form.get('redirect_uri') ?? '';
      if (!openid) return sendHtml(res, 401, errorPage('请先用微信登录后再进行人脸核验'));
      if (!name || !idCardNumber || !isAllowedReturn(redirectUri))
        return sendHtml(res, 400, errorPage('核验参数不完整'));
      const sessionId = token(12);
      state.faceSessions.set(sessionId, { name, idCardNumber, redirectUri, openid });
      sendHtml(res, 200, facePage(sessionId, name, idCardNumber));
    },
    'POST /h5/face/finish': async (req, res) => {
      const form = await formBody(req);
      const session = state.faceSessions.get(form.get('session') ?? '');
      if (!session) return sendHtml(res, 400, errorPage('核验会话已失效，请返回重试'));
      state.faceSessions.delete(form.get('session') ?? '');
      const outcome = form.get('outcome');
      if (outcome === 'cancel') {
        return redirect(
          res,
          appendParams(session.redirectUri, { errCode: String(FACE_USER_CANCELLED), errMsg: 'user cancel' }),
        );
      }
      const verifyResult = state.recordFaceResult({
        openid: session.openid,
        name: session.name,
        idCardNumber: session.idCardNumber,
        identifyRet: outcome === 'pass' ? 0 : FACE_NOT_MATCHED,
        identifyTime: Math.floor(Date.now() / 1000),
      });
      redirect(res, appendParams(session.redirectUri, { verifyResult }));
    },

    // Control panel for tests.
    'POST /__standin/login-code': async (req, res) => {
      const body = await jsonBody(req);
      sendJson(res, 200, { code: state.issueCode(String(body?.openid ?? '')) });
    },
    'POST /__standin/face-result': async (req, res) => {
      const body = (await jsonBody(req)) ?? {};
      const verifyResult = state.recordFaceResult({
        openid: String(body.openid ?? ''),
        name: String(body.name ?? ''),
        idCardNumber: String(body.idCardNumber ?? ''),
        identifyRet: Number(body.identifyRet ?? 0),
        identifyTime: Number(body.identifyTime ?? Math.floor(Date.now() / 1000)),
      });
      sendJson(res, 200, { verifyResult });
    },
    'POST /__standin/revoke-token': async (_req, res) => {
      state.revokeToken();
      sendJson(res, 200, { ok: true });
    },
    'GET /__standin/calls': async (_req, res) => sendJson(res, 200, state.calls),
    /** What wx.requestSubscribeMessage records at WeChat when the user taps accept: {openid, templateId, count?, longTerm?}. */
    'POST /__standin/subscribe': async (req, res) => {
      const body = (await jsonBody(req)) ?? {};
      const openid = String(body.openid ?? '');
      const templateId = String(body.templateId ?? '');
      if (!openid || !templateId) return sendJson(res, 400, { error: 'openid and templateId are required' });
      state.grantSubscription(openid, templateId, Number(body.count ?? 1), body.longTerm === true);
      sendJson(res, 200, { ok: true });
    },
    /** The next `count` subscribe sends fail: mode `http-5xx` or `system-busy` (errcode -1). */
    'POST /__standin/subscribe/fail-next': async (req, res) => {
      const body = (await jsonBody(req)) ?? {};
      const mode = body.mode === 'system-busy' ? 'system-busy' : 'http-5xx';
      state.failNextSends(Number(body.count ?? 1), mode);
      sendJson(res, 200, { ok: true });
    },
    /** Subscribe messages delivered so far, optionally for one openid (`?touser=`). */
    'GET /__standin/subscribe/sent': async (_req, res, url) => {
      const touser = url.searchParams.get('touser');
      sendJson(res, 200, { messages: state.sentMessages.filter((m) => !touser || m.touser === touser) });
    },
    /** The next `count` API calls hang for `ms` before answering (a stalling WeChat). */
    'POST /__standin/stall': async (req, res) => {
      const body = (await jsonBody(req)) ?? {};
      state.stallNext(Number(body.count ?? 1), Math.min(Number(body.ms ?? 10_000), 60_000));
      sendJson(res, 200, { ok: true });
    },
  });

  const listener = async (req: IncomingMessage, res: ServerResponse) => {
    const url = requestUrl(req);
    const route = routes[`${req.method} ${url.pathname}`];
    if (!route) return sendJson(res, 404, { errcode: 40066, errmsg: 'invalid url' });
    await route(req, res, url);
  };
  // WeChat words every failure as {errcode, errmsg}; -1 is its "system error".
  const server: Server = createServer(
    safeListener('wechat stand-in', listener, (res, status, message) =>
      sendJson(res, status, { errcode: -1, errmsg: status >= 500 ? 'system error' : message }),
    ),
  );
  const port = await listen(server, options.port ?? 0);
  return { url: `http://127.0.0.1:${port}`, state, stop: () => close(server) };
}

/** Every API route first waits out a stall the control panel asked for; control routes never do. */
function stalling(state: StandInState, routes: Record<string, Handler>): Record<string, Handler> {
  return Object.fromEntries(
    Object.entries(routes).map(([key, handler]) => [
      key,
      key.includes(' /__standin/')
        ? handler
        : async (req, res, url) => {
            const ms = state.takeStall();
            if (ms) await new Promise((resolve) => setTimeout(resolve, ms));
            return handler(req, res, url);
          },
    ]),
  );
}
