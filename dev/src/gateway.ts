import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { ErrorCatalog } from '@minsheng/shared';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { close, listen, readBody, requestUrl, safeListener } from './http-util';
import { type CorsSettings, corsSettings, type HttpRoute, httpRoutes, REPO_ROOT } from './serverless-manifest';

/**
 * A local HTTP API that runs the real Lambda handlers in-process, routed exactly as
 * serverless.yml declares (payload format 2.0, like API Gateway's HTTP API).
 */
type LambdaHandler = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2 | string | object>;

interface CompiledRoute extends HttpRoute {
  pattern: RegExp;
  params: string[];
}

export interface Gateway {
  url: string;
  stop(): Promise<void>;
}

function compile(route: HttpRoute): CompiledRoute {
  if (route.routeKey === '$default') return { ...route, pattern: /^/, params: [] };
  const params: string[] = [];
  const source = route.path
    .split('/')
    .map((segment) => {
      const m = segment.match(/^\{(.+?)(\+)?\}$/);
      if (!m) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      params.push(m[1] as string);
      return m[2] ? '(.+)' : '([^/]+)';
    })
    .join('/');
  return { ...route, pattern: new RegExp(`^${source}$`), params };
}

async function loadHandler(handlerRef: string): Promise<LambdaHandler> {
  const dot = handlerRef.lastIndexOf('.');
  const mod = await import(resolve(REPO_ROOT, handlerRef.slice(0, dot)));
  const fn = mod[handlerRef.slice(dot + 1)] ?? mod.default?.[handlerRef.slice(dot + 1)];
  if (typeof fn !== 'function') throw new Error(`Handler ${handlerRef} not found`);
  return fn;
}

function corsHeaders(cors: CorsSettings | undefined, origin: string | undefined): Record<string, string> {
  if (!cors || !origin) return {};
  const allowed = cors.allowedOrigins.includes('*') || cors.allowedOrigins.includes(origin);
  if (!allowed) return {};
  return {
    'access-control-allow-origin': cors.allowedOrigins.includes('*') ? '*' : origin,
    'access-control-allow-headers': cors.allowedHeaders.join(','),
    'access-control-allow-methods': cors.allowedMethods.join(','),
    'access-control-expose-headers': 'x-correlation-id',
    'access-control-max-age': '600',
  };
}

/** API Gateway's HTTP API refuses larger request bodies itself, before any function runs. */
const API_GATEWAY_PAYLOAD_LIMIT_BYTES = 10 * 1024 * 1024;
/** The HTTP API's integration timeout: no function is waited for longer, whatever its own timeout. */
const API_GATEWAY_MAX_WAIT_SECONDS = 30;

class FunctionTimeout extends Error {}

/** The function's answer, or FunctionTimeout once its timeout (capped as API Gateway caps it) has passed. */
function withTimeout<T>(running: Promise<T>, timeoutSeconds: number): Promise<T> {
  const waitMs = Math.min(timeoutSeconds, API_GATEWAY_MAX_WAIT_SECONDS) * 1000;
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new FunctionTimeout()), waitMs);
  });
  return Promise.race([running, expired]).finally(() => clearTimeout(timer));
}

/** Errors the gateway itself answers, as {code, message} with the platform's stable codes. */
function sendGatewayError(
  res: ServerResponse,
  code: 'PAYLOAD_TOO_LARGE' | 'REQUEST_MALFORMED' | 'FUNCTION_TIMEOUT' | 'INTERNAL',
): void {
  const { status, message } = ErrorCatalog[code];
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ code, message }));
}

function toEvent(
  req: IncomingMessage,
  url: URL,
  route: CompiledRoute,
  match: RegExpMatchArray,
  body: Buffer,
): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers))
    if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(',') : v;
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = k in query ? `${query[k]},${v}` : v;
  const contentType = headers['content-type'] ?? '';
  const isText = !body.length || /json|text|x-www-form-urlencoded|xml/.test(contentType);
  const now = new Date();
  return {
    version: '2.0',
    routeKey: route.routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    queryStringParameters: Object.keys(query).length ? query : undefined,
    pathParameters: route.params.length
      ? Object.fromEntries(route.params.map((p, i) => [p, decodeOrRaw(match[i + 1] as string)]))
      : undefined,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'local',
      http: {
        method: req.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: route.routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    body: body.length ? (isText ? body.toString('utf8') : body.toString('base64')) : undefined,
    isBase64Encoded: body.length > 0 && !isText,
  } as APIGatewayProxyEventV2;
}

