import { randomBytes } from 'node:crypto';
import {
  AppError,
  LICENCE_LABEL,
  LicenceType,
  maskIdNumber,
  maskName,
  type PublishedKey,
  REFUSAL_MESSAGE,
  type RefusalReason,
  SHARE_PURPOSE_LABEL,
  SHARE_PURPOSES,
  type ShareLicenceRequest,
  type SharePurpose,
  type ShareTokenResponse,
  VALIDITY_UNKNOWN,
  type VerificationResult,
  type WalletItem,
} from '@minsheng/shared';
import { config, walletConfig } from '../config';
import { sha256Hex } from '../crypto/keyed-hash';
import { personalDataEnvelope } from '../crypto/personal-data';
import { qrSigner, qrVerifiers } from '../crypto/qr-keys';
import { type QrClaims, readQrToken, signQrToken } from '../crypto/qr-token';
import { epochSeconds, nowIso } from '../lib/clock';
import { log } from '../lib/log';
import { getIdentity, type IdentityRecord, sealContext } from '../repositories/identities';
import type { LicenceRecord } from '../repositories/licences';
import { insertShareToken, isShareTokenRevoked, revokeShareToken } from '../repositories/share-tokens';
import { validLicences } from './licences';
import { type FixedWindowRule, takeAllowance } from './rate-limits';

const sharesPerUser = (): FixedWindowRule => ({
  name: 'share-token-user',
  limit: config().shareTokensPerUserPerHour,
  windowSeconds: 3600,
  code: 'RATE_LIMITED',
});
const verificationsPerSource = (): FixedWindowRule => ({
  name: 'verify-source',
  limit: config().verificationsPerSourcePerMinute,
  windowSeconds: 60,
  code: 'RATE_LIMITED',
});

/**
 * The licence wallet: the citizen's electronic licences (from the police systems through the
 * data-sharing adapter, and certificates issued here), and short-lived signed QR tokens that
 * disclose only what a purpose needs. Verification is public and needs no login.
 */

const NAME_FIELDS = new Set(['姓名', '持证人']);
const ID_NUMBER_FIELDS = new Set(['公民身份号码', '身份证号码', '证件号码']);
const LONG_TERM = '9999-12-31';

/**
 * Masks personal fields whatever the source sent: exchange records should arrive masked, but
 * the wallet screen must not depend on every upstream system getting that right.
 */
function maskedFields(fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fields).map(([label, value]) => {
      if (value.includes('*')) return [label, value];
      if (NAME_FIELDS.has(label)) return [label, maskName(value)];
      if (ID_NUMBER_FIELDS.has(label)) return [label, maskIdNumber(value)];
      return [label, value];
    }),
  );
}

const walletItem = (licence: LicenceRecord): WalletItem => ({
  type: licence.type,
  label: LICENCE_LABEL[licence.type],
  numberMasked: licence.numberMasked,
  validUntil: licence.validUntil,
  fields: maskedFields(licence.fields),
  source: licence.issuedByApplicationId ? 'issued-here' : 'police-system',
  issuedByApplicationId: licence.issuedByApplicationId,
});

async function requireIdentity(userId: string): Promise<IdentityRecord> {
  const identity = await getIdentity(userId);
  if (!identity) throw new AppError('IDENTITY_REQUIRED');
  return identity;
}

/** The citizen's valid licences, personal fields masked. @throws AppError IDENTITY_REQUIRED */
export async function myWallet(userId: string): Promise<WalletItem[]> {
  await requireIdentity(userId);
  return (await validLicences(userId)).map(walletItem);
}

interface Disclosure {
  licence: LicenceRecord;
  identity: IdentityRecord;
}

const validity = (licence: LicenceRecord) =>
  licence.validUntil === undefined ? VALIDITY_UNKNOWN : licence.validUntil === LONG_TERM ? '长期' : licence.validUntil;

/**
 * What each purpose discloses (which licences may be shown for it is in SHARE_PURPOSES).
 * A hotel must register the guest's full name, so only that purpose opens the sealed name.
 */
const DISCLOSE: Record<SharePurpose, (d: Disclosure) => Promise<Record<string, string>>> = {
  'hotel-check-in': async ({ licence, identity }) => ({
    姓名: await fullName(identity),
    照片编号: photoReference(identity),
    有效期至: validity(licence),
  }),
  'identity-check': async ({ licence, identity }) => ({
    姓名: identity.nameMasked,
    公民身份号码: identity.idNumberMasked,
    有效期至: validity(licence),
  }),
  'criminal-record': async ({ licence }) => ({
    证明编号: licence.fields.证明编号 ?? licence.numberMasked,
    查询结果: licence.fields.查询结果 ?? '',
    有效期至: validity(licence),
  }),
};

