/**
 * On h5 the WeChat stand-in sends the browser back to a page with its answer in the URL.
 * It appends `?key=value` after the hash (`/#/pages/login/index?code=…`), which Taro's router
 * hands over as page params; a redirect that put them before the hash
 * (`/?code=…#/pages/login/index`) is read too, so either form works.
 */

/** The absolute h5 URL of an app page, for the stand-in to come back to. */
export function h5PageUrl(pagePath: string): string {
  const { origin, pathname } = window.location;
  return `${origin}${pathname}#/${pagePath.replace(/^\//, '')}`;
}

/** Reads one returned parameter from the router params, else from before the hash (h5 only). */
export function readReturnParam(routerParams: Record<string, string | undefined>, name: string): string | undefined {
  // Taro's h5 router hands params over still percent-encoded; the mini-program does too for scene-style values.
  const fromRouter = routerParams[name];
  if (fromRouter) return safeDecode(fromRouter);
  if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined') return undefined;
  return new URLSearchParams(window.location.search).get(name) ?? undefined;
}

/**
 * Drops a consumed answer from the address bar (h5 only), so reloading or going back does not
 * send a one-time code twice.
 */
export function forgetReturnParams(pagePath: string): void {
  if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined') return;
  window.history.replaceState(window.history.state, '', h5PageUrl(pagePath));
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
