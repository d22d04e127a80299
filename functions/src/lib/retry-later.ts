import { AppError, type ErrorCode } from '@minsheng/shared';

/**
 * A refusal that passes with time (rate limits, login back-off): the HTTP adapter turns
 * `retryAfterSeconds` into a Retry-After header, so clients need not guess how long to wait.
 */
export class RetryLaterError extends AppError {
  constructor(
    code: ErrorCode,
    readonly retryAfterSeconds: number,
  ) {
    super(code);
    this.name = 'RetryLaterError';
  }
}
