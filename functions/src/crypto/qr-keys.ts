import { walletConfig } from '../config';
import {
  ed25519Signer,
  ed25519Verifier,
  ed25519VerifierFor,
  type TokenSigner,
  type TokenVerifier,
} from './qr-signature';

let signer: TokenSigner | undefined;
let verifiers: Map<string, TokenVerifier> | undefined;

/** The container's QR signing key, from configuration. */
export function qrSigner(): TokenSigner {
  const cfg = walletConfig();
  signer ??= ed25519Signer(cfg.signingKeyId, cfg.signingPrivateKeyPem);
  return signer;
}

/** Every key a token may be verified with: the current one and the retired ones still published. */
export function qrVerifiers(): ReadonlyMap<string, TokenVerifier> {
  if (!verifiers) {
    const cfg = walletConfig();
    verifiers = new Map(Object.entries(cfg.retiredPublicKeys).map(([kid, pem]) => [kid, ed25519Verifier(kid, pem)]));
    verifiers.set(cfg.signingKeyId, ed25519VerifierFor(cfg.signingKeyId, cfg.signingPrivateKeyPem));
  }
  return verifiers;
}
