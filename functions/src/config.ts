import { secret } from './adapters/secrets';

/**
 * Everything that differs between the local stack and the cloud is read here, once per
 * container. Business logic never asks "am I local?"; it gets base URLs, names and keys.
 * Keys and secrets come from Secrets Manager (adapters/secrets), read when first used so a
 * function is given, and may read, only the secrets it uses.
 */
export interface Config {
  tableName: string;
  /** Only set locally (DynamoDB Local); in the cloud the SDK finds the regional endpoint. */
  dynamoEndpoint?: string;
  region: string;
  wechat: { apiBaseUrl: string; appId: string; appSecret: string };
  sessionSigningSecret: string;
  /** Key for the keyed hash of ID numbers, used for look-ups without decrypting. */
  idLookupKey: Buffer;
  /** Envelope encryption: a KMS key in the cloud, a local master key file on a workstation. */
  keySource: { kind: 'kms'; keyId: string } | { kind: 'file'; path: string };
  /** Object storage for uploaded materials: S3 in the cloud, the S3 stand-in locally. */
  storage: { bucket: string; endpoint?: string; uploadUrlTtlSeconds: number };
  officerSessionTtlSeconds: number;
  faceResultMaxAgeSeconds: number;
  verificationAttemptsPerDay: number;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** Officer logins one source address may attempt per minute, whatever the usernames (each costs a hash). */
  officerLoginsPerSourcePerMinute: number;
  /** Generous: many citizens share one address behind a carrier's NAT. */
  citizenLoginsPerSourcePerMinute: number;
  citizenLoginsPerUserPerHour: number;
  /** QR codes one citizen may mint per hour (each is a signed token and a stored record). */
  shareTokensPerUserPerHour: number;
  /** Public QR verifications per source address and minute. */
  verificationsPerSourcePerMinute: number;
  /** Live sessions (refresh-token families, one per device) per citizen; a newer login revokes the oldest. */
  sessionsPerUser: number;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Missing configuration ${name}`);
  return value;
}

const integer = (name: string, fallback: number): number => {
  const raw = process.env[name];
  return raw ? Number.parseInt(raw, 10) : fallback;
};

export const regionOf = (env: NodeJS.ProcessEnv = process.env): string => env.AWS_REGION || 'cn-north-1';

/**
 * The budget of every AWS SDK call (DynamoDB, KMS, S3, Secrets Manager), well inside the
 * function's timeout. Readable before the secrets are loaded: the Secrets
 * Manager client needs it too.
 */
export const dependencyTimeoutsOf = (): { connectMs: number; requestMs: number; maxAttempts: number } => ({
  connectMs: integer('DEPENDENCY_CONNECT_TIMEOUT_MS', 1000),
  requestMs: integer('DEPENDENCY_REQUEST_TIMEOUT_MS', 3000),
  maxAttempts: integer('DEPENDENCY_MAX_ATTEMPTS', 2),
});

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    tableName: required('TABLE_NAME'),
    dynamoEndpoint: env.DYNAMODB_ENDPOINT || undefined,
    region: regionOf(env),
    wechat: {
      apiBaseUrl: env.WECHAT_API_BASE || 'https://api.weixin.qq.com',
      appId: required('WECHAT_APPID'),
      get appSecret() {
        return secret('WECHAT_SECRET');
      },
    },
    get sessionSigningSecret() {
      return secret('SESSION_SIGNING_SECRET');
    },
    get idLookupKey() {
      return Buffer.from(secret('ID_LOOKUP_KEY'), 'base64');
    },
    keySource: env.KMS_KEY_ID
      ? { kind: 'kms', keyId: env.KMS_KEY_ID }
      : { kind: 'file', path: required('LOCAL_MASTER_KEY_FILE') },
    storage: {
      bucket: required('MATERIALS_BUCKET'),
      endpoint: env.STORAGE_ENDPOINT || undefined,
      uploadUrlTtlSeconds: integer('UPLOAD_URL_TTL_SECONDS', 600),
    },
    officerSessionTtlSeconds: integer('OFFICER_SESSION_TTL_SECONDS', 8 * 3600),
    faceResultMaxAgeSeconds: integer('FACE_RESULT_MAX_AGE_SECONDS', 600),
    verificationAttemptsPerDay: integer('VERIFICATION_ATTEMPTS_PER_DAY', 5),
    accessTokenTtlSeconds: integer('ACCESS_TOKEN_TTL_SECONDS', 900),
    refreshTokenTtlSeconds: integer('REFRESH_TOKEN_TTL_SECONDS', 30 * 24 * 3600),
    officerLoginsPerSourcePerMinute: integer('OFFICER_LOGINS_PER_SOURCE_PER_MINUTE', 30),
    citizenLoginsPerSourcePerMinute: integer('CITIZEN_LOGINS_PER_SOURCE_PER_MINUTE', 600),
    citizenLoginsPerUserPerHour: integer('CITIZEN_LOGINS_PER_USER_PER_HOUR', 30),
    shareTokensPerUserPerHour: integer('SHARE_TOKENS_PER_USER_PER_HOUR', 30),
    verificationsPerSourcePerMinute: integer('VERIFICATIONS_PER_SOURCE_PER_MINUTE', 120),
    sessionsPerUser: integer('SESSIONS_PER_USER', 5),
  };
}

let cached: Config | undefined;
/** The container's configuration, read on first use (not at import, so tests can set env first). */
export const config = (): Config => {
  cached ??= readConfig();
  return cached;
};

/** WeChat Pay API v3 merchant settings; platform keys by serial so a rotation can overlap. */
export interface WeChatPayConfig {
  apiBaseUrl: string;
  mchid: string;
  appId: string;
  merchantSerial: string;
  merchantPrivateKeyPem: string;
  apiV3Key: string;
  /** serial (certificate serial or PUB_KEY_ID_…) → public key or certificate PEM */
  platformKeys: Record<string, string>;
  notifyUrl: string;
  refundNotifyUrl: string;
  orderTtlMinutes: number;
}

let cachedPay: WeChatPayConfig | undefined;
/** Read on first use, so functions that never pay need no merchant settings. */
export const wechatPayConfig = (env: NodeJS.ProcessEnv = process.env): WeChatPayConfig => {
  cachedPay ??= {
    apiBaseUrl: env.WECHATPAY_API_BASE || 'https://api.mch.weixin.qq.com',
    mchid: required('WECHATPAY_MCHID'),
    appId: required('WECHAT_APPID'),
    merchantSerial: required('WECHATPAY_MERCHANT_SERIAL'),
    merchantPrivateKeyPem: secret('WECHATPAY_MERCHANT_PRIVATE_KEY'),
    apiV3Key: secret('WECHATPAY_APIV3_KEY'),
    platformKeys: JSON.parse(required('WECHATPAY_PLATFORM_KEYS')) as Record<string, string>,
    notifyUrl: required('WECHATPAY_NOTIFY_URL'),
    refundNotifyUrl: required('WECHATPAY_REFUND_NOTIFY_URL'),
    orderTtlMinutes: integer('PAYMENT_ORDER_TTL_MINUTES', 15),
  };
  return cachedPay;
};

/** The wallet's QR-token signing: only the wallet function is given the private key. */
export interface WalletConfig {
  /** Names the current key in tokens and in the published key set. */
  signingKeyId: string;
  /** PKCS#8 PEM; Ed25519 today (see crypto/qr-signature for the SM2 seam). */
  signingPrivateKeyPem: string;
  /** kid → SPKI PEM of retired keys still published, so tokens signed just before a rotation verify. */
  retiredPublicKeys: Record<string, string>;
  tokenTtlSeconds: number;
  /** The public verification page; the token travels in its fragment. */
  verifyPageUrl: string;
}

let cachedWallet: WalletConfig | undefined;
/** Read on first use, so functions that never sign need no signing key. */
export const walletConfig = (env: NodeJS.ProcessEnv = process.env): WalletConfig => {
  cachedWallet ??= {
    signingKeyId: required('QR_SIGNING_KEY_ID'),
    signingPrivateKeyPem: secret('QR_SIGNING_PRIVATE_KEY'),
    retiredPublicKeys: JSON.parse(env.QR_RETIRED_PUBLIC_KEYS || '{}') as Record<string, string>,
    tokenTtlSeconds: integer('QR_TOKEN_TTL_SECONDS', 300),
    verifyPageUrl: required('VERIFY_PAGE_URL'),
  };
  return cachedWallet;
};

/** The subscribe-message templates we send, by purpose. */
export type SubscribeTemplateKey = 'progress' | 'payment' | 'expiry';

export interface NotificationConfig {
  /**
   * Template ids from the mini-program's console. `longTerm`: the government mini-program holds
   * the long-term subscription for this template, so sends do not use up one-time accepts.
   */
  templates: Record<SubscribeTemplateKey, { templateId: string; longTerm: boolean }>;
  /** Which mini-program version a message opens: formal in production. */
  miniprogramState: 'formal' | 'trial' | 'developer';
  /** First retry after this many seconds, doubling each attempt (capped at an hour). */
  retryBaseSeconds: number;
  /** Attempts through WeChat before the message goes to the in-app message centre instead. */
  maxAttempts: number;
  /** How long a worker holds a claimed message before another may take it over. */
  leaseSeconds: number;
}

let cachedNotification: NotificationConfig | undefined;
/** Read on first use; local defaults stand in for the console's template ids. */
export const notificationConfig = (env: NodeJS.ProcessEnv = process.env): NotificationConfig => {
  if (cachedNotification) return cachedNotification;
  const longTerm = new Set((env.SUBSCRIBE_LONG_TERM_TEMPLATES ?? '').split(',').map((s) => s.trim()));
  const template = (key: SubscribeTemplateKey, fallback: string) => ({
    templateId: env[`SUBSCRIBE_TEMPLATE_${key.toUpperCase()}`] || fallback,
    longTerm: longTerm.has(key),
  });
  const state = env.SUBSCRIBE_MINIPROGRAM_STATE;
  cachedNotification = {
    templates: {
      progress: template('progress', 'local-progress-template'),
      payment: template('payment', 'local-payment-template'),
      expiry: template('expiry', 'local-expiry-template'),
    },
    miniprogramState: state === 'trial' || state === 'developer' ? state : 'formal',
    retryBaseSeconds: integer('NOTIFICATION_RETRY_BASE_SECONDS', 30),
    maxAttempts: integer('NOTIFICATION_MAX_ATTEMPTS', 8),
    leaseSeconds: integer('NOTIFICATION_LEASE_SECONDS', 60),
  };
  return cachedNotification;
};
