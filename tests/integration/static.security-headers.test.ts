import { startTestStack, type TestStack } from '../support/test-stack';

/**
 * The h5 app, the console and the verification page are served with browser security headers,
 * and the API answers CORS only for the configured origins (the sites of this stack).
 */
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

type Site = 'appUrl' | 'consoleUrl' | 'verifyUrl';

describe.each<Site>(['appUrl', 'consoleUrl', 'verifyUrl'])('%s', (site) => {
  it.each(['/', '/runtime-config.js', '/no/such/page'])('sends the security headers with %s', async (path) => {
    const res = await fetch(`${stack[site]}${path}`);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('has a CSP that forbids framing and scripts from elsewhere, and allows calling the API', async () => {
    const csp = (await fetch(`${stack[site]}/`)).headers.get('content-security-policy') ?? '';
    const directive = (name: string) => csp.split('; ').find((d) => d.startsWith(`${name} `)) ?? '';
    expect(directive('frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(directive('script-src')).toMatch(/^script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')*$/);
    expect(directive('object-src')).toBe("object-src 'none'");
    expect(directive('connect-src').split(' ')).toContain(stack.apiUrl);
  });
});

it('lets the h5 app upload straight to object storage', async () => {
  const csp = (await fetch(`${stack.appUrl}/`)).headers.get('content-security-policy') ?? '';
  expect(csp).toContain(`connect-src 'self' `);
  expect(
    csp
      .split('; ')
      .find((d) => d.startsWith('connect-src'))
      ?.split(' '),
  ).toContain(stack.storageUrl);
});

describe('API CORS', () => {
  const preflight = (origin: string) =>
    fetch(`${stack.apiUrl}/me`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });

  it('allows the stack’s own sites', async () => {
    for (const origin of [stack.appUrl, stack.consoleUrl, stack.verifyUrl]) {
      const res = await preflight(origin);
      expect(res.headers.get('access-control-allow-origin')).toBe(origin);
      const get = await fetch(`${stack.apiUrl}/health`, { headers: { origin } });
      expect(get.headers.get('access-control-allow-origin')).toBe(origin);
    }
  });

  it('gives a disallowed origin no allow-origin header, on preflight, answers and errors', async () => {
    const evil = 'https://evil.example';
    expect((await preflight(evil)).headers.get('access-control-allow-origin')).toBeNull();
    const get = await fetch(`${stack.apiUrl}/health`, { headers: { origin: evil } });
    expect(get.status).toBe(200);
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
    const missing = await fetch(`${stack.apiUrl}/no-such-route`, { headers: { origin: evil } });
    expect(missing.headers.get('access-control-allow-origin')).toBeNull();
  });
});
