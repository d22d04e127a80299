import { createPublicKey, createVerify, type KeyObject, X509Certificate } from 'node:crypto';

/**
 * Verifies WeChat Pay's signatures on API responses and notifications:
 * base64 RSA-SHA256 over `timestamp\nnonce\nbody\n`, by the platform key named in
 * Wechatpay-Serial. Platform-certificate mode (X.509, hex serial) and public-key mode
 * (PUB_KEY_ID_…) are both keys by serial, so an old and a new key can overlap in a rotation.
 */
export type SignatureProblem = 'missing' | 'probe' | 'stale' | 'unknown-serial' | 'bad-signature';

export interface SignedMessage {
  timestamp?: string;
  nonce?: string;
  signature?: string;
  serial?: string;
  body: string;
}

/** WeChat Pay's probe notifications carry this prefix and must never be accepted. */
const PROBE_PREFIX = 'WECHATPAY/SIGNTEST/';
const MAX_SKEW_SECONDS = 300;

export class PlatformKeys {
  private readonly keys = new Map<string, KeyObject>();

  constructor(pems: Record<string, string>) {
    for (const [serial, pem] of Object.entries(pems)) {
      const key = pem.includes('BEGIN CERTIFICATE') ? new X509Certificate(pem).publicKey : createPublicKey(pem);
      this.keys.set(serial.toUpperCase(), key);
    }
  }

  get(serial: string): KeyObject | undefined {
    return this.keys.get(serial.toUpperCase());
  }
}

/** Returns null when the message is authentic and fresh, otherwise what is wrong with it. */
export function checkWechatpaySignature(
  message: SignedMessage,
  keys: PlatformKeys,
  nowSeconds: number,
): SignatureProblem | null {
  const { timestamp, nonce, signature, serial, body } = message;
  if (!timestamp || !nonce || !signature || !serial) return 'missing';
  if (signature.startsWith(PROBE_PREFIX)) return 'probe';
  if (!/^\d+$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > MAX_SKEW_SECONDS) return 'stale';
  const key = keys.get(serial);
  if (!key) return 'unknown-serial';
  const ok = createVerify('RSA-SHA256').update(`${timestamp}\n${nonce}\n${body}\n`).verify(key, signature, 'base64');
  return ok ? null : 'bad-signature';
}

/** Header look-up that tolerates any case (HTTP APIs lower-case them). */
export function signedMessageFrom(headers: Record<string, string | undefined>, body: string): SignedMessage {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    timestamp: lower['wechatpay-timestamp'],
    nonce: lower['wechatpay-nonce'],
    signature: lower['wechatpay-signature'],
    serial: lower['wechatpay-serial'],
    body,
  };
}
