import type { LoginRequest, Me, RefreshRequest, SessionResponse } from '../shared';
import { request } from './request';
import { clearSession, readSession, saveSession } from './session';

/** Exchanges a one-time WeChat login code for a session and stores its tokens. */
export async function submitLogin(code: string): Promise<SessionResponse> {
  const body: LoginRequest = { code };
  const session = await request<SessionResponse>('/auth/login', { method: 'POST', data: body, auth: false });
  saveSession(session);
  return session;
}

export const fetchMe = (): Promise<Me> => request<Me>('/me');

/**
 * 退出登录: forgets the session on this device and asks the server to end it (its refresh-token
 * family). Never fails: offline, the session is still gone here and its family expires anyway.
 */
export async function logout(): Promise<void> {
  const session = readSession();
  clearSession();
  if (!session) return;
  const body: RefreshRequest = { refreshToken: session.refreshToken };
  await request('/auth/logout', { method: 'POST', data: body, auth: false }).catch(() => undefined);
}
