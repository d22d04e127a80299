import type { ErrorCode } from '@minsheng/shared';
import { epochSeconds } from '../lib/clock';
import { log } from '../lib/log';
import { RetryLaterError } from '../lib/retry-later';
import { clearBackoff, getBackoff, replaceBackoff, takeFromWindow } from '../repositories/rate-limits';

/**
 * Rate limits over DynamoDB, shared by every function (a container's memory is no limit:
 * Lambda runs many containers). Two shapes:
 * - a fixed window: at most `limit` uses per `windowSeconds` per subject;
 * - a back-off: `allowance` free attempts, then each further one waits twice as long as the
 *   previous wait, until a success clears it. Used where a hard lock would let anyone lock
 *   someone else out (officer login, per account and source).
 * Refusals are RetryLaterError (429 with Retry-After).
 */
export interface FixedWindowRule {
  name: string;
  limit: number;
  windowSeconds: number;
  code: ErrorCode;
}

export interface BackoffRule {
  name: string;
  allowance: number;
  firstWaitSeconds: number;
  maxWaitSeconds: number;
  /** The state is forgotten after this long without an attempt. */
  resetAfterSeconds: number;
  code: ErrorCode;
}

/**
 * Counts one use of `subject` against the rule. Atomic: concurrent callers never get more
 * than the limit between them. Not idempotent: every call counts.
 * @throws RetryLaterError rule.code, with the seconds until the window ends
 */
export async function takeAllowance(rule: FixedWindowRule, subject: string, now = epochSeconds()): Promise<void> {
  const window = Math.floor(now / rule.windowSeconds);
  const windowEnd = (window + 1) * rule.windowSeconds;
  if (await takeFromWindow(rule.name, subject, window, rule.limit, windowEnd + rule.windowSeconds)) return;
  log.info('rate limited', { rule: rule.name });
  throw new RetryLaterError(rule.code, Math.max(1, windowEnd - now));
}

/** The wait imposed after the given attempt (1-based): none within the allowance, then doubling. */
export function backoffWaitSeconds(rule: BackoffRule, attempt: number): number {
  if (attempt < rule.allowance) return 0;
  return Math.min(rule.maxWaitSeconds, rule.firstWaitSeconds * 2 ** (attempt - rule.allowance));
}

/**
 * Reserves one attempt for `subject` before the costly or sensitive check runs. Of concurrent
 * attempts exactly one takes each slot (the others are refused, as an attacker's burst should
 * be), so the number of checks never exceeds the allowance plus the waited-for ones.
 * @throws RetryLaterError rule.code, with the seconds until the next attempt may start
 */
export async function reserveAttempt(rule: BackoffRule, subject: string, now = epochSeconds()): Promise<void> {
  const seen = await getBackoff(rule.name, subject);
  const live = seen && seen.expiresAtEpoch > now ? seen : undefined;
  if (live && live.nextAttemptAt > now) throw new RetryLaterError(rule.code, live.nextAttemptAt - now);
  const attempt = (live?.attempts ?? 0) + 1;
  const taken = await replaceBackoff(rule.name, subject, seen, {
    attempts: attempt,
    nextAttemptAt: now + backoffWaitSeconds(rule, attempt),
    expiresAtEpoch: now + rule.resetAfterSeconds,
  });
  if (!taken) throw new RetryLaterError(rule.code, 1);
}

/** After a success: the subject starts again with its full allowance. */
export const resetAttempts = (rule: BackoffRule, subject: string): Promise<void> => clearBackoff(rule.name, subject);
