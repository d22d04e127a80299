import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatePaymentKeys, type PaymentKeys } from './payment-keys';

/**
 * Keys a workstation needs, generated once into a git-ignored folder: the local master key
 * (standing in for KMS), the ID look-up key, the session signing secret and the app secret
 * shared with the WeChat stand-in, and the wallet's QR signing key (Ed25519).
 */
export interface LocalSecrets {
  masterKeyFile: string;
  idLookupKey: string;
  sessionSigningSecret: string;
  wechatAppId: string;
  wechatAppSecret: string;
  storageAccessKeyId: string;
  storageSecretAccessKey: string;
  qrSigningKeyId: string;
  qrSigningPrivateKeyPem: string;
  payment: PaymentKeys;
}

export function ensureLocalSecrets(dir: string): LocalSecrets {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const masterKeyFile = join(dir, 'master.key');
  if (!existsSync(masterKeyFile)) writeFileSync(masterKeyFile, randomBytes(32).toString('base64'), { mode: 0o600 });
  const file = join(dir, 'secrets.json');
  const existing = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const fresh = {
    idLookupKey: randomBytes(32).toString('base64'),
    sessionSigningSecret: randomBytes(32).toString('base64url'),
    wechatAppId: 'wx5e1f0c0ffee0local',
    wechatAppSecret: randomBytes(16).toString('hex'),
    storageAccessKeyId: `LOCAL${randomBytes(8).toString('hex').toUpperCase()}`,
    storageSecretAccessKey: randomBytes(24).toString('base64url'),
    // A short kid: it is inside every QR token.
    qrSigningKeyId: `local-${randomBytes(3).toString('hex')}`,
    qrSigningPrivateKeyPem: generateKeyPairSync('ed25519')
      .privateKey.export({ format: 'pem', type: 'pkcs8' })
      .toString(),
  };
  // Keys added by later versions are generated; existing ones are never replaced.
  const merged = { ...fresh, ...existing };
  merged.payment ??= generatePaymentKeys();
  if (Object.keys(merged).length !== Object.keys(existing).length)
    writeFileSync(file, JSON.stringify(merged, null, 2), { mode: 0o600 });
  return { masterKeyFile, ...merged };
}
