import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DecryptCommand, GenerateDataKeyCommand, KMSClient, type KMSClientConfig } from '@aws-sdk/client-kms';

/**
 * Envelope encryption for personal data at rest: each value is sealed with a fresh data
 * key, and the data key is stored wrapped by a master key (KMS in the cloud, a key file on
 * a workstation). The cipher is AES-256-GCM today; the sealed format carries a version so
 * an SM4 implementation (GB/T 39786) can be added as another version.
 */
export interface DataKeySource {
  generate(): Promise<{ plaintext: Buffer; wrapped: Buffer }>;
  unwrap(wrapped: Buffer): Promise<Buffer>;
}

const gcmSeal = (key: Buffer, plaintext: Buffer, aad: string) => {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, tag: cipher.getAuthTag(), body };
};

const gcmOpen = (key: Buffer, iv: Buffer, tag: Buffer, body: Buffer, aad: string): Buffer => {
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]);
};

/** A master key kept in a local file (32 random bytes, base64). For workstations and tests. */
export class FileKeySource implements DataKeySource {
  private readonly master: Buffer;
  constructor(path: string) {
    this.master = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
    if (this.master.length !== 32) throw new Error('Local master key must be 32 bytes (base64)');
  }
  async generate() {
    const plaintext = randomBytes(32);
    const { iv, tag, body } = gcmSeal(this.master, plaintext, 'data-key');
    return { plaintext, wrapped: Buffer.concat([iv, tag, body]) };
  }
  async unwrap(wrapped: Buffer) {
    return gcmOpen(this.master, wrapped.subarray(0, 12), wrapped.subarray(12, 28), wrapped.subarray(28), 'data-key');
  }
}

export class KmsKeySource implements DataKeySource {
  private readonly kms: KMSClient;
  constructor(
    private readonly keyId: string,
    clientOptions: KMSClientConfig = {},
  ) {
    this.kms = new KMSClient(clientOptions);
  }
  async generate() {
    const out = await this.kms.send(new GenerateDataKeyCommand({ KeyId: this.keyId, KeySpec: 'AES_256' }));
    if (!out.Plaintext || !out.CiphertextBlob) throw new Error('KMS returned no data key');
    return { plaintext: Buffer.from(out.Plaintext), wrapped: Buffer.from(out.CiphertextBlob) };
  }
  async unwrap(wrapped: Buffer) {
    const out = await this.kms.send(new DecryptCommand({ CiphertextBlob: wrapped, KeyId: this.keyId }));
    if (!out.Plaintext) throw new Error('KMS returned no plaintext');
    return Buffer.from(out.Plaintext);
  }
}

const b64 = (b: Buffer) => b.toString('base64url');
const unb64 = (s: string) => Buffer.from(s, 'base64url');

export class Envelope {
  constructor(private readonly keys: DataKeySource) {}

  /** Seals `plaintext`; `context` (e.g. the record key) is bound as AAD so a value cannot be moved. */
  async seal(plaintext: string, context: string): Promise<string> {
    const { plaintext: dataKey, wrapped } = await this.keys.generate();
    const { iv, tag, body } = gcmSeal(dataKey, Buffer.from(plaintext, 'utf8'), context);
    dataKey.fill(0);
    return ['v1', b64(wrapped), b64(iv), b64(tag), b64(body)].join('.');
  }

  /** @throws Error when the value was tampered with or sealed under another context. */
  async open(sealed: string, context: string): Promise<string> {
    const [version, wrapped, iv, tag, body] = sealed.split('.');
    if (version !== 'v1' || !wrapped || !iv || !tag || !body) throw new Error('Unknown sealed format');
    const dataKey = await this.keys.unwrap(unb64(wrapped));
    try {
      return gcmOpen(dataKey, unb64(iv), unb64(tag), unb64(body), context).toString('utf8');
    } finally {
      dataKey.fill(0);
    }
  }
}