async function fullName(identity: IdentityRecord): Promise<string> {
  const sealed = await personalDataEnvelope().open(identity.sealedPerson, sealContext.identity(identity.userId));
  return (JSON.parse(sealed) as { name: string }).name;
}

/**
 * A stable, opaque reference to the holder's ID photo, by which a hotel's registration system
 * fetches the photo from the police side: derived from the keyed hash of the ID number (never
 * the number), so nobody without our key can link it back to a person.
 */
const photoReference = (identity: IdentityRecord): string =>
  `P${sha256Hex(`photo-ref:${identity.idNumberHash}`).slice(0, 16).toUpperCase()}`;

const parseLicenceType = (type: string): LicenceType => {
  const parsed = LicenceType.safeParse(type);
  if (!parsed.success) throw new AppError('LICENCE_NOT_HELD');
  return parsed.data;
};

/**
 * Issues a short-lived QR token for one of the citizen's own valid licences, disclosing only
 * the fields `purpose` needs, and records it so the holder (and only the holder) can revoke
 * it. Not idempotent: every call is a new token (and counts against the hourly limit).
 * @throws AppError IDENTITY_REQUIRED | LICENCE_NOT_HELD | SHARE_PURPOSE_NOT_ALLOWED |
 *   RetryLaterError RATE_LIMITED
 */
export async function shareLicence(
  userId: string,
  type: string,
  request: ShareLicenceRequest,
): Promise<ShareTokenResponse> {
  const licenceType = parseLicenceType(type);
  await takeAllowance(sharesPerUser(), userId);
  const identity = await requireIdentity(userId);
  const licence = (await validLicences(userId)).find((l) => l.type === licenceType);
  if (!licence) throw new AppError('LICENCE_NOT_HELD');
  if (!SHARE_PURPOSES[request.purpose].licenceTypes.includes(licenceType)) {
    throw new AppError('SHARE_PURPOSE_NOT_ALLOWED');
  }

  const cfg = walletConfig();
  const signer = qrSigner();
  const iat = epochSeconds();
  const claims: QrClaims = {
    jti: randomBytes(12).toString('base64url'),
    kid: signer.kid,
    lic: licenceType,
    pur: request.purpose,
    f: await DISCLOSE[request.purpose]({ licence, identity }),
    iat,
    exp: iat + cfg.tokenTtlSeconds,
  };
  const token = signQrToken(claims, signer);
  await insertShareToken({
    jti: claims.jti,
    userId,
    licenceType,
    purpose: request.purpose,
    issuedAt: nowIso(iat * 1000),
    expiresAtEpoch: claims.exp,
  });
  log.info('licence shared', { userId, licenceType, purpose: request.purpose, jti: claims.jti });
  return {
    token,
    jti: claims.jti,
    expiresAt: nowIso(claims.exp * 1000),
    verifyUrl: `${cfg.verifyPageUrl.replace(/\/$/, '')}/#token=${token}`,
  };
}

/**
 * Revokes one of the citizen's own tokens before it expires. Idempotent.
 * @throws AppError SHARE_TOKEN_NOT_FOUND (also for someone else's token: existence is not revealed)
 */
export async function revokeShare(userId: string, jti: string): Promise<void> {
  if (!(await revokeShareToken(userId, jti, nowIso()))) throw new AppError('SHARE_TOKEN_NOT_FOUND');
  log.info('licence share revoked', { userId, jti });
}

/** The verifying keys, for offline verifiers. */
export const publishedKeys = (): PublishedKey[] => [...qrVerifiers().values()].map((v) => v.published());

const refusal = (reason: RefusalReason): VerificationResult => ({
  valid: false,
  reason,
  message: REFUSAL_MESSAGE[reason],
});

/**
 * Verifies a QR token for anyone who scans it: structure, key, signature, expiry, then
 * revocation. A refusal is an answer (with the reason), not an error. Never throws on a bad
 * token; reads one record. Rate-limited per source address (a public, unauthenticated route).
 * @throws RetryLaterError RATE_LIMITED
 */
export async function verifyShareToken(token: string, sourceIp: string): Promise<VerificationResult> {
  await takeAllowance(verificationsPerSource(), sourceIp);
  const reading = readQrToken(token, qrVerifiers(), epochSeconds());
  if (!reading.ok) return refusal(reading.reason);
  const { claims } = reading;
  if (await isShareTokenRevoked(claims.jti)) return refusal('revoked');
  return {
    valid: true,
    licenceType: claims.lic,
    label: LICENCE_LABEL[claims.lic],
    purpose: claims.pur,
    purposeLabel: SHARE_PURPOSE_LABEL[claims.pur],
    fields: claims.f,
    issuedAt: nowIso(claims.iat * 1000),
    expiresAt: nowIso(claims.exp * 1000),
  };
}
