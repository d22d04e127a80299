import { z } from 'zod';
import type { LicenceType } from '../catalogue/licences';

/**
 * The licence wallet (电子证照夹) and its verifiable QR codes. A citizen shows one licence for
 * one purpose; the purpose decides which fields the signed token discloses (selective
 * disclosure), so a hotel sees what it must register and nothing more.
 */
export const SharePurpose = z.enum(['hotel-check-in', 'identity-check', 'criminal-record']);
export type SharePurpose = z.infer<typeof SharePurpose>;

export const SHARE_PURPOSE_LABEL: Record<SharePurpose, string> = {
  'hotel-check-in': '旅馆住宿登记',
  'identity-check': '身份核验',
  'criminal-record': '无犯罪记录核验',
};

/**
 * Which licences may be shown for which purpose, and the labels of the fields each discloses
 * (the values are filled in, and signed, by the server). The server refuses any other pair
 * with SHARE_PURPOSE_NOT_ALLOWED; the mini-app offers only these.
 */
export const SHARE_PURPOSES: Record<
  SharePurpose,
  { licenceTypes: readonly LicenceType[]; disclosedFields: readonly string[] }
> = {
  'hotel-check-in': {
    licenceTypes: ['resident-id-card', 'passport', 'hk-macau-permit', 'taiwan-permit'],
    disclosedFields: ['姓名（全名）', '照片编号', '有效期至'],
  },
  'identity-check': {
    licenceTypes: [
      'resident-id-card',
      'household-register',
      'driving-licence',
      'residence-permit',
      'passport',
      'hk-macau-permit',
      'taiwan-permit',
    ],
    disclosedFields: ['姓名（部分隐藏）', '公民身份号码（部分隐藏）', '有效期至'],
  },
  'criminal-record': {
    licenceTypes: ['criminal-record-certificate'],
    disclosedFields: ['证明编号', '查询结果', '有效期至'],
  },
};

/** The purposes a licence of `type` may be shown for, in a stable order. */
export const sharePurposesFor = (type: string): SharePurpose[] =>
  SharePurpose.options.filter((p) => (SHARE_PURPOSES[p].licenceTypes as readonly string[]).includes(type));

export const ShareLicenceRequest = z.object({ purpose: SharePurpose });
export type ShareLicenceRequest = z.infer<typeof ShareLicenceRequest>;

export interface ShareTokenResponse {
  token: string;
  /** Token id: what the citizen revokes. */
  jti: string;
  expiresAt: string;
  /** The public verification page with the token in its fragment (never sent to a server log). */
  verifyUrl: string;
}

export interface WalletItem {
  type: LicenceType;
  label: string;
  numberMasked: string;
  /**
   * The last valid day as the issuing police system records it (`9999-12-31`: 长期). Absent when
   * that system did not say: the wallet then shows the validity as unknown, never a guess.
   */
  validUntil?: string;
  /** Personal fields masked; what the citizen sees by default. */
  fields: Record<string, string>;
  source: 'police-system' | 'issued-here';
  issuedByApplicationId?: string;
}

export const VerifyTokenRequest = z.object({ token: z.string().min(1).max(4096) });
export type VerifyTokenRequest = z.infer<typeof VerifyTokenRequest>;

export const RefusalReason = z.enum(['expired', 'tampered', 'revoked', 'unknown-key', 'malformed']);
export type RefusalReason = z.infer<typeof RefusalReason>;

/** What a verifier is told, in the words shown to the person holding the phone. */
export const REFUSAL_MESSAGE: Record<RefusalReason, string> = {
  expired: '二维码已过期，请持证人刷新后重新出示',
  tampered: '二维码内容被篡改或签名无效，不能作为证明使用',
  revoked: '持证人已撤销该二维码',
  'unknown-key': '二维码不是由本平台签发，或签发密钥已停用',
  malformed: '无法识别的二维码内容',
};

/** A verification outcome is an answer, not an error: both shapes come back with HTTP 200. */
export type VerificationResult =
  | {
      valid: true;
      licenceType: LicenceType;
      label: string;
      purpose: SharePurpose;
      purposeLabel: string;
      fields: Record<string, string>;
      issuedAt: string;
      expiresAt: string;
    }
  | { valid: false; reason: RefusalReason; message: string };

/**
 * One entry of the published verifying keys (JWKS-like), named by `kid`: the JWK members of
 * the key (`x` for Ed25519) plus its SPKI PEM, so a verifier can use whichever its library takes.
 * The algorithm belongs to the key, never to the token, so a token cannot pick a weaker one.
 */
export interface PublishedKey {
  kid: string;
  /** `EdDSA` (Ed25519) today; `SM2` (SM2-with-SM3) is the planned 密评 alternative. */
  alg: 'EdDSA' | 'SM2';
  use: 'sig';
  kty: string;
  crv: string;
  x: string;
  y?: string;
  pem: string;
}

/** What a licence's validity reads as where the police data gave none (wallet, QR disclosures). */
export const VALIDITY_UNKNOWN = '未知（公安数据未提供，以实体证件为准）';
