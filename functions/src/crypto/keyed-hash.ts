import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** HMAC-SHA256 under a secret key: look up an ID number without storing it in clear. */
export const keyedHash = (key: Buffer, value: string): string => createHmac('sha256', key).update(value).digest('hex');

export const sha256Hex = (value: string | Buffer): string => createHash('sha256').update(value).digest('hex');

export const md5Hex = (value: string): string => createHash('md5').update(value, 'utf8').digest('hex');

export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
