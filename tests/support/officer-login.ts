import { request } from 'node:http';
import { Secret, TOTP } from 'otpauth';
import { DEMO_OFFICER_TOTP_SECRET } from '../../dev/src/seed-officers';

/**
 * TOTP codes for the demo officers, computed from the documented demo secret with the same
 * library the server uses. The server accepts each 30-second step once per officer (a code
 * cannot be replayed), so codes are handed out for steps not used yet in this test process
 * (the server allows one step either side); when all are used, this waits for the next step.
 */
const PERIOD_MS = 30_000;
const lastStep = new WeakMap<object, Map<string, number>>();

export function totpCodeAt(secretBase32: string, timestampMs: number): string {
  return new TOTP({ secret: Secret.fromBase32(secretBase32), algorithm: 'SHA1', digits: 6, period: 30 }).generate({
    timestamp: timestampMs,
  });
}

/** A fresh code for `username` on the stack `scope` (each stack has its own officer records). */
export async function demoOfficerCode(
  scope: object,
  username: string,
  secretBase32 = DEMO_OFFICER_TOTP_SECRET,
): Promise<string> {
  const used = lastStep.get(scope) ?? new Map<string, number>();
  lastStep.set(scope, used);
  // Bounded: under a frozen (mocked) clock the next step never comes.
  for (let wait = 0; wait < 3; wait++) {
    const now = Date.now();
    const current = Math.floor(now / PERIOD_MS);
    const step = Math.max(current, (used.get(username) ?? -1) + 1);
    // A test that pinned the clock ahead and back again: the server refuses older steps too.
    if (step > current + 2)
      throw new Error(`${username} logged in at a later (pinned) time; log in before moving the clock`);
    // The next step is accepted too, but not within the last seconds of this one (it could be two ahead by arrival).
    if (step === current || (step === current + 1 && now % PERIOD_MS < PERIOD_MS - 5_000)) {
      used.set(username, step);
      return totpCodeAt(secretBase32, step * PERIOD_MS);
    }
    await new Promise((resolve) => setTimeout(resolve, PERIOD_MS - (now % PERIOD_MS) + 50));
  }
  throw new Error(`no unused TOTP step for ${username}: is the clock frozen?`);
}

/**
 * A JSON request to the API from a given loopback address (127.0.0.2, …), so tests can act as
 * different source addresses: the gateway takes the source IP from the TCP peer, as API Gateway does.
 */
export function apiFrom<T = Record<string, unknown>>(
  apiUrl: string,
  localAddress: string,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; body: T; headers: Record<string, string | string[] | undefined> }> {
  const url = new URL(path, apiUrl);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        localAddress,
        headers: {
          ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined, headers: res.headers });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}
