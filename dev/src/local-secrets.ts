import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Keys a workstation needs, generated once into a git-ignored folder: the local master key
 * (standing in for KMS), the ID look-up key, the session signing secret and the app secret
 * shared with the WeChat stand-in.
 */
export interface LocalSecrets {
  masterKeyFile: string;
  idLookupKey: string;
  sessionSigningSecret: string;
  wechatAppId: string;
  wechatAppSecret: string;
}

export function ensureLocalSecrets(dir: string): LocalSecrets {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const masterKeyFile = join(dir, 'master.key');
  if (!existsSync(masterKeyFile)) writeFileSync(masterKeyFile, randomBytes(32).toString('base64'), { mode: 0o600 });
  const file = join(dir, 'secrets.json');
  if (!existsSync(file)) {
    const fresh = {
      idLookupKey: randomBytes(32).toString('base64'),
      sessionSigningSecret: randomBytes(32).toString('base64url'),
      wechatAppId: 'wx5e1f0c0ffee0local',
      wechatAppSecret: randomBytes(16).toString('hex'),
    };
    writeFileSync(file, JSON.stringify(fresh, null, 2), { mode: 0o600 });
  }
  return { masterKeyFile, ...JSON.parse(readFileSync(file, 'utf8')) };
}
