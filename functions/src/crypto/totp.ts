import { Secret, TOTP } from 'otpauth';

/**
 * Officers' second factor: TOTP (RFC 6238) through the maintained `otpauth` library, with the
 * parameters every authenticator app assumes (SHA-1, 6 digits, 30 s). A code one step early or
 * late is accepted for clock drift; the caller stores the step so a code works once.
 */
const ISSUER = '民生警务';
const PERIOD_SECONDS = 30;
const totp = (secretBase32: string, label = '') =>
  new TOTP({
    issuer: ISSUER,
    label,
    secret: Secret.fromBase32(secretBase32),
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD_SECONDS,
  });

/** A fresh 160-bit secret, base32 as authenticator apps expect it. */
export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

/** The otpauth:// URI an authenticator app reads (from a QR code or typed in). */
export const totpUri = (secretBase32: string, account: string): string => totp(secretBase32, account).toString();

/** The time step the code belongs to, or undefined when it matches none of now ±1 step. */
export function matchTotp(secretBase32: string, code: string, nowMs: number): number | undefined {
  const delta = totp(secretBase32).validate({ token: code, timestamp: nowMs, window: 1 });
  return delta === null ? undefined : Math.floor(nowMs / 1000 / PERIOD_SECONDS) + delta;
}
