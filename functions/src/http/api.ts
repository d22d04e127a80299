import { randomUUID } from 'node:crypto';
import {
  AppError,
  type ErrorCode,
  FORBIDDEN_KEYS,
  isErrorCode,
  MAX_BODY_BYTES,
  MAX_JSON_DEPTH,
  MAX_JSON_NODES,
} from '@minsheng/shared';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ZodError, type ZodType, type z } from 'zod';
import { isDependencyUnavailable } from '../adapters/dependency-errors';
import { isTransactionConflict } from '../adapters/dynamo-errors';
import { loadSecrets } from '../adapters/secrets';
import { log } from '../lib/log';
import { RetryLaterError } from '../lib/retry-later';

/**
 * The HTTP adapter shared by every handler: routing by route key, body parsing against the
 * shared schemas, and the one place where errors become responses.
 */
export type HttpEvent = APIGatewayProxyEventV2;
export type HttpResult = APIGatewayProxyStructuredResultV2;
export type Route = (event: HttpEvent, context: { correlationId: string }) => Promise<HttpResult>;

export const json = (statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  body: JSON.stringify(body),
});

function rawBody(event: HttpEvent): string {
  if (!event.body) return '';
  // Checked before decoding: base64 is 4/3 of the bytes it carries.
  const bytes = event.isBase64Encoded ? Math.floor((event.body.length * 3) / 4) : Buffer.byteLength(event.body);
  if (bytes > MAX_BODY_BYTES) throw new AppError('PAYLOAD_TOO_LARGE');
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}

/**
 * Refuses JSON nested deeper, or with more keys and elements, than any request of ours can
 * have, before parsing it: one linear pass over the text, outside string literals.
 */
function checkJsonShape(text: string): void {
  let depth = 0;
  let nodes = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > MAX_JSON_DEPTH) throw new AppError('REQUEST_TOO_COMPLEX');
      nodes++;
    } else if (c === 0x7d || c === 0x5d) depth--;
    else if (c === 0x2c && ++nodes > MAX_JSON_NODES) throw new AppError('REQUEST_TOO_COMPLEX');
  }
}

const refuseForbiddenKeys = (key: string, value: unknown) => {
  if (FORBIDDEN_KEYS.has(key)) throw new AppError('UNSAFE_FIELD_NAME');
  return value;
};

/**
 * Parses the JSON body with a shared schema.
 * @throws AppError PAYLOAD_TOO_LARGE | REQUEST_TOO_COMPLEX | UNSAFE_FIELD_NAME | MALFORMED_JSON, ZodError
 */
export function parseBody<S extends ZodType>(schema: S, event: HttpEvent): z.output<S> {
  const text = rawBody(event);
  checkJsonShape(text);
  let data: unknown;
  try {
    data = text ? JSON.parse(text, refuseForbiddenKeys) : {};
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('MALFORMED_JSON');
  }
  return schema.parse(data);
}

/** Longest path parameter looked up: every id we issue is far shorter; longer ones cannot exist. */
const MAX_PATH_PARAM = 200;

/**
 * A path parameter as a plain string. Tolerates a gateway that passes it still percent-encoded
 * (decoded once, as far as it decodes); an oversized one becomes '' so lookups simply find
 * nothing instead of tripping DynamoDB's key-size limit.
 */
export function pathParam(event: HttpEvent, name: string): string {
  const raw = event.pathParameters?.[name] ?? '';
  let value = raw;
  try {
    value = decodeURIComponent(raw);
  } catch {
    // Not percent-encoded after all (a lone '%'): use it as it is.
  }
  return value.length > MAX_PATH_PARAM ? '' : value;
}

/** The caller's address as API Gateway saw it (the TCP peer, not a header the client could forge). */
export const sourceIp = (event: HttpEvent): string => event.requestContext?.http?.sourceIp || 'unknown';

/** Parses the query string with a shared schema; a key that could touch a prototype is refused. */
export function parseQuery<S extends ZodType>(schema: S, event: HttpEvent): z.output<S> {
  const query = event.queryStringParameters ?? {};
  if (Object.keys(query).some((key) => FORBIDDEN_KEYS.has(key))) throw new AppError('UNSAFE_FIELD_NAME');
  return schema.parse(query);
}

/** A validation failure takes the code of its first issue when the schema names one. */
function validationError(error: ZodError): AppError {
  const details = error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  const first = error.issues[0];
  const named = first && 'params' in first ? (first.params as { code?: unknown } | undefined)?.code : undefined;
  const code: ErrorCode = isErrorCode(named) ? named : 'VALIDATION_FAILED';
  const message = code === 'VALIDATION_FAILED' && first ? first.message : undefined;
  return new AppError(code, details, message);
}

/** Seconds a client should wait before repeating a request a dependency could not serve. */
const DEPENDENCY_RETRY_AFTER_SECONDS = 5;

function knownError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) return validationError(error);
  if (isTransactionConflict(error)) return new AppError('BUSY');
  if (isDependencyUnavailable(error)) return new AppError('SERVICE_UNAVAILABLE');
  return undefined;
}

/** Every response we send: never cached by a browser or a proxy unless the route says so. */
const BASE_HEADERS = { 'cache-control': 'no-store' };

export function errorResponse(error: unknown, correlationId: string): HttpResult {
  const headers: Record<string, string> = { ...BASE_HEADERS, 'x-correlation-id': correlationId };
  const appError = knownError(error);
  if (appError) {
    if (appError.status >= 500)
      log.warn('request failed upstream', { correlationId, code: appError.code, error: describe(error) });
    if (appError instanceof RetryLaterError) headers['retry-after'] = String(appError.retryAfterSeconds);
    else if (appError.status === 503) headers['retry-after'] = String(DEPENDENCY_RETRY_AFTER_SECONDS);
    return json(appError.status, appError.toBody(correlationId), headers);
  }
  log.error('unhandled error', { correlationId, error });
  return json(500, new AppError('INTERNAL').toBody(correlationId), headers);
}

/** The error's name and code only: a dependency's message may echo request data. */
const describe = (error: unknown) =>
  error instanceof AppError ? undefined : { name: (error as Error)?.name, code: (error as { code?: string })?.code };

/**
 * A correlation id the caller sent is kept (so a client's logs and ours line up) only when it
 * is plainly an id; anything else would be a way to write into our logs and headers.
 */
const CORRELATION_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{7,99}$/;

export function correlationIdOf(event: HttpEvent): string {
  const sent = event.headers?.['x-correlation-id'];
  if (sent && CORRELATION_ID.test(sent)) return sent;
  const requestId = event.requestContext?.requestId;
  return requestId && CORRELATION_ID.test(requestId) ? requestId : randomUUID();
}

/** Builds a Lambda handler that dispatches on the HTTP API route key ("POST /auth/login"). */
export function httpApi(routes: Record<string, Route>) {
  return async (event: HttpEvent): Promise<HttpResult> => {
    const correlationId = correlationIdOf(event);
    const route = Object.hasOwn(routes, event.routeKey) ? routes[event.routeKey] : undefined;
    try {
      if (!route) throw new AppError('ROUTE_NOT_FOUND');
      await loadSecrets();
      const result = await route(event, { correlationId });
      return { ...result, headers: { ...BASE_HEADERS, ...result.headers, 'x-correlation-id': correlationId } };
    } catch (error) {
      return errorResponse(error, correlationId);
    }
  };
}
