import { AppError, chinaDateOf, type DepartmentCode, formatCaseNumber } from '@minsheng/shared';
import { isTransactionConflict } from '../adapters/dynamo-errors';
import { caseNumberWrites, isCaseNumberTaken, lastCaseSequence } from '../repositories/case-numbers';

type CaseNumberWrites = ReturnType<typeof caseNumberWrites>;

/**
 * Enough for a rush on one department: each round, one of the racing submissions wins its
 * number, so N concurrent submissions need at most N rounds.
 */
const MAX_ROUNDS = 40;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `submit` with the department's next case number of the China date of `at`, and the
 * writes that take it (to be committed in the submission's own transaction). When another
 * submission took that number first, reads the counter again and tries the next one.
 * Not idempotent by itself: `submit` must be (a repeated submission fails VERSION_CONFLICT).
 * @throws AppError BUSY (still contended after MAX_ROUNDS) and whatever `submit` throws
 */
export async function withNextCaseNumber<T>(
  department: DepartmentCode,
  applicationId: string,
  at: string,
  submit: (caseNumber: string, writes: CaseNumberWrites) => Promise<T>,
): Promise<T> {
  const day = chinaDateOf(at);
  for (let round = 1; ; round++) {
    const sequence = (await lastCaseSequence(department, day)) + 1;
    const caseNumber = formatCaseNumber(department, day, sequence);
    try {
      return await submit(caseNumber, caseNumberWrites(department, day, sequence, caseNumber, applicationId));
    } catch (error) {
      if (!isCaseNumberTaken(error) && !isTransactionConflict(error)) throw error;
      if (round >= MAX_ROUNDS) throw new AppError('BUSY');
      // Jitter spreads the losers so the next round is not the same pile-up.
      await sleep(Math.random() * 5 * Math.min(round, 8));
    }
  }
}
