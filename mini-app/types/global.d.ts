/// <reference types="@tarojs/taro" />

declare module '*.css';

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production';
    TARO_ENV: 'weapp' | 'swan' | 'alipay' | 'h5' | 'rn' | 'tt' | 'qq' | 'jd' | 'harmony' | 'jdrn';
    /** API origin for the mini-program build (h5 reads window.__MINSHENG_CONFIG__ instead). */
    TARO_APP_API_BASE?: string;
  }
}

interface MinshengRuntimeConfig {
  apiBaseUrl: string;
  wechatStandInUrl: string;
  /** The local WeChat Pay stand-in that plays the cashier for h5. */
  wechatPayStandInUrl: string;
}

interface Window {
  /** Set by /runtime-config.js, served next to the h5 build, so one build runs on any port. */
  __MINSHENG_CONFIG__?: Partial<MinshengRuntimeConfig>;
}
