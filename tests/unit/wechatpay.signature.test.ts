import { createSign, generateKeyPairSync } from 'node:crypto';
import { generatePaymentKeys } from '../../dev/src/payment-keys';
import {
  checkWechatpaySignature,
  PlatformKeys,
  signedMessageFrom,
} from '../../functions/src/crypto/wechatpay-signature';

const keys = generatePaymentKeys();
const platform = new PlatformKeys({
  [keys.platformCertSerial]: keys.platformCertPem,
  [keys.platformPublicKeyId]: keys.platformPublicKeyPem,
});
const NOW = 1_800_000_000;
const sign = (privateKeyPem: string, ts: string, nonce: string, body: string) =>
  createSign('RSA-SHA256').update(`${ts}\n${nonce}\n${body}\n`).sign(privateKeyPem, 'base64');

const message = (
  overrides: Partial<{ serial: string; key: string; ts: string; body: string; signature: string }> = {},
) => {
  const ts = overrides.ts ?? String(NOW);
  const body = overrides.body ?? '{"id":"EV-1"}';
  return {
    timestamp: ts,
    nonce: 'abc',
    serial: overrides.serial ?? keys.platformPublicKeyId,
    signature:
      overrides.signature ?? sign(overrides.key ?? keys.platformPublicKeyPrivatePem, ts, 'abc', overrides.body ?? body),
    body,
  };
};

describe('WeChat Pay signature verification', () => {
  it('accepts both public-key mode and platform-certificate mode', () => {
    expect(checkWechatpaySignature(message(), platform, NOW)).toBeNull();
    expect(
      checkWechatpaySignature(
        message({ serial: keys.platformCertSerial, key: keys.platformCertPrivateKeyPem }),
        platform,
        NOW,
      ),
    ).toBeNull();
  });

  it('refuses a probe signature, a stale or future timestamp, an unknown serial, another key and a changed body', () => {
    expect(checkWechatpaySignature(message({ signature: 'WECHATPAY/SIGNTEST/abc' }), platform, NOW)).toBe('probe');
    expect(checkWechatpaySignature(message({ ts: String(NOW - 301) }), platform, NOW)).toBe('stale');
    expect(checkWechatpaySignature(message({ ts: String(NOW + 301) }), platform, NOW)).toBe('stale');
    expect(checkWechatpaySignature(message({ serial: 'PUB_KEY_ID_UNKNOWN' }), platform, NOW)).toBe('unknown-serial');
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
      type: 'pkcs8',
      format: 'pem',
    }) as string;
    expect(checkWechatpaySignature(message({ key: other }), platform, NOW)).toBe('bad-signature');
    expect(checkWechatpaySignature({ ...message(), body: '{"id":"EV-2"}' }, platform, NOW)).toBe('bad-signature');
    expect(checkWechatpaySignature({ body: '{}' }, platform, NOW)).toBe('missing');
  });

  it('reads the headers in any case', () => {
    expect(signedMessageFrom({ 'Wechatpay-Serial': 'S', 'wechatpay-timestamp': '1' }, 'b')).toMatchObject({
      serial: 'S',
      timestamp: '1',
      body: 'b',
    });
  });
});
