import { OfficerRole } from '../shared';

/** The signed-in officer as POST /officer/login and GET /officer/me return them. */
export interface Officer {
  username: string;
  name: string;
  department: string;
  role: OfficerRole;
}

export interface OfficerSession {
  token: string;
  officer: Officer;
  /** Epoch milliseconds after which the server no longer accepts the token. */
  expiresAt: number;
}

/**
 * sessionStorage, not localStorage: the token dies with the browser tab, so a shared window
 * PC does not keep the previous officer signed in.
 */
const KEY = 'minsheng.console.session';

function isSession(value: unknown): value is OfficerSession {
  const s = value as Partial<OfficerSession> | null;
  return (
    typeof s?.token === 'string' &&
    typeof s.expiresAt === 'number' &&
    typeof s.officer?.username === 'string' &&
    OfficerRole.safeParse(s.officer.role).success
  );
}

/** The stored session, or undefined when there is none or it is malformed. Expiry is checked by the caller. */
export function readSession(): OfficerSession | undefined {
  try {
    const raw = window.sessionStorage.getItem(KEY);
    if (!raw) return undefined;
    const parsed: unknown = JSON.parse(raw);
    return isSession(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export function saveSession(session: OfficerSession): void {
  window.sessionStorage.setItem(KEY, JSON.stringify(session));
}

export function clearSession(): void {
  window.sessionStorage.removeItem(KEY);
}

export const isExpired = (session: OfficerSession, now = Date.now()): boolean => session.expiresAt <= now;
