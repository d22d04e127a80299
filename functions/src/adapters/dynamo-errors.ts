/** DynamoDB error classification and the transaction-conflict retry; no SDK import (small bundles). */

/** True for the SDK's conditional-check and transaction-cancelled-by-condition errors. */
export function isConditionFailure(error: unknown): boolean {
  const name = (error as { name?: string })?.name;
  if (name === 'ConditionalCheckFailedException') return true;
  if (name === 'TransactionCanceledException') {
    const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
    return reasons.some((r) => r.Code === 'ConditionalCheckFailed');
  }
  return false;
}

/** Index of the first transaction item that failed its condition, or -1. */
export function failedConditionIndex(error: unknown): number {
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return reasons.findIndex((r) => r.Code === 'ConditionalCheckFailed');
}

/** True when DynamoDB cancelled a transaction only because another one touched the same item. */
export function isTransactionConflict(error: unknown): boolean {
  if ((error as { name?: string })?.name !== 'TransactionCanceledException') return false;
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return (
    reasons.some((r) => r.Code === 'TransactionConflict') && !reasons.some((r) => r.Code === 'ConditionalCheckFailed')
  );
}

/**
 * Runs `send` again (with jittered backoff) while DynamoDB cancels it for a conflict with a
 * concurrent transaction — e.g. many citizens booking one slot's counter at once. The SDK does
 * not retry these. The last conflict is rethrown; the HTTP adapter answers it with 409 BUSY.
 */
export async function retryOnTransactionConflict<T>(
  send: () => Promise<T>,
  attempts = 4,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      if (attempt >= attempts || !isTransactionConflict(error)) throw error;
      await sleep(Math.random() * 20 * 2 ** attempt);
    }
  }
}
