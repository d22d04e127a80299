import Taro from '@tarojs/taro';
import type { SessionResponse } from '../shared';

/** Only tokens are kept on the device; never names or ID numbers. */
export interface StoredSession {
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds when the access token expires (informational; the server decides). */
  accessTokenExpiresAt: number;
  verified: boolean;
}

const SESSION_KEY = 'minsheng.session';

export function readSession(): StoredSession | null {
  const stored: unknown = Taro.getStorageSync(SESSION_KEY);
  if (!stored || typeof stored !== 'object') return null;
  const session = stored as Partial<StoredSession>;
  if (typeof session.accessToken !== 'string' || typeof session.refreshToken !== 'string') return null;
  return {
    accessToken: session.accessToken,
    refreshToken: session.refreshToken,
    accessTokenExpiresAt: Number(session.accessTokenExpiresAt) || 0,
    verified: session.verified === true,
  };
}

export function saveSession(response: SessionResponse): StoredSession {
  const session: StoredSession = {
    accessToken: response.accessToken,
    refreshToken: response.refreshToken,
    accessTokenExpiresAt: Date.now() + response.expiresIn * 1000,
    verified: response.verified,
  };
  Taro.setStorageSync(SESSION_KEY, session);
  return session;
}

export function clearSession(): void {
  Taro.removeStorageSync(SESSION_KEY);
}

export const isLoggedIn = (): boolean => readSession() !== null;

/** Records that the server reports the citizen verified (the token's flag dates from login). */
export function rememberVerified(): void {
  const session = readSession();
  if (session && !session.verified) Taro.setStorageSync(SESSION_KEY, { ...session, verified: true });
}
