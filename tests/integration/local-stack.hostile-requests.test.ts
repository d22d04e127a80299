import { MATERIALS_BUCKET } from '../../dev/src/stack';
import { rawRequest } from '../support/raw-http';
import { startTestStack, type TestStack } from '../support/test-stack';

/**
 * `npm start` runs every server in one process: a request that throws outside a handler
 * would stop them all. Each server answers malformed targets with a 4xx and serves the next.
 */
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

type Server =
  | 'appUrl'
  | 'consoleUrl'
  | 'verifyUrl'
  | 'apiUrl'
  | 'wechat'
  | 'wechatPay'
  | 'storageUrl'
  | 'secretsManager';
const urlOf = (server: Server): string =>
  server === 'wechat' || server === 'wechatPay' || server === 'secretsManager' ? stack[server].url : stack[server];

it.each<[Server, string]>([
  ['appUrl', 'GET /%'],
  ['consoleUrl', 'GET /%'],
  ['verifyUrl', 'GET /%'],
  ['apiUrl', 'GET //['],
  ['apiUrl', 'GET /catalogue/%'],
  ['wechat', 'GET //['],
  ['wechatPay', 'GET //['],
  ['wechatPay', 'GET /__standin/orders/%'],
  ['storageUrl', 'GET //['],
  ['storageUrl', `GET /${MATERIALS_BUCKET}/%`],
  ['secretsManager', 'POST //['],
  ['secretsManager', 'GET http://['],
])('%s: `%s` gets a 4xx and the next request is served', async (server, line) => {
  const hostile = await rawRequest(urlOf(server), `${line} HTTP/1.1`);
  expect(hostile.status).toBeGreaterThanOrEqual(400);
  expect(hostile.status).toBeLessThan(500);
  const next = await rawRequest(urlOf(server), 'GET / HTTP/1.1');
  expect(next.status).toBeGreaterThanOrEqual(200);
  expect(next.status).toBeLessThan(500);
});

it('the API reads `//[` as a path (no such route) and answers a target that is no path with a stable code', async () => {
  const notARoute = await rawRequest(stack.apiUrl, 'GET //[ HTTP/1.1');
  expect(notARoute.status).toBe(404);
  const res = await rawRequest(stack.apiUrl, 'GET http://[ HTTP/1.1');
  expect(res.status).toBe(400);
  expect(JSON.parse(res.body)).toEqual({ code: 'REQUEST_MALFORMED', message: '请求地址格式不正确' });
  const health = await fetch(`${stack.apiUrl}/health`);
  expect(health.status).toBe(200);
});

it('the S3 stand-in answers a malformed key in its own XML error format', async () => {
  const res = await rawRequest(stack.storageUrl, `GET /${MATERIALS_BUCKET}/% HTTP/1.1`);
  expect(res.status).toBe(400);
  expect(res.body).toContain('<Code>InvalidURI</Code>');
});
