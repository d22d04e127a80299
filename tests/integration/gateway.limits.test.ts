import { request } from 'node:http';
import { type Gateway, startGateway } from '../../dev/src/gateway';
import type { HttpRoute } from '../../dev/src/serverless-manifest';
import { startTestStack, type TestStack } from '../support/test-stack';

/**
 * The local gateway refuses what API Gateway's HTTP API refuses before a function runs — a
 * body over 10 MB — and gives up on a function after its serverless.yml timeout, as API
 * Gateway does; either way it keeps serving.
 */
const LIMIT = 10 * 1024 * 1024;
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

/** Streams `size` bytes as a chunked body (no Content-Length), resolving with the answer. */
function postChunked(url: string, size: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    // The gateway may close once it has answered; what is left unsent does not matter.
    req.on('error', (error) => (error.message.includes('EPIPE') ? undefined : reject(error)));
    const chunk = Buffer.alloc(256 * 1024, 0x20);
    let sent = 0;
    const pump = () => {
      while (sent < size) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

describe('payload limit', () => {
  it('answers 413 PAYLOAD_TOO_LARGE to a declared body over 10 MB, without reading it', async () => {
    const res = await fetch(`${stack.apiUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: Buffer.alloc(LIMIT + 1, 0x20),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('过大') });
  });

  it('answers 413 to a chunked body once it passes 10 MB, and serves the next request', async () => {
    const res = await postChunked(`${stack.apiUrl}/auth/login`, LIMIT + 512 * 1024);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect((await fetch(`${stack.apiUrl}/health`)).status).toBe(200);
  });

  it('passes a body under the limit to the function, which applies its own 1 MB limit', async () => {
    const small = await stack.api('POST', '/auth/login', undefined, undefined, `{"code":"x"}${' '.repeat(512 * 1024)}`);
    expect(small.status).not.toBe(413);
    const res = await stack.api<{ code: string; correlationId?: string }>(
      'POST',
      '/auth/login',
      undefined,
      undefined,
      `{"code":"x"}${' '.repeat(5 * 1024 * 1024)}`,
    );
    // Answered by our handler (it carries a correlation id), not refused by the gateway.
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', correlationId: expect.any(String) });
  });
});

describe('function timeout', () => {
  let gateway: Gateway;
  const route = (path: string): HttpRoute => ({
    routeKey: `GET ${path}`,
    method: 'GET',
    path,
    functionName: 'slowFixture',
    handler: 'tests/support/slow-handler.handler',
    timeoutSeconds: 1,
  });
  beforeAll(async () => {
    gateway = await startGateway({ routes: [route('/slow'), route('/fast')] });
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it('answers 503 FUNCTION_TIMEOUT once the function outlives its timeout, and keeps serving', async () => {
    const started = Date.now();
    const res = await fetch(`${gateway.url}/slow`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ code: 'FUNCTION_TIMEOUT', message: expect.stringContaining('超时') });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(Date.now() - started).toBeLessThan(5_000);
    const fast = await fetch(`${gateway.url}/fast`);
    expect(fast.status).toBe(200);
    expect(await fast.json()).toEqual({ path: '/fast' });
  });

  it('reads each function timeout from serverless.yml', async () => {
    const { httpRoutes } = await import('../../dev/src/serverless-manifest');
    const timeouts = new Map(httpRoutes().map((r) => [r.functionName, r.timeoutSeconds]));
    expect(timeouts.get('health')).toBe(10);
  });
});
