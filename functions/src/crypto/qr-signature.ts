import { createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import type { PublishedKey } from '@minsheng/shared';

/**
 * The asymmetric signature behind the wallet's QR tokens, kept behind two tiny interfaces so
 * the algorithm is a configuration choice (密评, GB/T 39786): Ed25519 today — small keys and
 * 64-byte signatures, which keep the QR code small; an SM2-with-SM3 signer (or one backed by
 * a KMS key that never leaves the HSM) implements the same two interfaces.
 */
export interface TokenSigner {
  readonly kid: string;
  sign(message: Buffer): Buffer;
}

export interface TokenVerifier {
  readonly kid: string;
  /** Never throws: a signature of the wrong length or shape is simply not valid. */
  verify(message: Buffer, signature: Buffer): boolean;
  /** The public half, as published at GET /wallet/keys. */
  published(): PublishedKey;
}

function ed25519Key(key: KeyObject, what: string): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${what} is not an Ed25519 key`);
  return key;
}

export function ed25519Signer(kid: string, privateKeyPem: string): TokenSigner {
  const key = ed25519Key(createPrivateKey(privateKeyPem), `QR signing key ${kid}`);
  // Ed25519 hashes internally: node:crypto takes `null` as the digest.
  return { kid, sign: (message) => sign(null, message, key) };
}

export function ed25519Verifier(kid: string, publicKeyPemOrPrivate: string | KeyObject): TokenVerifier {
  const key = ed25519Key(createPublicKey(publicKeyPemOrPrivate), `QR verifying key ${kid}`);
  const jwk = key.export({ format: 'jwk' }) as { kty: string; crv: string; x: string };
  const pem = key.export({ format: 'pem', type: 'spki' }).toString();
  return {
    kid,
    verify: (message, signature) => {
      if (signature.length !== 64) return false;
      try {
        return verify(null, message, key, signature);
      } catch {
        return false;
      }
    },
    published: () => ({ kid, alg: 'EdDSA', use: 'sig', kty: jwk.kty, crv: jwk.crv, x: jwk.x, pem }),
  };
}

/** The verifier of the current signing key, derived from its private half. */
export const ed25519VerifierFor = (kid: string, privateKeyPem: string): TokenVerifier =>
  ed25519Verifier(kid, createPrivateKey(privateKeyPem));
