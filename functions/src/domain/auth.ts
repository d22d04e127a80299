import { AppError, type SessionResponse } from '@minsheng/shared';
import { code2Session } from '../adapters/wechat';
import { config } from '../config';
import { type AccessClaims, signAccessToken, verifyAccessToken } from '../crypto/session-token';
import { epochSeconds, nowIso, nowMs } from '../lib/clock';
import { log } from '../lib/log';
import { getIdentity } from '../repositories/identities';
import {
  consumeRefreshToken,
  continueFamily,
  liveFamilies,
  revokeFamily,
  startFamily,
} from '../repositories/refresh-tokens';
import { ensureUser } from '../repositories/users';
import { takeAllowance } from './rate-limits';

const loginsPerSource = () => ({
  name: 'citizen-login-source',
  limit: config().citizenLoginsPerSourcePerMinute,
  windowSeconds: 60,
  code: 'RATE_LIMITED' as const,
});
const loginsPerUser = () => ({
  name: 'citizen-login-user',
  limit: config().citizenLoginsPerUserPerHour,
  windowSeconds: 3600,
  code: 'RATE_LIMITED' as const,
});

/** A second use this soon after the first is a client's own race, not a copied token. */
const REFRESH_RACE_SECONDS = 5;

async function sessionResponse(userId: string, refreshToken: string): Promise<SessionResponse> {
  const cfg = config();
  const now = epochSeconds();
  const claims: AccessClaims = { sub: userId, role: 'citizen', iat: now, exp: now + cfg.accessTokenTtlSeconds };
  return {
    accessToken: signAccessToken(claims, cfg.sessionSigningSecret),
    expiresIn: cfg.accessTokenTtlSeconds,
    refreshToken,
    verified: Boolean(await getIdentity(userId)),
  };
}

/** Keeps the newest `sessionsPerUser` families of a user live; older ones are revoked. */
async function revokeSurplusFamilies(userId: string, now: number): Promise<void> {
  const families = await liveFamilies(userId, now);
  const surplus = families.slice(0, Math.max(0, families.length - config().sessionsPerUser));
  await Promise.all(surplus.map((familySk) => revokeFamily(userId, familySk)));
  if (surplus.length) log.info('oldest sessions revoked', { userId, revoked: surplus.length });
}

/**
 * Logs a citizen in with a `wx.login` code: exchanges it with WeChat, creates the account on
 * first login and opens our own session (a new refresh-token family for this device). The
 * WeChat session key is not kept at all: nothing we do needs it (phone numbers come through
 * the code-based API), so it is never at risk. Rate-limited per source before WeChat is asked,
 * and per user after.
 * @throws AppError WECHAT_CODE_INVALID | WECHAT_RATE_LIMITED | WECHAT_RISKY_USER | WECHAT_UNAVAILABLE |
 *   RetryLaterError RATE_LIMITED
 */
export async function loginWithWeChatCode(code: string, sourceIp: string): Promise<SessionResponse> {
  await takeAllowance(loginsPerSource(), sourceIp);
  const wx = await code2Session(code);
  const now = nowMs();
  const { userId, created } = await ensureUser(wx.openid, nowIso(now));
  await takeAllowance(loginsPerUser(), userId);
  const refreshToken = await startFamily(userId, now, config().refreshTokenTtlSeconds);
  await revokeSurplusFamilies(userId, epochSeconds(now));
  log.info('citizen logged in', { userId, firstLogin: created });
  return sessionResponse(userId, refreshToken);
}

/**
 * Rotates a refresh token: the old one is consumed (single use) and the next one of the same
 * family issued, as long as the family is live. The family's end is fixed at login. A token
 * used a second time was copied: the whole family (the thief's and the owner's) ends — unless
 * the second use came within seconds of the first (two requests of one client racing), which
 * is only refused.
 * @throws AppError REFRESH_TOKEN_INVALID when unknown, expired, already used or revoked.
 */
export async function refreshSession(refreshToken: string): Promise<SessionResponse> {
  const now = epochSeconds();
  const consumed = await consumeRefreshToken(refreshToken, now);
  if (consumed?.kind === 'reused' && now - consumed.usedAtEpoch > REFRESH_RACE_SECONDS) {
    await revokeFamily(consumed.token.userId, consumed.token.familySk);
    log.warn('refresh token reused: session ended', { userId: consumed.token.userId });
  }
  const next = consumed?.kind === 'fresh' ? await continueFamily(consumed.token, now) : undefined;
  if (!consumed || !next) throw new AppError('REFRESH_TOKEN_INVALID');
  return sessionResponse(consumed.token.userId, next);
}

/**
 * Ends the session of this device: its refresh-token family is revoked (the access token
 * runs out within its few minutes). Idempotent: an unknown or expired token is a no-op.
 */
export async function logout(refreshToken: string): Promise<void> {
  const consumed = await consumeRefreshToken(refreshToken, epochSeconds());
  if (!consumed) return;
  await revokeFamily(consumed.token.userId, consumed.token.familySk);
  log.info('citizen logged out', { userId: consumed.token.userId });
}

/** The citizen behind a bearer token. @throws AppError UNAUTHENTICATED */
export function authenticateCitizen(authorization: string | undefined): { userId: string } {
  const token = authorization?.match(/^Bearer (.+)$/i)?.[1];
  const claims = token ? verifyAccessToken(token, config().sessionSigningSecret, epochSeconds()) : null;
  if (!claims || claims.role !== 'citizen') throw new AppError('UNAUTHENTICATED');
  return { userId: claims.sub };
}
