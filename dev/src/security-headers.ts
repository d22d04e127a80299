import { createHash } from 'node:crypto';

/**
 * Browser security headers for the web apps we serve (h5 app, officers' console, verification
 * page). serverless.yml carries the same policy for the deploy (AppResponseHeadersPolicy);
 * keep the two in step.
 */

/** The origin of a URL, or undefined for anything that is not an absolute http(s) URL. */
function originOf(value: string): string | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/** `'sha256-…'` sources for the inline scripts of an HTML page (Taro's h5 template has one). */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)) {
    const body = m[1] as string;
    if (body.trim()) hashes.push(`'sha256-${createHash('sha256').update(body).digest('base64')}'`);
  }
  return hashes;
}

/**
 * The Content-Security-Policy: scripts only from the app's own origin (plus the hashed inline
 * scripts of the page), requests only to the origins the app is configured to call (API,
 * object storage), inline styles allowed (Taro and React set style attributes), images also as
 * data: URLs (QR codes), forms posted only to those origins, and the app never framed.
 */
export function contentSecurityPolicy(options: { connectTo: string[]; inlineScripts?: string[] }): string {
  const connect = [...new Set(options.connectTo.map(originOf).filter((o): o is string => !!o))];
  return [
    "default-src 'self'",
    `script-src 'self'${(options.inlineScripts ?? []).map((h) => ` ${h}`).join('')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${connect.map((o) => ` ${o}`).join('')}`,
    "object-src 'none'",
    "base-uri 'none'",
    // The h5 build posts to the WeChat stand-in's pages (face check) where weapp calls wx APIs.
    `form-action 'self'${connect.map((o) => ` ${o}`).join('')}`,
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The headers every response of a web app carries, whatever its type. */
export const STATIC_SECURITY_HEADERS: Record<string, string> = {
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};
