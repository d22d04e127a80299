/**
 * Where the app finds its backend. The single place that knows the difference between
 * platforms:
 * - h5: read at run time from `window.__MINSHENG_CONFIG__`, which `/runtime-config.js`
 *   (served next to the build, loaded before the bundle) sets, so one build runs on any port;
 * - weapp: fixed at build time from `TARO_APP_API_BASE`.
 * No mock switch lives here: local stand-ins are separate servers reached through this URL.
 */
export interface AppConfig {
  apiBaseUrl: string;
  /** The local WeChat stand-in that plays login and face verification for h5. */
  wechatStandInUrl: string;
  /** The local WeChat Pay stand-in that plays the cashier (requestPayment) for h5. */
  wechatPayStandInUrl: string;
}

const DEFAULT_API_BASE = 'https://api.example.gov.cn';

const withoutTrailingSlash = (url: string): string => url.replace(/\/+$/, '');

export function getAppConfig(): AppConfig {
  if (process.env.TARO_ENV === 'h5') {
    const runtime = typeof window === 'undefined' ? undefined : window.__MINSHENG_CONFIG__;
    return {
      apiBaseUrl: withoutTrailingSlash(runtime?.apiBaseUrl ?? DEFAULT_API_BASE),
      wechatStandInUrl: withoutTrailingSlash(runtime?.wechatStandInUrl ?? ''),
      wechatPayStandInUrl: withoutTrailingSlash(runtime?.wechatPayStandInUrl ?? ''),
    };
  }
  return {
    apiBaseUrl: withoutTrailingSlash(process.env.TARO_APP_API_BASE || DEFAULT_API_BASE),
    wechatStandInUrl: '',
    wechatPayStandInUrl: '',
  };
}
