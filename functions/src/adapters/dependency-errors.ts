/**
 * Is this error a dependency (DynamoDB, KMS, S3, WeChat) being down, hung or overloaded rather
 * than a fault of ours or of the request? Such errors are answered 503 with Retry-After: the
 * caller's action did not take effect (writes are single transactions) and may be repeated.
 * No SDK import: the SDKs' errors are recognised by name, code and HTTP status.
 */
const UNAVAILABLE_NAMES = new Set([
  'TimeoutError',
  'AbortError',
  'RequestTimeout',
  'RequestTimeoutException',
  'ThrottlingException',
  'Throttling',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'InternalServerError',
  'InternalFailure',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'SlowDown',
  'KMSInternalException',
  'KeyUnavailableException',
  'DependencyTimeoutException',
]);

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_SOCKET',
]);

interface ErrorShape {
  name?: string;
  message?: string;
  code?: string;
  cause?: { code?: string };
  $metadata?: { httpStatusCode?: number };
}

export function isDependencyUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as ErrorShape;
  if (e.name === 'AppError') return false;
  if (e.name && UNAVAILABLE_NAMES.has(e.name)) return true;
  if ((e.code && NETWORK_CODES.has(e.code)) || (e.cause?.code && NETWORK_CODES.has(e.cause.code))) return true;
  // The SDK wraps a socket error it does not recognise as an Error (one from another realm,
  // as under a test runner's sandbox) into "AWS SDK error wrapper for Error: connect ECONN…".
  const named = e.message?.match(/\b(E[A-Z]+|UND_ERR_[A-Z_]+)\b/)?.[1];
  if (named && NETWORK_CODES.has(named)) return true;
  return (e.$metadata?.httpStatusCode ?? 0) >= 500;
}