function writeResult(
  res: ServerResponse,
  result: APIGatewayProxyStructuredResultV2 | string | object,
  extra: Record<string, string>,
): void {
  // HTTP API payload 2.0: anything without a statusCode is a 200 JSON body.
  if (typeof result !== 'object' || result === null || !('statusCode' in result)) {
    res.writeHead(200, { 'content-type': 'application/json', ...extra });
    res.end(typeof result === 'string' ? result : JSON.stringify(result));
    return;
  }
  const r = result as APIGatewayProxyStructuredResultV2;
  const headers: Record<string, string | string[]> = { ...extra };
  for (const [k, v] of Object.entries(r.headers ?? {})) headers[k.toLowerCase()] = String(v);
  if (r.cookies?.length) headers['set-cookie'] = r.cookies;
  res.writeHead(r.statusCode ?? 200, headers);
  res.end(r.body ? Buffer.from(r.body, r.isBase64Encoded ? 'base64' : 'utf8') : undefined);
}

export async function startGateway(options: {
  port?: number;
  routes?: HttpRoute[];
  cors?: CorsSettings;
}): Promise<Gateway> {
  // As in API Gateway, the catch-all route ($default) is tried only when no other route matches.
  const routes = (options.routes ?? httpRoutes())
    .map(compile)
    .sort((a, b) => Number(a.routeKey === '$default') - Number(b.routeKey === '$default'));
  const cors = options.cors ?? corsSettings();
  const handlers = new Map<string, LambdaHandler>();
  for (const route of routes)
    if (!handlers.has(route.handler)) handlers.set(route.handler, await loadHandler(route.handler));

  const listener = async (req: IncomingMessage, res: ServerResponse) => {
    const cross = corsHeaders(cors, req.headers.origin);
    // CORS headers on every answer, errors included, as API Gateway adds them.
    for (const [name, value] of Object.entries(cross)) res.setHeader(name, value);
    const url = requestUrl(req);
    if (req.method === 'OPTIONS' && cors) {
      res.writeHead(204);
      return res.end();
    }
    let matched: { route: CompiledRoute; match: RegExpMatchArray } | undefined;
    for (const route of routes) {
      if (route.method !== req.method && route.method !== '*') continue;
      const match = url.pathname.match(route.pattern);
      if (match) {
        matched = { route, match };
        break;
      }
    }
    if (!matched) {
      res.writeHead(404, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ message: 'Not Found' }));
    }
    const body = await readBody(req, API_GATEWAY_PAYLOAD_LIMIT_BYTES);
    const event = toEvent(req, url, matched.route, matched.match, body);
    const { functionName, handler, timeoutSeconds } = matched.route;
    let result: Awaited<ReturnType<LambdaHandler>>;
    try {
      result = await withTimeout((handlers.get(handler) as LambdaHandler)(event), timeoutSeconds);
    } catch (error) {
      if (error instanceof FunctionTimeout) {
        // Lambda would stop the function here; in-process it runs on, its answer discarded.
        console.error(`[gateway] ${functionName} timed out after ${timeoutSeconds} s`);
        return sendGatewayError(res, 'FUNCTION_TIMEOUT');
      }
      // What API Gateway answers when the function itself crashes.
      console.error(`[gateway] ${functionName} crashed:`, (error as Error).message);
      res.writeHead(500, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ message: 'Internal Server Error' }));
    }
    writeResult(res, result, {});
  };
  const server: Server = createServer(
    safeListener('gateway', listener, (res, status) =>
      sendGatewayError(res, status === 413 ? 'PAYLOAD_TOO_LARGE' : status < 500 ? 'REQUEST_MALFORMED' : 'INTERNAL'),
    ),
  );
  server.keepAliveTimeout = 5000;
  const port = await listen(server, options.port ?? 0);
  return { url: `http://127.0.0.1:${port}`, stop: () => close(server) };
}

/** Path parameters arrive decoded; a malformed escape (a lone '%') is passed on as it came, not a crash. */
function decodeOrRaw(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
