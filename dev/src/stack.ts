import { join } from 'node:path';
import { loadSecrets, SECRET_NAMES, type SecretName, secretIdVariable } from '../../functions/src/adapters/secrets';
import { ensureTables } from './dynamodb-local';
import { startGateway } from './gateway';
import { ensureLocalSecrets, type LocalSecrets } from './local-secrets';
import { type S3StandIn, startS3StandIn } from './s3-standin';
import { type SecretsManagerStandIn, startSecretsManagerStandIn } from './secrets-manager-standin';
import { seedOfficers } from './seed-officers';
import { corsSettings, REPO_ROOT } from './serverless-manifest';
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
  ports?: Partial<
    Record<'api' | 'wechat' | 'wechatPay' | 'app' | 'console' | 'storage' | 'verify' | 'secretsManager', number>
  >;
}

export interface Stack {
  apiUrl: string;
  appUrl: string;
  consoleUrl: string;
  /** The public QR-code verification page (no login). */
  verifyUrl: string;
  storageUrl: string;
  secretsManager: SecretsManagerStandIn;
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

/** Where the local Secrets Manager keeps each secret the functions read (see adapters/secrets). */
export const LOCAL_SECRET_IDS: Record<SecretName, string> = {
  WECHAT_SECRET: 'minsheng-local/wechat-secret',
  SESSION_SIGNING_SECRET: 'minsheng-local/session-signing-secret',
  ID_LOOKUP_KEY: 'minsheng-local/id-lookup-key',
  WECHATPAY_MERCHANT_PRIVATE_KEY: 'minsheng-local/wechatpay-merchant-private-key',
  WECHATPAY_APIV3_KEY: 'minsheng-local/wechatpay-apiv3-key',
  QR_SIGNING_PRIVATE_KEY: 'minsheng-local/qr-signing-private-key',
};

/** The Secrets Manager stand-in's contents: the workstation's secrets from .data/secrets. */
function localSecretValues(secrets: LocalSecrets): Record<string, string> {
  const values: Record<SecretName, string> = {
    WECHAT_SECRET: secrets.wechatAppSecret,
    SESSION_SIGNING_SECRET: secrets.sessionSigningSecret,
    ID_LOOKUP_KEY: secrets.idLookupKey,
    WECHATPAY_MERCHANT_PRIVATE_KEY: secrets.payment.merchantPrivateKeyPem,
    WECHATPAY_APIV3_KEY: secrets.payment.apiV3Key,
    QR_SIGNING_PRIVATE_KEY: secrets.qrSigningPrivateKeyPem,
  };
  return Object.fromEntries(SECRET_NAMES.map((name) => [LOCAL_SECRET_IDS[name], values[name]]));
}

/**
 * Configuration the handlers read, set the way serverless.yml sets it in the cloud: names,
 * URLs and public keys; secrets only by their Secrets Manager id.
 */
export function handlerEnvironment(
  options: StackOptions,
  urls: { wechat: string; storage: string; wechatPay: string; api: string; verify: string; secretsManager: string },
): Record<string, string> {
  const secrets = ensureLocalSecrets(options.secretsDir);
  const pay = secrets.payment;
  return {
    WECHATPAY_API_BASE: urls.wechatPay,
    WECHATPAY_MCHID: pay.mchid,
    WECHATPAY_MERCHANT_SERIAL: pay.merchantSerial,
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
    SECRETS_MANAGER_ENDPOINT: urls.secretsManager,
    ...Object.fromEntries(SECRET_NAMES.map((name) => [secretIdVariable(name), LOCAL_SECRET_IDS[name]])),
    WECHAT_API_BASE: urls.wechat,
    WECHAT_APPID: secrets.wechatAppId,
    LOCAL_MASTER_KEY_FILE: secrets.masterKeyFile,
    QR_SIGNING_KEY_ID: secrets.qrSigningKeyId,
    VERIFY_PAGE_URL: urls.verify,
  };
}

/** A site's origins as a browser may name them: by 127.0.0.1 and by localhost. */
const siteOrigins = (sites: { url: string }[]): string[] =>
  sites.flatMap(({ url }) => {
    const { port } = new URL(url);
    return [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
  });

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
    // Material uploads go straight to object storage with presigned URLs.
    connectTo: () => [storage.url],
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
  const secretsManager = await startSecretsManagerStandIn({
    port: ports.secretsManager,
    region: 'cn-north-1',
    accessKeyId: secrets.storageAccessKeyId,
    secretAccessKey: secrets.storageSecretAccessKey,
    secrets: localSecretValues(secrets),
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
  const consoleSite = await startStaticSite({
    root: CONSOLE_DIST,
    port: ports.console,
    runtimeConfig: (hostname) => ({ apiBaseUrl: `http://${hostname}:${apiPort}` }),
  });
  // Handlers read configuration on first use; the notify URL needs the API's port, so the
  // gateway is bound first and the environment completed before any request. Browsers may
  // call it from the sites served here only, as ALLOWED_ORIGINS limits it in the cloud.
  const gateway = await startGateway({
    port: ports.api,
    cors: corsSettings(undefined, { ALLOWED_ORIGINS: siteOrigins([appSite, consoleSite, verifySite]).join(',') }),
  });
  const apiPort = new URL(gateway.url).port;
  Object.assign(
    process.env,
    handlerEnvironment(options, {
      wechat: wechat.url,
      storage: storage.url,
      wechatPay: wechatPay.url,
      api: gateway.url,
      verify: verifySite.url,
      secretsManager: secretsManager.url,
    }),
  );
  // The cold start every function makes, made here too: the seeds below share this process.
  await loadSecrets();
  await seedOfficers();

  return {
    apiUrl: gateway.url,
    appUrl: appSite.url,
    consoleUrl: consoleSite.url,
    verifyUrl: verifySite.url,
    storageUrl: storage.url,
    secretsManager,
    wechat,
    storage,
    wechatPay,
    stop: async () => {
      await Promise.all([
        gateway.stop(),
        wechat.stop(),
        wechatPay.stop(),
        storage.stop(),
        secretsManager.stop(),
        appSite.stop(),
        consoleSite.stop(),
        verifySite.stop(),
      ]);
    },
  };
}
