import { createHmac } from 'node:crypto';
import { constantTimeEqual } from './keyed-hash';

/**
 * Short-lived access tokens: `base64url(header).base64url(claims).base64url(HMAC-SHA256)`,
 * the JWT HS256 layout, so any JWT tool can read them while we verify them ourselves.
 */
export interface AccessClaims {
  sub: string;
  /** `officer-enrolment`: a password was right but the second factor is not set up yet. */
  role: 'citizen' | 'officer' | 'officer-enrolment';
  iat: number;
  exp: number;
  /** Officers only: department and post (岗位). */
  dept?: string;
  post?: string;
  /** Officers only: display name for case histories. */
  name?: string;
  /** Officers only: the account's session generation when issued (see repositories/officers). */
  gen?: number;
}

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
const sign = (data: string, secret: string) => createHmac('sha256', secret).update(data).digest('base64url');

export function signAccessToken(claims: AccessClaims, secret: string): string {
  const body = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${body}.${sign(body, secret)}`;
}

/** Returns the claims of a well-signed, unexpired token, or null. Never throws. */
export function verifyAccessToken(token: string, secret: string, nowSeconds: number): AccessClaims | null {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== HEADER) return null;
  const [header, body, signature] = parts as [string, string, string];
  if (!constantTimeEqual(sign(`${header}.${body}`, secret), signature)) return null;
  try {
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as AccessClaims;
    if (typeof claims.sub !== 'string' || typeof claims.exp !== 'number' || claims.exp <= nowSeconds) return null;
    return claims;
  } catch {
    return null;
  }
}
