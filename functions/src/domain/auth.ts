import { AppError, type SessionResponse } from '@minsheng/shared';
import { code2Session } from '../adapters/wechat';
import { config } from '../config';
import { type AccessClaims, signAccessToken, verifyAccessToken } from '../crypto/session-token';
import { epochSeconds, nowIso, nowMs } from '../lib/clock';
import { log } from '../lib/log';
import { getIdentity } from '../repositories/identities';
import { consumeRefreshToken, issueRefreshToken } from '../repositories/refresh-tokens';
import { ensureUser } from '../repositories/users';

async function openSession(userId: string): Promise<SessionResponse> {
  const cfg = config();
  const now = epochSeconds();
  const claims: AccessClaims = { sub: userId, role: 'citizen', iat: now, exp: now + cfg.accessTokenTtlSeconds };
  const [refreshToken, identity] = await Promise.all([
    issueRefreshToken(userId, now, cfg.refreshTokenTtlSeconds),
    getIdentity(userId),
  ]);
  return {
    accessToken: signAccessToken(claims, cfg.sessionSigningSecret),
    expiresIn: cfg.accessTokenTtlSeconds,
    refreshToken,
    verified: Boolean(identity),
  };
}

/**
 * Logs a citizen in with a `wx.login` code: exchanges it with WeChat, creates the account on
 * first login and opens our own session. The WeChat session key is not kept at all: nothing
 * we do needs it (phone numbers come through the code-based API), so it is never at risk.
 * @throws AppError WECHAT_CODE_INVALID | WECHAT_RATE_LIMITED | WECHAT_RISKY_USER | WECHAT_UNAVAILABLE
 */
export async function loginWithWeChatCode(code: string): Promise<SessionResponse> {
  const wx = await code2Session(code);
  const now = nowIso(nowMs());
  const { userId, created } = await ensureUser(wx.openid, now);
  log.info('citizen logged in', { userId, firstLogin: created });
  return openSession(userId);
}

/**
 * Rotates a refresh token: the old one is consumed (single use) and a new pair issued.
 * @throws AppError REFRESH_TOKEN_INVALID when unknown, expired or already used.
 */
export async function refreshSession(refreshToken: string): Promise<SessionResponse> {
  const userId = await consumeRefreshToken(refreshToken, epochSeconds());
  if (!userId) throw new AppError('REFRESH_TOKEN_INVALID');
  return openSession(userId);
}

/** The citizen behind a bearer token. @throws AppError UNAUTHENTICATED */
export function authenticateCitizen(authorization: string | undefined): { userId: string } {
  const token = authorization?.match(/^Bearer (.+)$/i)?.[1];
  const claims = token ? verifyAccessToken(token, config().sessionSigningSecret, epochSeconds()) : null;
  if (!claims || claims.role !== 'citizen') throw new AppError('UNAUTHENTICATED');
  return { userId: claims.sub };
}
