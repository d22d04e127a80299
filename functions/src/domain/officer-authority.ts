import { AppError } from '@minsheng/shared';
import { config } from '../config';
import { verifyAccessToken } from '../crypto/session-token';
import { epochSeconds, nowMs } from '../lib/clock';
import { getOfficer, type OfficerRecord } from '../repositories/officers';
import { type Officer, publicOfficer } from './officer-auth';

/** How long a container trusts an officer record it read before reading it again. */
const AUTHORITY_CACHE_MS = 60_000;

/**
 * Officer records as this container last read them. Authority (active, department, post,
 * session generation) comes from the record, never from the token alone, so a deactivation or
 * a move takes effect within the cache's lifetime everywhere, and at once in this container.
 */
const authorityCache = new Map<string, { record: OfficerRecord | undefined; readAt: number }>();

async function currentRecord(username: string): Promise<OfficerRecord | undefined> {
  const cached = authorityCache.get(username);
  if (cached && nowMs() - cached.readAt < AUTHORITY_CACHE_MS) return cached.record;
  const record = await getOfficer(username);
  authorityCache.set(username, { record, readAt: nowMs() });
  return record;
}

/** Called after this container changed an officer's authority. */
export const forgetCachedOfficer = (username: string): void => {
  authorityCache.delete(username);
};

/**
 * The officer behind a bearer token, with today's authority from their record.
 * @throws AppError UNAUTHENTICATED (bad or expired token, account deactivated, sessions ended)
 */
export async function authenticateOfficer(authorization: string | undefined): Promise<Officer> {
  const token = authorization?.match(/^Bearer (.+)$/i)?.[1];
  const claims = token ? verifyAccessToken(token, config().sessionSigningSecret, epochSeconds()) : null;
  if (!claims || claims.role !== 'officer') throw new AppError('UNAUTHENTICATED');
  const record = await currentRecord(claims.sub);
  if (!record?.active || (record.sessionGeneration ?? 0) !== (claims.gen ?? 0)) throw new AppError('UNAUTHENTICATED');
  return publicOfficer(record);
}

/**
 * The record of a 系统管理员 (the `admin` post), read fresh (no cache) for administrative actions.
 * @throws AppError UNAUTHENTICATED
 */
export async function authenticateAdministrator(authorization: string | undefined): Promise<OfficerRecord> {
  const officer = await authenticateOfficer(authorization);
  const record = await getOfficer(officer.username);
  if (!record?.active) throw new AppError('UNAUTHENTICATED');
  if (record.role !== 'admin') throw new AppError('OFFICER_ADMIN_ONLY');
  return record;
}
