import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { awsClientOptions } from './aws-client-options';

/**
 * Keys and app secrets come from AWS Secrets Manager, read once per container at cold start —
 * never from environment values baked into the template. A function's environment only names
 * the secrets it may read (`SECRET_ID_<NAME>` = the secret's name or ARN), and its IAM role
 * may read exactly those. Locally the same client reads the Secrets Manager stand-in
 * (`SECRETS_MANAGER_ENDPOINT`).
 */
export const SECRET_NAMES = [
  'WECHAT_SECRET',
  'SESSION_SIGNING_SECRET',
  'ID_LOOKUP_KEY',
  'WECHATPAY_MERCHANT_PRIVATE_KEY',
  'WECHATPAY_APIV3_KEY',
  'QR_SIGNING_PRIVATE_KEY',
] as const;
export type SecretName = (typeof SECRET_NAMES)[number];

/** The environment variable naming where a secret is kept. */
export const secretIdVariable = (name: SecretName): string => `SECRET_ID_${name}`;

let loading: Promise<void> | undefined;
let values: Map<SecretName, string> | undefined;

/**
 * Fetches every secret this function's environment names, once per container; concurrent
 * callers share the one fetch, and a failed fetch is retried by the next call.
 * @throws when a named secret cannot be read (the function cannot work without it)
 */
export function loadSecrets(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  loading ??= fetchAll(env).then(
    (fetched) => {
      values = fetched;
    },
    (error) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

async function fetchAll(env: NodeJS.ProcessEnv): Promise<Map<SecretName, string>> {
  const named = SECRET_NAMES.flatMap((name) => {
    const secretId = env[secretIdVariable(name)];
    return secretId ? [[name, secretId] as const] : [];
  });
  if (!named.length) return new Map();
  const client = new SecretsManagerClient(awsClientOptions(env.SECRETS_MANAGER_ENDPOINT || undefined));
  const entries = await Promise.all(
    named.map(async ([name, secretId]) => {
      const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
      if (!SecretString) throw new Error(`Secret for ${name} has no string value`);
      return [name, SecretString] as const;
    }),
  );
  return new Map(entries);
}

/**
 * One secret, after loadSecrets() has run.
 * @throws when secrets were not loaded, or this function's environment does not name the secret
 */
export function secret(name: SecretName): string {
  if (!values) throw new Error('Secrets not loaded: the handler must await loadSecrets() at cold start');
  const value = values.get(name);
  if (!value) throw new Error(`Missing secret ${name} (set ${secretIdVariable(name)})`);
  return value;
}

/** Wraps a scheduled or event handler so the container's secrets are loaded before it runs. */
export const withSecrets =
  <A extends unknown[], R>(handler: (...args: A) => Promise<R>) =>
  async (...args: A): Promise<R> => {
    await loadSecrets();
    return handler(...args);
  };
