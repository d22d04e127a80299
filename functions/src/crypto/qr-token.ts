import { LicenceType, type RefusalReason, SharePurpose } from '@minsheng/shared';
import { z } from 'zod';
import type { TokenSigner, TokenVerifier } from './qr-signature';

/**
 * The QR token: `v1.<base64url(claims JSON)>.<base64url(signature)>`, the signature taken
 * over the ASCII bytes of `v1.<payload>` (the JWS compact layout without a header: the
 * algorithm is a property of the key named by `kid`, so a token cannot choose it). No CBOR,
 * no library: any verifier with the published key and a base64url decoder can check it.
 */
export const QR_TOKEN_VERSION = 'v1';

export const QrClaims = z
  .object({
    /** Token id, random; the handle for revocation. */
    jti: z.string().min(8).max(64),
    /** Key id of the signing key, as published at GET /wallet/keys. */
    kid: z.string().min(1).max(64),
    lic: LicenceType,
    pur: SharePurpose,
    /** The disclosed fields only, labelled in Chinese so an offline verifier can show them as they are. */
    f: z.record(z.string(), z.string()),
    iat: z.number().int().nonnegative(),
    exp: z.number().int().nonnegative(),
  })
  .strict();
export type QrClaims = z.infer<typeof QrClaims>;

export function signQrToken(claims: QrClaims, signer: TokenSigner): string {
  if (claims.kid !== signer.kid) throw new Error('QR token kid must name the signing key');
  const signingInput = `${QR_TOKEN_VERSION}.${Buffer.from(JSON.stringify(claims), 'utf8').toString('base64url')}`;
  return `${signingInput}.${signer.sign(Buffer.from(signingInput, 'ascii')).toString('base64url')}`;
}

export type QrTokenReading = { ok: true; claims: QrClaims } | { ok: false; reason: Exclude<RefusalReason, 'revoked'> };

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * Checks structure, key, signature and expiry, in that order. Revocation needs the issuer's
 * records and is the caller's to check. Never throws.
 */
export function readQrToken(
  token: string,
  verifiers: ReadonlyMap<string, TokenVerifier>,
  nowSeconds: number,
): QrTokenReading {
  const parts = token.trim().split('.');
  if (parts.length !== 3 || parts[0] !== QR_TOKEN_VERSION) return { ok: false, reason: 'malformed' };
  const [version, payload, signature] = parts as [string, string, string];
  if (!BASE64URL.test(payload) || !BASE64URL.test(signature)) return { ok: false, reason: 'malformed' };
  let claims: QrClaims;
  try {
    const parsed = QrClaims.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    // Without readable claims there is no kid to check a signature with: unreadable, not tampered.
    if (!parsed.success) return { ok: false, reason: 'malformed' };
    claims = parsed.data;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const verifier = verifiers.get(claims.kid);
  if (!verifier) return { ok: false, reason: 'unknown-key' };
  if (!verifier.verify(Buffer.from(`${version}.${payload}`, 'ascii'), Buffer.from(signature, 'base64url')))
    return { ok: false, reason: 'tampered' };
  if (claims.exp <= nowSeconds) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}
