/** Set by /runtime-config.js, which the server that hosts the console answers before the bundle runs. */
interface MinshengRuntimeConfig {
  apiBaseUrl?: string;
}

interface Window {
  __MINSHENG_CONFIG__?: MinshengRuntimeConfig;
}
