import Taro from '@tarojs/taro';
import { getAppConfig } from '../config';
import { ErrorCatalog, type ErrorCode, type SessionResponse } from '../shared';
import { clearSession, readSession, saveSession } from './session';

/** Codes the client adds for failures that never reached (or never came back from) the API. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'UNEXPECTED_RESPONSE' | 'UPLOAD_FAILED';

export const NETWORK_ERROR_MESSAGE = '网络连接失败，请检查网络后重试';

/** One problem the server found, e.g. `{ path: 'applicant.phone', message: '联系电话应为 11 位手机号码' }`. */
export interface ErrorDetail {
  path: string;
  message: string;
}

/** Every failed API call surfaces as this, carrying the server's Chinese message. */
export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when the request never got a response. */
    readonly status: number,
    readonly code: ErrorCode | ClientErrorCode,
    message: string,
    /** Per-field problems (400 FORM_INVALID, MATERIALS_MISSING, VALIDATION_FAILED). */
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;

/** The message to show for anything a service call threw. */
export const userMessageOf = (error: unknown): string =>
  isApiError(error) ? error.message : ErrorCatalog.INTERNAL.message;

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RequestOptions {
  method?: Method;
  data?: unknown;
  /** Query parameters; undefined and empty values are left out. */
  query?: Record<string, string | undefined>;
  /** Send the session's access token (default true when a session exists). */
  auth?: boolean;
}

function newCorrelationId(): string {
  const random = () =>
    Math.floor(Math.random() * 0x100000000)
      .toString(16)
      .padStart(8, '0');
  return `mp-${Date.now().toString(16)}-${random()}${random()}`;
}

function buildUrl(path: string, query?: RequestOptions['query']): string {
  const pairs = Object.entries(query ?? {})
    .filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`);
  return `${getAppConfig().apiBaseUrl}${path}${pairs.length ? `?${pairs.join('&')}` : ''}`;
}

function toApiError(statusCode: number, body: unknown): ApiError {
  const candidate = (body ?? {}) as Partial<{ code: unknown; message: unknown; details: unknown }>;
  if (typeof candidate.code === 'string' && typeof candidate.message === 'string') {
    const details = Array.isArray(candidate.details)
      ? candidate.details.filter(
          (d): d is ErrorDetail =>
            typeof d === 'object' && d !== null && typeof d.path === 'string' && typeof d.message === 'string',
        )
      : [];
    return new ApiError(statusCode, candidate.code as ErrorCode, candidate.message, details);
  }
  return new ApiError(statusCode, 'UNEXPECTED_RESPONSE', ErrorCatalog.INTERNAL.message);
}

interface RawResponse {
  statusCode: number;
  data: unknown;
}

async function send(path: string, options: RequestOptions, accessToken?: string): Promise<RawResponse> {
  const method = options.method ?? 'GET';
  const header: Record<string, string> = { 'x-correlation-id': newCorrelationId() };
  if (method !== 'GET') header['content-type'] = 'application/json';
  if (accessToken) header.Authorization = `Bearer ${accessToken}`;
  try {
    const response = await Taro.request({
      url: buildUrl(path, options.query),
      method,
      data: options.data as TaroGeneral.IAnyObject | undefined,
      header,
      dataType: 'json',
    });
    return { statusCode: response.statusCode, data: parseBody(response.data) };
  } catch {
    // Taro rejects (h5: fetch TypeError; weapp: fail callback) only when no response came back.
    throw new ApiError(0, 'NETWORK_ERROR', NETWORK_ERROR_MESSAGE);
  }
}

/** Taro parses JSON already for `dataType: 'json'`; an error page or empty body arrives as text. */
function parseBody(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  if (data === '') return undefined;
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}

let refreshing: Promise<boolean> | null = null;

/** One refresh at a time; concurrent 401s wait for the same attempt. */
function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    const session = readSession();
    if (!session) return false;
    const response = await send('/auth/refresh', { method: 'POST', data: { refreshToken: session.refreshToken } });
    if (response.statusCode >= 200 && response.statusCode < 300) {
      saveSession(response.data as SessionResponse);
      return true;
    }
    clearSession();
    return false;
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

/**
 * The one way the app talks to the API: prefixes the API origin, sends the session token and a
 * correlation id, refreshes an expired session once, and turns every failure into an ApiError
 * whose message can be shown as is.
 */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const useAuth = options.auth ?? true;
  const token = useAuth ? readSession()?.accessToken : undefined;
  let response = await send(path, options, token);

  if (
    response.statusCode === 401 &&
    token &&
    (response.data as { code?: unknown } | undefined)?.code === 'UNAUTHENTICATED'
  ) {
    const refreshed = await refreshSession().catch(() => false);
    if (refreshed) response = await send(path, options, readSession()?.accessToken);
  }

  if (response.statusCode >= 200 && response.statusCode < 300) return response.data as T;
  throw toApiError(response.statusCode, response.data);
}
