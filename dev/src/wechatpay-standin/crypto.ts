import {
  createCipheriv,
  createPublicKey,
  createSign,
  createVerify,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  randomInt,
} from 'node:crypto';

/**
 * The WeChat Pay API v3 signature and encryption primitives, as the stand-in uses them:
 * WECHATPAY2-SHA256-RSA2048 request authorization (merchant key), response and notification
 * signatures over `timestamp\nnonce\nbody\n` (platform key), and AEAD_AES_256_GCM resources.
 */
export const AUTH_SCHEME = 'WECHATPAY2-SHA256-RSA2048';
/** Signature values of WeChat Pay's probe messages start with this; a merchant must reject them. */
export const PROBE_PREFIX = 'WECHATPAY/SIGNTEST/';

export interface AuthorizationParams {
  mchid: string;
  nonce_str: string;
  signature: string;
  timestamp: string;
  serial_no: string;
}

const AUTH_KEYS = ['mchid', 'nonce_str', 'signature', 'timestamp', 'serial_no'] as const;

/**
 * Parses `WECHATPAY2-SHA256-RSA2048 k="v",k="v",…` strictly as documented: one space after the
 * scheme, five double-quoted parameters in any order, separated by commas without spaces.
 * Undefined when the header is missing or malformed.
 */
export function parseAuthorization(header: string | undefined): AuthorizationParams | undefined {
  if (!header?.startsWith(`${AUTH_SCHEME} `)) return undefined;
  const rest = header.slice(AUTH_SCHEME.length + 1);
  const pair = /^([a-z_]+)="([^"]*)"$/;
  const out: Partial<Record<(typeof AUTH_KEYS)[number], string>> = {};
  for (const part of rest.split(',')) {
    const m = part.match(pair);
    if (!m) return undefined;
    const key = m[1] as (typeof AUTH_KEYS)[number];
    if (!AUTH_KEYS.includes(key) || out[key] !== undefined) return undefined;
    out[key] = m[2] as string;
  }
  return AUTH_KEYS.every((k) => out[k]) ? (out as AuthorizationParams) : undefined;
}

/** The message a merchant signs: `METHOD\nPATH?QUERY\nTIMESTAMP\nNONCE\nBODY\n`. */
export const requestMessage = (method: string, pathWithQuery: string, timestamp: string, nonce: string, body: string) =>
  `${method}\n${pathWithQuery}\n${timestamp}\n${nonce}\n${body}\n`;

/** The message WeChat Pay signs on responses and notifications: `TIMESTAMP\nNONCE\nBODY\n`. */
export const responseMessage = (timestamp: string, nonce: string, body: string) => `${timestamp}\n${nonce}\n${body}\n`;

export const rsaSign = (message: string, privateKey: string | KeyObject): string =>
  createSign('RSA-SHA256').update(message, 'utf8').sign(privateKey, 'base64');

export function rsaVerify(message: string, signatureBase64: string, publicKey: KeyObject): boolean {
  try {
    return createVerify('RSA-SHA256').update(message, 'utf8').verify(publicKey, signatureBase64, 'base64');
  } catch {
    return false;
  }
}

export const publicKeyFromPem = (pem: string): KeyObject => createPublicKey(pem);

/** A key nobody trusts, for forged notifications. Generated on first use (it takes a moment). */
let strangerKey: KeyObject | undefined;
export function strangerPrivateKey(): KeyObject {
  strangerKey ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  return strangerKey;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const alnum = (length: number): string =>
  Array.from({ length }, () => ALNUM[randomInt(ALNUM.length)] as string).join('');
export const digits = (length: number): string => Array.from({ length }, () => String(randomInt(10))).join('');
/** Nonces as WeChat Pay sends them in Wechatpay-Nonce: 32 upper-case hex characters. */
export const headerNonce = (): string => randomBytes(16).toString('hex').toUpperCase();
export const requestId = (): string => `${randomBytes(21).toString('hex').toUpperCase()}-0`;
export const epochSeconds = (ms = Date.now()): number => Math.floor(ms / 1000);

/** RFC 3339 in Beijing time with its offset, as WeChat Pay writes times: 2025-01-02T03:04:05+08:00. */
export function beijingTime(ms = Date.now()): string {
  return new Date(ms + 8 * 3600_000).toISOString().replace(/\.\d{3}Z$/, '+08:00');
}

/** `yyyyMMddHHmmss` in Beijing time, as embedded in prepay ids and refund ids. */
export const beijingCompact = (ms = Date.now()): string => beijingTime(ms).slice(0, 19).replace(/\D/g, '');

export interface EncryptedResource {
  original_type: string;
  algorithm: 'AEAD_AES_256_GCM';
  ciphertext: string;
  associated_data: string;
  nonce: string;
}

/**
 * AEAD_AES_256_GCM as in notifications: key = the APIv3 key's 32 UTF-8 bytes, IV = a
 * 12-character nonce, AAD = associated_data; ciphertext = base64(encrypted || 16-byte tag).
 */
export function encryptResource(
  plaintext: string,
  apiV3Key: string,
  originalType: string,
  associatedData: string,
): EncryptedResource {
  const nonce = alnum(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonce, 'utf8'));
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const encrypted = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return {
    original_type: originalType,
    algorithm: 'AEAD_AES_256_GCM',
    ciphertext: encrypted.toString('base64'),
    associated_data: associatedData,
    nonce,
  };
}
