import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ErrorCatalog, type ErrorCode } from '@minsheng/shared';

/** Small helpers for the local servers in dev/ (no framework: they must start in milliseconds). */

/**
 * An error a listener throws to answer the client with a 4xx/5xx instead of crashing: the
 * safe listener turns it into a response in the server's own error format.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/**
 * Reads the request body, keeping at most `limitBytes` in memory. Past the limit it stops
 * buffering, lets the rest drain unread, and throws HttpError 413.
 * @throws HttpError 413 when the body (declared or received) is larger than the limit
 */
export function readBody(req: IncomingMessage, limitBytes = 5 * 1024 * 1024): Promise<Buffer> {
  const tooLarge = () => new HttpError(413, `request body larger than ${limitBytes} bytes`);
  const declared = Number(req.headers['content-length'] ?? Number.NaN);
  if (declared > limitBytes) {
    req.resume();
    return Promise.reject(tooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limitBytes) return void chunks.push(chunk);
      req.off('data', onData);
      req.off('end', onEnd);
      chunks.length = 0;
      req.resume();
      reject(tooLarge());
    };
    const onEnd = () => resolve(Buffer.concat(chunks));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', reject);
  });
}

/**
 * The request target as a URL, parsed tolerantly: an origin-form target is always a path
 * (so `//[` is the path "//[", not a malformed host), and anything unparsable is a 400.
 * @throws HttpError 400 for a target that is not a valid path
 */
export function requestUrl(req: IncomingMessage, base = 'http://local.invalid'): URL {
  const target = req.url ?? '/';
  try {
    if (!target.startsWith('/')) throw new Error('not an origin-form target');
    const url = new URL(base);
    const queryAt = target.indexOf('?');
    url.pathname = queryAt >= 0 ? target.slice(0, queryAt) : target;
    url.search = queryAt >= 0 ? target.slice(queryAt) : '';
    return url;
  } catch {
    throw new HttpError(400, 'malformed request target');
  }
}

/**
 * `decodeURIComponent` that answers 400 on a malformed escape (a lone '%') instead of throwing
 * a URIError out of the listener.
 * @throws HttpError 400
 */
export function decodeComponent(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    throw new HttpError(400, 'malformed percent-encoding in the request path');
  }
}

/** How a server words an error: JSON by default, S3's XML for the S3 stand-in. */
export type ErrorResponder = (res: ServerResponse, status: number, message: string) => void;

/** The default: the platform's own error body, with the stable codes of shared/src/errors.ts. */
const jsonError: ErrorResponder = (res, status) => {
  const code: ErrorCode = status === 413 ? 'PAYLOAD_TOO_LARGE' : status < 500 ? 'REQUEST_MALFORMED' : 'INTERNAL';
  sendJson(res, status, { code, message: ErrorCatalog[code].message });
};

/**
 * Wraps a request listener so that nothing it throws or rejects escapes into the process
 * (where `npm start`, one process for every server, would die): HttpError becomes its status,
 * anything else a logged 500; a response already under way is cut off.
 */
export function safeListener(
  serverName: string,
  listener: (req: IncomingMessage, res: ServerResponse) => unknown,
  respond: ErrorResponder = jsonError,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const fail = (error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      if (status >= 500) console.error(`[${serverName}] request failed:`, (error as Error)?.message ?? error);
      if (res.headersSent) return void res.destroy();
      // A client that sent too much is not read further.
      if (status === 413) res.setHeader('connection', 'close');
      try {
        respond(res, status, error instanceof HttpError ? error.message : 'internal error');
      } catch {
        res.destroy();
      }
    };
    try {
      Promise.resolve(listener(req, res)).catch(fail);
    } catch (error) {
      fail(error);
    }
  };
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(text);
}

export function sendHtml(
  res: ServerResponse,
  status: number,
  html: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers });
  res.end(html);
}

export function redirect(res: ServerResponse, location: string, headers: Record<string, string> = {}): void {
  res.writeHead(303, { location, ...headers });
  res.end();
}

/** Listens on `port` (0 = any free port) on loopback and returns the bound port. */
export function listen(server: Server, port: number, host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections?.();
    server.close(() => resolve());
  });
}

export const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (!k) continue;
    try {
      out[k] = decodeURIComponent(v.join('='));
    } catch {
      out[k] = v.join('=');
    }
  }
  return out;
}

/**
 * Appends query parameters to a return URL. For an h5 hash route
 * (`http://host/#/pages/x/index`) they go after the hash, where the app's router reads them.
 */
export function appendParams(url: string, params: Record<string, string>): string {
  const query = new URLSearchParams(params).toString();
  const hashAt = url.indexOf('#');
  const target = hashAt >= 0 ? url.slice(hashAt) : url;
  const sep = target.includes('?') ? '&' : '?';
  return `${url}${sep}${query}`;
}
