import {
  AppError,
  type CompleteFaceVerificationRequest,
  IDENTITY_REFUSAL,
  type IdentityEvent,
  type IdentityStatus,
  type Me,
  maskIdNumber,
  maskName,
  nextIdentityStatus,
  type StartVerificationRequest,
  type StartVerificationResponse,
  type VerifiedIdentity,
} from '@minsheng/shared';
import { faceIdentifyInfo } from '../adapters/wechat';
import { config } from '../config';
import { constantTimeEqual, md5Hex, sha256Hex } from '../crypto/keyed-hash';
import { idNumberLookupHash, personalDataEnvelope } from '../crypto/personal-data';
import { chinaDate, epochSeconds, nowIso, nowMs } from '../lib/clock';
import { log } from '../lib/log';
import {
  bindIdentity,
  claimFaceResult,
  countAttempt,
  getIdentity,
  getPendingVerification,
  type IdentityRecord,
  putPendingVerification,
  sealContext,
} from '../repositories/identities';
import { getProfile } from '../repositories/users';

/** How long a citizen has between stating who they are and finishing the face check. */
const PENDING_TTL_SECONDS = 15 * 60;
/** Tolerated clock difference between WeChat and us when judging a face result's age. */
const CLOCK_SKEW_SECONDS = 60;

interface SealedPerson {
  name: string;
  idNumber: string;
}

/** Refuses an event the identity lifecycle table does not allow from `status`. */
function assertIdentityEvent(status: IdentityStatus, event: IdentityEvent): void {
  if (!nextIdentityStatus(status, event)) throw new AppError(IDENTITY_REFUSAL[status]);
}

const toVerifiedIdentity = (record: IdentityRecord): VerifiedIdentity => ({
  nameMasked: record.nameMasked,
  idNumberMasked: record.idNumberMasked,
  method: record.method,
  verifiedAt: record.verifiedAt,
});

export async function describeMe(userId: string): Promise<Me> {
  const identity = await getIdentity(userId);
  return { userId, verified: Boolean(identity), identity: identity ? toVerifiedIdentity(identity) : null };
}

/**
 * Step 1 of real-name verification: records who the citizen says they are (sealed) and
 * counts an attempt against the daily limit. Not idempotent: each call is one attempt.
 * @throws AppError IDENTITY_ALREADY_VERIFIED | VERIFICATION_RATE_LIMITED
 */
export async function startVerification(
  userId: string,
  request: StartVerificationRequest,
): Promise<StartVerificationResponse> {
  const cfg = config();
  // Every status but verified may start (again), so whether one is pending need not be read.
  if (await getIdentity(userId)) assertIdentityEvent('verified', 'start');
  // The attempt is counted before anything about the ID number is looked at, and the answer
  // does not depend on it: whether a number is bound to another account is told only after a
  // passed face check (bindIdentity), so this step cannot be used to probe ID numbers.
  const idNumberHash = idNumberLookupHash(request.idNumber);
  const now = nowMs();
  const attemptsLeft = await countAttempt(
    userId,
    chinaDate(now),
    cfg.verificationAttemptsPerDay,
    epochSeconds(now) + 2 * 86400,
  );
  if (attemptsLeft < 0) {
    log.info('verification rate limited', { userId });
    throw new AppError('VERIFICATION_RATE_LIMITED');
  }
  const person: SealedPerson = { name: request.name, idNumber: request.idNumber };
  const startedAtEpoch = epochSeconds(now);
  await putPendingVerification({
    userId,
    sealedPerson: await personalDataEnvelope().seal(JSON.stringify(person), sealContext.pending(userId)),
    idNumberHash,
    startedAtEpoch,
    expiresAtEpoch: startedAtEpoch + PENDING_TTL_SECONDS,
  });
  log.info('verification started', { userId, attemptsLeft });
  return { expiresAt: nowIso((startedAtEpoch + PENDING_TTL_SECONDS) * 1000), attemptsLeft };
}

/**
 * Step 2: checks WeChat's face verification result and binds the identity. Accepts only a
 * passed check (identify_ret 0) for this very WeChat user, for exactly the stated name and
 * ID number, made after step 1 and recently; each result is usable once.
 * @throws AppError VERIFICATION_NOT_STARTED | VERIFICATION_EXPIRED | FACE_NOT_PASSED |
 *   FACE_MISMATCH | FACE_RESULT_STALE | IDENTITY_ALREADY_VERIFIED | IDENTITY_BOUND_ELSEWHERE
 */
export async function completeFaceVerification(
  userId: string,
  request: CompleteFaceVerificationRequest,
): Promise<VerifiedIdentity> {
  const cfg = config();
  const now = epochSeconds();
  const [pending, profile] = await Promise.all([getPendingVerification(userId), getProfile(userId)]);
  // Binding removes the pending record, so a repeated or concurrent completion finds none.
  const status: IdentityStatus =
    pending && profile
      ? pending.expiresAtEpoch <= now
        ? 'expired'
        : 'pending'
      : (await getIdentity(userId))
        ? 'verified'
        : 'unverified';
  assertIdentityEvent(status, 'face_passed');
  // Unreachable (the table allows face_passed only from pending); narrows the types.
  if (!pending || !profile) throw new AppError('INTERNAL');

  const info = await faceIdentifyInfo(request.verifyResult);
  if (!info || info.identifyRet !== 0) {
    log.info('face check not passed', { userId, identifyRet: info?.identifyRet ?? null });
    throw new AppError('FACE_NOT_PASSED');
  }
  const person = JSON.parse(
    await personalDataEnvelope().open(pending.sealedPerson, sealContext.pending(userId)),
  ) as SealedPerson;
  const sameUser = constantTimeEqual(info.openid, profile.openid);
  const sameId = constantTimeEqual(info.idCardNumberMd5.toLowerCase(), md5Hex(person.idNumber));
  const sameName = constantTimeEqual(info.nameUtf8Md5.toLowerCase(), md5Hex(person.name));
  if (!sameUser || !sameId || !sameName) {
    log.warn('face result does not match verification', { userId, sameUser, sameId, sameName });
    throw new AppError('FACE_MISMATCH');
  }
  const tooOld = info.identifyTime < pending.startedAtEpoch - CLOCK_SKEW_SECONDS;
  const expired = now - info.identifyTime > cfg.faceResultMaxAgeSeconds;
  if (tooOld || expired || info.identifyTime > now + CLOCK_SKEW_SECONDS) throw new AppError('FACE_RESULT_STALE');
  if (!(await claimFaceResult(sha256Hex(request.verifyResult), now + 2 * cfg.faceResultMaxAgeSeconds))) {
    log.warn('face result replayed', { userId });
    throw new AppError('FACE_RESULT_STALE');
  }

  const record: IdentityRecord = {
    userId,
    sealedPerson: await personalDataEnvelope().seal(JSON.stringify(person), sealContext.identity(userId)),
    idNumberHash: pending.idNumberHash,
    nameMasked: maskName(person.name),
    idNumberMasked: maskIdNumber(person.idNumber),
    method: 'face',
    verifiedAt: nowIso(now * 1000),
  };
  const outcome = await bindIdentity(record);
  if (outcome === 'already-verified') throw new AppError('IDENTITY_ALREADY_VERIFIED');
  if (outcome === 'bound-elsewhere') throw new AppError('IDENTITY_BOUND_ELSEWHERE');
  log.info('identity verified', { userId, method: 'face' });
  return toVerifiedIdentity(record);
}
