import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { close, listen } from './http-util';

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
 * Serves a built web app. `runtimeConfig` answers /runtime-config.js, so one h5 build runs
 * against any ports; it gets the hostname the browser used, so cookies stay same-site.
 */
export async function startStaticSite(options: {
  root: string;
  port?: number;
  runtimeConfig?: (hostname: string) => Record<string, string>;
}): Promise<StaticSite> {
  const root = resolve(options.root);
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://static.local');
    if (url.pathname === '/runtime-config.js' && options.runtimeConfig) {
      const hostname = (req.headers.host ?? '127.0.0.1').replace(/:\d+$/, '');
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
      return res.end(`window.__MINSHENG_CONFIG__ = ${JSON.stringify(options.runtimeConfig(hostname))};\n`);
    }
    let file = normalize(join(root, decodeURIComponent(url.pathname)));
    if (!file.startsWith(root)) {
      res.writeHead(403);
      return res.end();
    }
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      return res.end('尚未构建：请先运行 npm start 或 npm run build:h5 --workspace mini-app');
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const immutable = /\.[0-9a-f]{8,}\./.test(file);
    res.writeHead(200, {
      'content-type': type,
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    createReadStream(file).pipe(res);
  });
  const port = await listen(server, options.port ?? 0);
  return { url: `http://127.0.0.1:${port}`, stop: () => close(server) };
}
