import { randomUUID } from 'node:crypto';
import { AppError, type ErrorCode, isErrorCode } from '@minsheng/shared';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ZodError, type ZodType, type z } from 'zod';
import { isTransactionConflict } from '../adapters/dynamo-errors';
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
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}

/** Parses the JSON body with a shared schema. @throws AppError MALFORMED_JSON, ZodError */
export function parseBody<S extends ZodType>(schema: S, event: HttpEvent): z.output<S> {
  const text = rawBody(event);
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : {};
  } catch {
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

export const parseQuery = <S extends ZodType>(schema: S, event: HttpEvent): z.output<S> =>
  schema.parse(event.queryStringParameters ?? {});

/** A validation failure takes the code of its first issue when the schema names one. */
function validationError(error: ZodError): AppError {
  const details = error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  const first = error.issues[0];
  const named = first && 'params' in first ? (first.params as { code?: unknown } | undefined)?.code : undefined;
  const code: ErrorCode = isErrorCode(named) ? named : 'VALIDATION_FAILED';
  const message = code === 'VALIDATION_FAILED' && first ? first.message : undefined;
  return new AppError(code, details, message);
}

export function errorResponse(error: unknown, correlationId: string): HttpResult {
  const appError =
    error instanceof AppError
      ? error
      : error instanceof ZodError
        ? validationError(error)
        : isTransactionConflict(error)
          ? new AppError('BUSY')
          : undefined;
  if (appError) {
    if (appError.status >= 500) log.warn('request failed upstream', { correlationId, code: appError.code });
    const retryAfter: Record<string, string> =
      appError instanceof RetryLaterError ? { 'retry-after': String(appError.retryAfterSeconds) } : {};
    return json(appError.status, appError.toBody(correlationId), retryAfter);
  }
  log.error('unhandled error', { correlationId, error });
  return json(500, new AppError('INTERNAL').toBody(correlationId));
}

/** Builds a Lambda handler that dispatches on the HTTP API route key ("POST /auth/login"). */
export function httpApi(routes: Record<string, Route>) {
  return async (event: HttpEvent): Promise<HttpResult> => {
    const correlationId = event.headers?.['x-correlation-id'] || event.requestContext?.requestId || randomUUID();
    const route = routes[event.routeKey];
    try {
      if (!route) throw new AppError('ROUTE_NOT_FOUND');
      const result = await route(event, { correlationId });
      return { ...result, headers: { ...result.headers, 'x-correlation-id': correlationId } };
    } catch (error) {
      return errorResponse(error, correlationId);
    }
  };
}
