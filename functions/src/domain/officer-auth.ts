import { AppError, type OfficerRoleName } from '@minsheng/shared';
import { config } from '../config';
import { DUMMY_HASH, hashPassword, verifyPassword } from '../crypto/password';
import { signAccessToken, verifyAccessToken } from '../crypto/session-token';
import { epochSeconds } from '../lib/clock';
import { log } from '../lib/log';
import {
  countFailedLogin,
  failedLogins,
  getOfficer,
  insertOfficer,
  type OfficerRecord,
} from '../repositories/officers';

/** Five failed logins within a 15-minute window lock the account for the rest of it. */
const MAX_FAILURES = 5;
const WINDOW_SECONDS = 15 * 60;

export interface Officer {
  username: string;
  name: string;
  department: string;
  role: OfficerRoleName;
}

const publicOfficer = (o: OfficerRecord): Officer => ({
  username: o.username,
  name: o.name,
  department: o.department,
  role: o.role,
});

/**
 * @throws AppError OFFICER_LOGIN_FAILED (wrong name or password, deliberately indistinguishable)
 *   | OFFICER_LOGIN_LOCKED
 */
export async function officerLogin(
  username: string,
  password: string,
): Promise<{ token: string; expiresIn: number; officer: Officer }> {
  const now = epochSeconds();
  const window = Math.floor(now / WINDOW_SECONDS);
  if ((await failedLogins(username, window)) >= MAX_FAILURES) throw new AppError('OFFICER_LOGIN_LOCKED');
  const officer = await getOfficer(username);
  const ok = await verifyPassword(password, officer?.passwordHash ?? DUMMY_HASH);
  if (!officer || !officer.active || !ok) {
    const failures = await countFailedLogin(username, window, (window + 2) * WINDOW_SECONDS);
    log.warn('officer login failed', { username, failures });
    throw new AppError(failures >= MAX_FAILURES ? 'OFFICER_LOGIN_LOCKED' : 'OFFICER_LOGIN_FAILED');
  }
  const ttl = config().officerSessionTtlSeconds;
  const token = signAccessToken(
    {
      sub: officer.username,
      role: 'officer',
      dept: officer.department,
      post: officer.role,
      name: officer.name,
      iat: now,
      exp: now + ttl,
    },
    config().sessionSigningSecret,
  );
  log.info('officer logged in', { username });
  return { token, expiresIn: ttl, officer: publicOfficer(officer) };
}

/** The officer behind a bearer token. @throws AppError UNAUTHENTICATED */
export function authenticateOfficer(authorization: string | undefined): Officer {
  const token = authorization?.match(/^Bearer (.+)$/i)?.[1];
  const claims = token ? verifyAccessToken(token, config().sessionSigningSecret, epochSeconds()) : null;
  if (!claims || claims.role !== 'officer' || !claims.dept || !claims.post) throw new AppError('UNAUTHENTICATED');
  return {
    username: claims.sub,
    name: claims.name ?? claims.sub,
    department: claims.dept,
    role: claims.post as OfficerRoleName,
  };
}

export async function describeOfficer(username: string): Promise<Officer> {
  const officer = await getOfficer(username);
  if (!officer) throw new AppError('UNAUTHENTICATED');
  return publicOfficer(officer);
}

/** Creates an officer account (provisioning and seeding; there is no public sign-up). */
export async function provisionOfficer(input: Officer & { password: string }, createdAt: string): Promise<boolean> {
  const { password, ...officer } = input;
  return insertOfficer({ ...officer, passwordHash: await hashPassword(password), active: true, createdAt });
}
