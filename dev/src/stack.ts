import { join } from 'node:path';
import { ensureTables } from './dynamodb-local';
import { startGateway } from './gateway';
import { ensureLocalSecrets } from './local-secrets';
import { type S3StandIn, startS3StandIn } from './s3-standin';
import { seedOfficers } from './seed-officers';
import { REPO_ROOT } from './serverless-manifest';
import { startStaticSite } from './static-server';
import { startWeChatStandIn, type WeChatStandIn } from './wechat-standin/server';
import { startWeChatPayStandIn, type WeChatPayStandIn } from './wechatpay-standin/server';

/**
 * The local stack minus the database process: WeChat stand-in, HTTP API with the real
 * handlers, the h5 app and the officers' console. `npm start` and the tests both use it;
 * only ports, table name and data folders differ.
 */
export interface StackOptions {
  dynamoEndpoint: string;
  tableName: string;
  secretsDir: string;
  /** Where the S3 stand-in keeps uploaded objects; in memory when absent (tests). */
  objectsDir?: string;
  ports?: Partial<Record<'api' | 'wechat' | 'wechatPay' | 'app' | 'console' | 'storage' | 'verify', number>>;
}

export interface Stack {
  apiUrl: string;
  appUrl: string;
  consoleUrl: string;
  /** The public QR-code verification page (no login). */
  verifyUrl: string;
  storageUrl: string;
  wechat: WeChatStandIn;
  storage: S3StandIn;
  wechatPay: WeChatPayStandIn;
  stop(): Promise<void>;
}

export const H5_DIST = join(REPO_ROOT, 'mini-app/dist/h5');
export const CONSOLE_DIST = join(REPO_ROOT, 'console/dist');
/** Plain HTML and JS, served as they are: no build step. */
export const VERIFY_PAGE_ROOT = join(REPO_ROOT, 'console/public-verify');
export const MATERIALS_BUCKET = 'minsheng-materials-local';

