import Module from 'node:module';
import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

const sharedSource = path.resolve(__dirname, '../../shared/src');

/**
 * Work-around for the workspace install, which hoisted ajv-keywords@5 beside ajv@6 (it needs
 * ajv@8): webpack-dev-server, loaded by the h5 runner even for a build, then fails with
 * "Cannot find module 'ajv/dist/compile/codegen'". Node looks in NODE_PATH only after the
 * regular node_modules lookup fails, so adding the ajv@8 copy nested under schema-utils there
 * fixes exactly that lookup and nothing else. A no-op once the install is correct.
 */
function letAjvKeywordsFindAjv8(): void {
  const ajvKeywordsDir = path.dirname(require.resolve('ajv-keywords/package.json'));
  try {
    require.resolve('ajv/dist/compile/codegen', { paths: [ajvKeywordsDir] });
    return;
  } catch {
    // falls through to the work-around
  }
  const nested = path.join(path.dirname(require.resolve('schema-utils/package.json')), 'node_modules');
  try {
    require.resolve('ajv/dist/compile/codegen', { paths: [nested] });
  } catch {
    return;
  }
  process.env.NODE_PATH = [process.env.NODE_PATH, nested].filter(Boolean).join(path.delimiter);
  (Module as unknown as { _initPaths(): void })._initPaths();
}
letAjvKeywordsFindAjv8();

/**
 * Hand-written (`taro init` cannot fetch templates here). One build per platform:
 * `taro build --type h5` → dist/h5, `--type weapp` → dist/weapp.
 */
export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'minsheng-mini-app',
    date: '2025-01-01',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    // Taro only reads TARO_APP_* from .env files; this passes the shell variable through too.
    env: {
      TARO_APP_API_BASE: JSON.stringify(process.env.TARO_APP_API_BASE ?? 'https://api.example.gov.cn'),
    },
    // @minsheng/shared is TypeScript source outside src/: resolve it and let babel compile it.
    alias: { '@minsheng/shared': sharedSource },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      compile: { include: [sharedSource] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: [sharedSource] },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      // Taro splits only initial chunks on h5, so every lazily loaded page would carry its own
      // copy of zod and the Taro components; share them across pages instead.
      webpackChain(chain) {
        chain.optimization.splitChunks({ ...(chain.optimization.get('splitChunks') as object), chunks: 'all' });
      },
    },
  };
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});
