// Builds the officers' console: one minified JS and one CSS file, named by a hash of their
// content, and an index.html that loads /runtime-config.js (served by whoever serves dist/,
// so one build runs against any API origin) before the bundle.
//
//   node console/build.mjs
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const CONSOLE_DIR = dirname(fileURLToPath(import.meta.url));
const SHARED_SRC = resolve(CONSOLE_DIR, '../shared/src');
export const CONSOLE_DIST = join(CONSOLE_DIR, 'dist');

// Hex content hashes (not esbuild's base32 [hash]) so the static server recognises the files
// as immutable (`/\.[0-9a-f]{8,}\./`).
const contentHash = (contents) => createHash('sha256').update(contents).digest('hex').slice(0, 12);

const escapeHtml = (text) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

function indexHtml({ script, stylesheet }) {
  const title = escapeHtml('民生警务 · 民警工作台');
  return `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width,initial-scale=1">
  <meta name="referrer" content="no-referrer">
  <link rel="icon" href="data:,">
  <title>${title}</title>
  ${stylesheet ? `<link rel="stylesheet" href="/${stylesheet}">` : ''}
</head>
<body>
  <div id="root"><p style="padding:32px;font-size:16px">正在加载民警工作台…</p></div>
  <noscript>民警工作台需要启用 JavaScript。</noscript>
  <script src="/runtime-config.js"></script>
  <script src="/${script}"></script>
</body>
</html>
`;
}

/** Builds into console/dist and returns the written file names. Throws when esbuild reports errors. */
export async function buildConsole({ outdir = CONSOLE_DIST } = {}) {
  const result = await build({
    entryPoints: { app: join(CONSOLE_DIR, 'src/main.tsx') },
    outdir,
    bundle: true,
    minify: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: ['chrome100', 'edge100', 'firefox100', 'safari15'],
    jsx: 'automatic',
    charset: 'utf8',
    legalComments: 'none',
    alias: { '@minsheng/shared': SHARED_SRC },
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });

  mkdirSync(outdir, { recursive: true });
  for (const old of readdirSync(outdir)) {
    if (/^app\.[0-9a-f]+\.(js|css)$/.test(old) || old === 'index.html') rmSync(join(outdir, old));
  }

  const written = {};
  for (const file of result.outputFiles) {
    const ext = extname(file.path);
    const name = `${basename(file.path, ext)}.${contentHash(file.contents)}${ext}`;
    writeFileSync(join(outdir, name), file.contents);
    if (ext === '.js') written.script = name;
    if (ext === '.css') written.stylesheet = name;
  }
  if (!written.script) throw new Error('esbuild produced no JavaScript bundle');
  writeFileSync(join(outdir, 'index.html'), indexHtml(written));
  return written;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const written = await buildConsole();
  console.log(`console built in ${Date.now() - started} ms: ${Object.values(written).join(', ')}, index.html`);
}
