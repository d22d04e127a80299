import { AppError, type OfficerRoleName } from '@minsheng/shared';
import { config } from '../config';
import { DUMMY_HASH, hashPassword, needsRehash, verifyPassword } from '../crypto/password';
import { personalDataEnvelope } from '../crypto/personal-data';
import { signAccessToken, verifyAccessToken } from '../crypto/session-token';
import { matchTotp, newTotpSecret, totpUri } from '../crypto/totp';
import { epochSeconds, nowMs } from '../lib/clock';
import { log } from '../lib/log';
import {
  claimTotpStep,
  confirmTotpSecret,
  getOfficer,
  insertOfficer,
  type OfficerRecord,
  offerTotpSecret,
  officerSealContext,
  replacePasswordHash,
} from '../repositories/officers';
import { type BackoffRule, type FixedWindowRule, reserveAttempt, resetAttempts, takeAllowance } from './rate-limits';

/**
 * Officer login throttling, all counted before any password is hashed:
 * - per source address, whatever the username: a bound on the CPU one client can make us spend
 *   on memory-hard hashes (unknown usernames cost a dummy hash, so they are counted too);
 * - per username, whatever the source: a bound on distributed guessing and hashing for one key;
 * - per username and source: five attempts, then a doubling wait. A hard lock per account would
 *   let anyone lock any officer out; this way a stranger's failures only slow the stranger.
 */
const loginPerSource = (): FixedWindowRule => ({
  name: 'officer-login-source',
  limit: config().officerLoginsPerSourcePerMinute,
  windowSeconds: 60,
  code: 'RATE_LIMITED',
});
const LOGIN_PER_USERNAME: FixedWindowRule = {
  name: 'officer-login-username',
  limit: 60,
  windowSeconds: 15 * 60,
  code: 'OFFICER_LOGIN_LOCKED',
};
const LOGIN_PER_ACCOUNT_AND_SOURCE: BackoffRule = {
  name: 'officer-login',
  allowance: 5,
  firstWaitSeconds: 60,
  maxWaitSeconds: 15 * 60,
  resetAfterSeconds: 24 * 3600,
  code: 'OFFICER_LOGIN_LOCKED',
};
/** Time to scan the QR code and type the first code. */
const ENROLMENT_TTL_SECONDS = 10 * 60;

export interface Officer {
  username: string;
  name: string;
  department: string;
  role: OfficerRoleName;
}

export interface OfficerSession {
  token: string;
  expiresIn: number;
  officer: Officer;
}

/** The password was right, but the officer has no second factor yet: show the secret, ask for a code. */
export interface OfficerEnrolment {
  enrolmentRequired: true;
  enrolmentToken: string;
  expiresIn: number;
  otpauthUri: string;
  secret: string;
}

export const publicOfficer = (o: OfficerRecord): Officer => ({
  username: o.username,
  name: o.name,
  department: o.department,
  role: o.role,
});

const attemptSubject = (username: string, sourceIp: string) => `${username}\n${sourceIp}`;

function openSession(officer: OfficerRecord): OfficerSession {
  const now = epochSeconds();
  const ttl = config().officerSessionTtlSeconds;
  const token = signAccessToken(
    {
      sub: officer.username,
      role: 'officer',
      dept: officer.department,
      post: officer.role,
      name: officer.name,
      gen: officer.sessionGeneration ?? 0,
      iat: now,
      exp: now + ttl,
    },
    config().sessionSigningSecret,
  );
  log.info('officer logged in', { username: officer.username });
  return { token, expiresIn: ttl, officer: publicOfficer(officer) };
}

async function offerEnrolment(officer: OfficerRecord): Promise<OfficerEnrolment> {
  const secret = newTotpSecret();
  const sealed = await personalDataEnvelope().seal(secret, officerSealContext(officer.username));
  if (!(await offerTotpSecret(officer.username, sealed))) throw new AppError('OFFICER_LOGIN_FAILED');
  const now = epochSeconds();
  const enrolmentToken = signAccessToken(
    {
      sub: officer.username,
      role: 'officer-enrolment',
      gen: officer.sessionGeneration ?? 0,
      iat: now,
      exp: now + ENROLMENT_TTL_SECONDS,
    },
    config().sessionSigningSecret,
  );
  log.info('officer second factor offered', { username: officer.username });
  return {
    enrolmentRequired: true,
    enrolmentToken,
    expiresIn: ENROLMENT_TTL_SECONDS,
    otpauthUri: totpUri(secret, officer.username),
    secret,
  };
}

/** Old hashes are replaced after a successful login; a failure here must not fail the login. */
async function upgradePasswordHash(officer: OfficerRecord, password: string): Promise<void> {
  if (!needsRehash(officer.passwordHash)) return;
  try {
    await replacePasswordHash(officer.username, officer.passwordHash, await hashPassword(password));
    log.info('officer password rehashed', { username: officer.username });
  } catch (error) {
    log.warn('officer password rehash failed', { username: officer.username, error });
  }
}