/** Configuration the handlers read, set the way serverless.yml sets it in the cloud. */
export function handlerEnvironment(
  options: StackOptions,
  urls: { wechat: string; storage: string; wechatPay: string; api: string; verify: string },
): Record<string, string> {
  const secrets = ensureLocalSecrets(options.secretsDir);
  const pay = secrets.payment;
  return {
    WECHATPAY_API_BASE: urls.wechatPay,
    WECHATPAY_MCHID: pay.mchid,
    WECHATPAY_MERCHANT_SERIAL: pay.merchantSerial,
    WECHATPAY_MERCHANT_PRIVATE_KEY: pay.merchantPrivateKeyPem,
    WECHATPAY_APIV3_KEY: pay.apiV3Key,
    // Both platform identities, as during a rotation: the stand-in may sign with either.
    WECHATPAY_PLATFORM_KEYS: JSON.stringify({
      [pay.platformCertSerial]: pay.platformCertPem,
      [pay.platformPublicKeyId]: pay.platformPublicKeyPem,
    }),
    WECHATPAY_NOTIFY_URL: `${urls.api}/payments/notify`,
    WECHATPAY_REFUND_NOTIFY_URL: `${urls.api}/payments/refund-notify`,
    // As in Lambda, the SDK takes credentials from the environment: here the stand-ins' key pair.
    AWS_ACCESS_KEY_ID: secrets.storageAccessKeyId,
    AWS_SECRET_ACCESS_KEY: secrets.storageSecretAccessKey,
    MATERIALS_BUCKET,
    STORAGE_ENDPOINT: urls.storage,
    TABLE_NAME: options.tableName,
    DYNAMODB_ENDPOINT: options.dynamoEndpoint,
    AWS_REGION: 'cn-north-1',
    WECHAT_API_BASE: urls.wechat,
    WECHAT_APPID: secrets.wechatAppId,
    WECHAT_SECRET: secrets.wechatAppSecret,
    SESSION_SIGNING_SECRET: secrets.sessionSigningSecret,
    ID_LOOKUP_KEY: secrets.idLookupKey,
    LOCAL_MASTER_KEY_FILE: secrets.masterKeyFile,
    QR_SIGNING_KEY_ID: secrets.qrSigningKeyId,
    QR_SIGNING_PRIVATE_KEY: secrets.qrSigningPrivateKeyPem,
    VERIFY_PAGE_URL: urls.verify,
  };
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const ports = options.ports ?? {};
  const secrets = ensureLocalSecrets(options.secretsDir);
  await ensureTables(options.dynamoEndpoint, () => options.tableName);

  const appSite = await startStaticSite({
    root: H5_DIST,
    port: ports.app,
    runtimeConfig: (hostname) => ({
      apiBaseUrl: `http://${hostname}:${apiPort}`,
      wechatStandInUrl: `http://${hostname}:${wechatPort}`,
      wechatPayStandInUrl: `http://${hostname}:${new URL(wechatPay.url).port}`,
    }),
  });
  const appPort = new URL(appSite.url).port;
  const wechat = await startWeChatStandIn({
    port: ports.wechat,
    appId: secrets.wechatAppId,
    appSecret: secrets.wechatAppSecret,
    allowedReturnOrigins: [`http://127.0.0.1:${appPort}`, `http://localhost:${appPort}`],
  });
  const wechatPort = new URL(wechat.url).port;
  const storage = await startS3StandIn({
    port: ports.storage,
    region: 'cn-north-1',
    accessKeyId: secrets.storageAccessKeyId,
    secretAccessKey: secrets.storageSecretAccessKey,
    buckets: [MATERIALS_BUCKET],
    objectsDir: options.objectsDir,
  });
  const pay = secrets.payment;
  const wechatPay = await startWeChatPayStandIn({
    port: ports.wechatPay,
    mchid: pay.mchid,
    appid: secrets.wechatAppId,
    merchantSerial: pay.merchantSerial,
    merchantPublicKeyPem: pay.merchantPublicKeyPem,
    apiV3Key: pay.apiV3Key,
    signers: {
      certificate: { serial: pay.platformCertSerial, privateKeyPem: pay.platformCertPrivateKeyPem },
      publicKey: { serial: pay.platformPublicKeyId, privateKeyPem: pay.platformPublicKeyPrivatePem },
    },
    allowedReturnOrigins: [`http://127.0.0.1:${appPort}`, `http://localhost:${appPort}`],
  });
  const verifySite = await startStaticSite({
    root: VERIFY_PAGE_ROOT,
    port: ports.verify,
    runtimeConfig: (hostname) => ({ apiBaseUrl: `http://${hostname}:${apiPort}` }),
  });
  // Handlers read configuration on first use; the notify URL needs the API's port, so the
  // gateway is bound first and the environment completed before any request.
  const gateway = await startGateway({ port: ports.api });
  const apiPort = new URL(gateway.url).port;
  Object.assign(
    process.env,
    handlerEnvironment(options, {
      wechat: wechat.url,
      storage: storage.url,
      wechatPay: wechatPay.url,
      api: gateway.url,
      verify: verifySite.url,
    }),
  );
  const consoleSite = await startStaticSite({
    root: CONSOLE_DIST,
    port: ports.console,
    runtimeConfig: (hostname) => ({ apiBaseUrl: `http://${hostname}:${apiPort}` }),
  });
  await seedOfficers();

  return {
    apiUrl: gateway.url,
    appUrl: appSite.url,
    consoleUrl: consoleSite.url,
    verifyUrl: verifySite.url,
    storageUrl: storage.url,
    wechat,
    storage,
    wechatPay,
    stop: async () => {
      await Promise.all([
        gateway.stop(),
        wechat.stop(),
        wechatPay.stop(),
        storage.stop(),
        appSite.stop(),
        consoleSite.stop(),
        verifySite.stop(),
      ]);
    },
  };
}
