import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

/**
 * Key material for a local WeChat Pay merchant: the merchant's API key pair (we sign
 * requests, the stand-in verifies), the APIv3 key (notification resources), and two platform
 * signing identities (the stand-in signs responses and notifications, we verify): one in
 * platform-certificate mode (an X.509 certificate, identified by its serial) and one in the
 * newer public-key mode (identified by PUB_KEY_ID_…). Generated once per workstation.
 */
export interface PaymentKeys {
  mchid: string;
  merchantSerial: string;
  merchantPrivateKeyPem: string;
  merchantPublicKeyPem: string;
  apiV3Key: string;
  platformCertSerial: string;
  platformCertPrivateKeyPem: string;
  platformCertPem: string;
  platformPublicKeyId: string;
  platformPublicKeyPrivatePem: string;
  platformPublicKeyPem: string;
}

const rsaPair = () =>
  generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });

/** A self-signed certificate for the platform key, as WeChat Pay's platform certificates are X.509. */
function selfSignedCertificate(publicKeyPem: string, privateKeyPem: string, serialHex: string): string {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKeyPem);
  cert.serialNumber = serialHex;
  cert.validity.notBefore = new Date(Date.now() - 86400_000);
  cert.validity.notAfter = new Date(Date.now() + 5 * 365 * 86400_000);
  const attrs = [
    { name: 'commonName', value: 'Tenpay.com Root CA (local stand-in)' },
    { name: 'organizationName', value: 'Tenpay.com (local stand-in)' },
    { name: 'countryName', value: 'CN' },
  ];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.sign(forge.pki.privateKeyFromPem(privateKeyPem), forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}

export function generatePaymentKeys(): PaymentKeys {
  const merchant = rsaPair();
  const platformCert = rsaPair();
  const platformPublic = rsaPair();
  // Serials are upper-case hex, like WeChat Pay's; the leading nibble keeps them positive in DER.
  const platformCertSerial = `5${randomBytes(20).toString('hex').toUpperCase()}`.slice(0, 40);
  return {
    mchid: `19${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
    merchantSerial: `3${randomBytes(19).toString('hex').toUpperCase()}`,
    merchantPrivateKeyPem: merchant.privateKey,
    merchantPublicKeyPem: merchant.publicKey,
    apiV3Key: randomBytes(16).toString('hex'),
    platformCertSerial,
    platformCertPrivateKeyPem: platformCert.privateKey,
    platformCertPem: selfSignedCertificate(platformCert.publicKey, platformCert.privateKey, platformCertSerial),
    platformPublicKeyId: `PUB_KEY_ID_0${randomBytes(14).toString('hex').toUpperCase()}`,
    platformPublicKeyPrivatePem: platformPublic.privateKey,
    platformPublicKeyPem: platformPublic.publicKey,
  };
}
