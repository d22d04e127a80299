import type { LoginRequest, Me, SessionResponse } from '../shared';
import { request } from './request';
import { clearSession, saveSession } from './session';

/** Exchanges a one-time WeChat login code for a session and stores its tokens. */
export async function submitLogin(code: string): Promise<SessionResponse> {
  const body: LoginRequest = { code };
  const session = await request<SessionResponse>('/auth/login', { method: 'POST', data: body, auth: false });
  saveSession(session);
  return session;
}

export const fetchMe = (): Promise<Me> => request<Me>('/me');

/** Forgets the session on this device. */
export function logout(): void {
  clearSession();
}
