import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Officer passwords: scrypt, a memory-hard function, at OWASP's current minimum (N=2^17, r=8,
 * p=1 → 128 MiB per hash), with a per-password salt. The parameters are stored in the hash
 * string (`scrypt$N$r$p$salt$key`), so hashes made with older parameters still verify and are
 * replaced on the next successful login (see needsRehash).
 */
const N = 2 ** 17;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
/** Stored parameters beyond these are refused rather than allowed to exhaust the container. */
const MAX_N = 2 ** 20;
const MAX_R = 16;
const MAX_P = 4;

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  // scrypt needs 128·N·r·p bytes; Node refuses anything above maxmem, so allow that plus headroom.
  const maxmem = 128 * n * r * p + 16 * 1024 * 1024;
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { N: n, r, p, maxmem }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, N, R, P);
  return ['scrypt', N, R, P, salt.toString('base64'), key.toString('base64')].join('$');
}

interface ParsedHash {
  n: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

function parseHash(stored: string): ParsedHash | undefined {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  const params = { n: Number(n), r: Number(r), p: Number(p) };
  const sane =
    Number.isInteger(params.n) &&
    params.n > 1 &&
    params.n <= MAX_N &&
    (params.n & (params.n - 1)) === 0 &&
    Number.isInteger(params.r) &&
    params.r >= 1 &&
    params.r <= MAX_R &&
    Number.isInteger(params.p) &&
    params.p >= 1 &&
    params.p <= MAX_P;
  if (scheme !== 'scrypt' || !salt || !key || !sane) return undefined;
  return { ...params, salt: Buffer.from(salt, 'base64'), key: Buffer.from(key, 'base64') };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const actual = await derive(password, parsed.salt, parsed.n, parsed.r, parsed.p);
  return actual.length === parsed.key.length && timingSafeEqual(actual, parsed.key);
}

/** True when the hash was made with weaker parameters than today's (rehash after a successful login). */
export function needsRehash(stored: string): boolean {
  const parsed = parseHash(stored);
  return !parsed || parsed.n < N || parsed.r < R || parsed.p < P;
}

/** Used when the username is unknown, so a failed login takes as long either way. */
export const DUMMY_HASH = `scrypt$${N}$${R}$${P}$${Buffer.alloc(16).toString('base64')}$${Buffer.alloc(KEY_LENGTH).toString('base64')}`;
