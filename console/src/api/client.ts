import type { ErrorCode } from '../shared';
import { readSession } from './session';

/** Codes the console adds for failures that never reached (or never came back from) the API. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'UNEXPECTED_RESPONSE';

export const NETWORK_ERROR_MESSAGE = '网络连接失败，请检查网络后重试';
export const UNEXPECTED_RESPONSE_MESSAGE = '系统繁忙，请稍后再试';

/** Every failed API call surfaces as this, carrying the server's Chinese message. */
export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when no response came back. */
    readonly status: number,
    readonly code: ErrorCode | ClientErrorCode,
    message: string,
    readonly details: { path: string; message: string }[] = [],
    readonly correlationId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;

/** The message to show for anything an API call threw. */
export const userMessageOf = (error: unknown): string =>
  isApiError(error) ? error.message : UNEXPECTED_RESPONSE_MESSAGE;

const withoutTrailingSlash = (url: string): string => url.replace(/\/+$/, '');

/** The API origin from /runtime-config.js; the console's own origin when that script set nothing. */
export function apiBaseUrl(): string {
  const configured = window.__MINSHENG_CONFIG__?.apiBaseUrl;
  return withoutTrailingSlash(configured || window.location.origin);
}

function newCorrelationId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  const random = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `console-${Date.now().toString(16)}-${random}`;
}

type UnauthorizedListener = () => void;
let onUnauthorized: UnauthorizedListener = () => {};

/** The app registers how to react when the server rejects the officer's token (back to login). */
export function setUnauthorizedListener(listener: UnauthorizedListener): void {
  onUnauthorized = listener;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | undefined>;
  /** Send the officer's token (default true). Login and the public catalogue do not. */
  auth?: boolean;
}

function buildUrl(path: string, query: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) if (value) params.set(key, value);
  const search = params.toString();
  return `${apiBaseUrl()}${path}${search ? `?${search}` : ''}`;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function toApiError(status: number, body: unknown, correlationId: string): ApiError {
  const candidate = (body ?? {}) as Partial<{ code: unknown; message: unknown; details: unknown }>;
  if (typeof candidate.code === 'string' && typeof candidate.message === 'string') {
    const details = Array.isArray(candidate.details)
      ? candidate.details.filter(
          (d): d is { path: string; message: string } =>
            typeof d?.message === 'string' && typeof (d as { path?: unknown }).path === 'string',
        )
      : [];
    return new ApiError(status, candidate.code as ErrorCode, candidate.message, details, correlationId);
  }
  return new ApiError(status, 'UNEXPECTED_RESPONSE', UNEXPECTED_RESPONSE_MESSAGE, [], correlationId);
}

/**
 * The one way the console talks to the API: prefixes the API origin, sends the officer's
 * token and a correlation id, and turns every failure into an ApiError whose message can be
 * shown as is. A 401 on an authenticated call also ends the session (the listener sends the
 * officer back to the login page).
 */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const token = options.auth === false ? undefined : readSession()?.token;
  const correlationId = newCorrelationId();
  const headers: Record<string, string> = { accept: 'application/json', 'x-correlation-id': correlationId };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', NETWORK_ERROR_MESSAGE, [], correlationId);
  }
  const body = await readBody(response);
  if (response.ok) return body as T;
  const error = toApiError(response.status, body, correlationId);
  if (response.status === 401 && token) onUnauthorized();
  throw error;
}
