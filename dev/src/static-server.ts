import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { close, decodeComponent, listen, requestUrl, safeListener } from './http-util';
import { contentSecurityPolicy, inlineScriptHashes, STATIC_SECURITY_HEADERS } from './security-headers';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export interface StaticSite {
  url: string;
  stop(): Promise<void>;
}

/**
 * Serves a built web app. `runtimeConfig` answers /runtime-config.js, so one build runs
 * against any ports; it gets the hostname the browser used, so cookies stay same-site. Every
 * response carries the browser security headers; the CSP lets the page call exactly the URLs
 * of its runtime configuration plus `connectTo` (e.g. object storage for uploads).
 */
export async function startStaticSite(options: {
  root: string;
  port?: number;
  runtimeConfig?: (hostname: string) => Record<string, string>;
  connectTo?: () => string[];
}): Promise<StaticSite> {
  const root = resolve(options.root);
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    const url = requestUrl(req);
    for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) res.setHeader(name, value);
    const hostname = (req.headers.host ?? '127.0.0.1').replace(/:\d+$/, '');
    const config = options.runtimeConfig?.(hostname) ?? {};
    const csp = (inlineScripts?: string[]) =>
      contentSecurityPolicy({ connectTo: [...Object.values(config), ...(options.connectTo?.() ?? [])], inlineScripts });
    if (url.pathname === '/runtime-config.js' && options.runtimeConfig) {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
      return res.end(`window.__MINSHENG_CONFIG__ = ${JSON.stringify(config)};\n`);
    }
    let file = normalize(join(root, decodeComponent(url.pathname)));
    if (file !== root && !file.startsWith(`${root}${sep}`)) {
      res.writeHead(403);
      return res.end();
    }
    if (!isFile(file)) file = join(root, 'index.html');
    if (!isFile(file)) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'content-security-policy': csp() });
      return res.end('尚未构建：请先运行 npm start 或 npm run build:h5 --workspace mini-app');
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const immutable = /\.[0-9a-f]{8,}\./.test(file);
    const headers = {
      'content-type': type,
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    };
    if (extname(file) === '.html') {
      // Read whole (pages are small) to hash their inline scripts into the policy.
      const html = readFileSync(file, 'utf8');
      res.writeHead(200, { ...headers, 'content-security-policy': csp(inlineScriptHashes(html)) });
      return res.end(html);
    }
    res.writeHead(200, { ...headers, 'content-security-policy': csp() });
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  };
  const server: Server = createServer(safeListener('static', listener));
  const port = await listen(server, options.port ?? 0);
  return { url: `http://127.0.0.1:${port}`, stop: () => close(server) };
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