/**
 * Password, then TOTP code. An officer without a confirmed second factor gets an enrolment
 * instead of a session. Every attempt is counted (and may be refused) before the password is
 * hashed; only a complete success clears the account-and-source count.
 * @throws AppError OFFICER_LOGIN_FAILED (wrong name, password or code, deliberately
 *   indistinguishable) | RetryLaterError OFFICER_LOGIN_LOCKED | RATE_LIMITED (429, Retry-After)
 */
export async function officerLogin(
  input: { username: string; password: string; code?: string },
  sourceIp: string,
): Promise<OfficerSession | OfficerEnrolment> {
  const { username, password, code } = input;
  await takeAllowance(loginPerSource(), sourceIp);
  await takeAllowance(LOGIN_PER_USERNAME, username);
  await reserveAttempt(LOGIN_PER_ACCOUNT_AND_SOURCE, attemptSubject(username, sourceIp));

  const officer = await getOfficer(username);
  const passwordOk = await verifyPassword(password, officer?.passwordHash ?? DUMMY_HASH);
  if (!officer || !officer.active || !passwordOk) {
    log.warn('officer login failed', { username, stage: 'password' });
    throw new AppError('OFFICER_LOGIN_FAILED');
  }
  if (!officer.totpSecretSealed) return offerEnrolment(officer);

  const secret = await personalDataEnvelope().open(officer.totpSecretSealed, officerSealContext(username));
  const step = code ? matchTotp(secret, code, nowMs()) : undefined;
  if (step === undefined || !(await claimTotpStep(username, step))) {
    log.warn('officer login failed', { username, stage: 'second-factor' });
    throw new AppError('OFFICER_LOGIN_FAILED');
  }
  await resetAttempts(LOGIN_PER_ACCOUNT_AND_SOURCE, attemptSubject(username, sourceIp));
  await upgradePasswordHash(officer, password);
  return openSession(officer);
}

/**
 * Confirms enrolment with the first code from the authenticator app and opens the session.
 * Counted against the same per-account-and-source allowance as login.
 * @throws AppError UNAUTHENTICATED (enrolment token invalid, expired or superseded) |
 *   OFFICER_TOTP_INVALID | RetryLaterError OFFICER_LOGIN_LOCKED
 */
export async function confirmEnrolment(
  input: { enrolmentToken: string; code: string },
  sourceIp: string,
): Promise<OfficerSession> {
  const claims = verifyAccessToken(input.enrolmentToken, config().sessionSigningSecret, epochSeconds());
  if (claims?.role !== 'officer-enrolment') throw new AppError('UNAUTHENTICATED');
  const username = claims.sub;
  await reserveAttempt(LOGIN_PER_ACCOUNT_AND_SOURCE, attemptSubject(username, sourceIp));
  const officer = await getOfficer(username);
  const sealed = officer?.pendingTotpSecretSealed;
  if (!officer?.active || !sealed || (officer.sessionGeneration ?? 0) !== claims.gen) {
    throw new AppError('UNAUTHENTICATED');
  }
  const secret = await personalDataEnvelope().open(sealed, officerSealContext(username));
  const step = matchTotp(secret, input.code, nowMs());
  if (step === undefined) throw new AppError('OFFICER_TOTP_INVALID');
  if (!(await confirmTotpSecret(username, sealed, step))) throw new AppError('UNAUTHENTICATED');
  log.info('officer second factor confirmed', { username });
  await resetAttempts(LOGIN_PER_ACCOUNT_AND_SOURCE, attemptSubject(username, sourceIp));
  return openSession({ ...officer, totpSecretSealed: sealed, pendingTotpSecretSealed: undefined });
}

export async function describeOfficer(username: string): Promise<Officer> {
  const officer = await getOfficer(username);
  if (!officer) throw new AppError('UNAUTHENTICATED');
  return publicOfficer(officer);
}

/**
 * Creates an officer account (provisioning and seeding; there is no public sign-up). The
 * password arrives hashed (hashPassword), so a provisioning run can hash once per password.
 * A known TOTP secret is for demo accounts only; real officers enrol at their first login.
 */
export async function provisionOfficer(
  input: Officer & { passwordHash: string; totpSecret?: string },
  createdAt: string,
): Promise<boolean> {
  const { passwordHash, totpSecret, ...officer } = input;
  return insertOfficer({
    ...officer,
    passwordHash,
    active: true,
    createdAt,
    sessionGeneration: 0,
    ...(totpSecret
      ? { totpSecretSealed: await personalDataEnvelope().seal(totpSecret, officerSealContext(officer.username)) }
      : {}),
  });
}
