import { createPublicKey, generateKeyPairSync, verify as verifySignature } from 'node:crypto';
import { VALIDITY_UNKNOWN } from '@minsheng/shared';
import { qrSigner } from '../../functions/src/crypto/qr-keys';
import { ed25519Signer } from '../../functions/src/crypto/qr-signature';
import { type QrClaims, signQrToken } from '../../functions/src/crypto/qr-token';
import { verifiedCitizen } from '../support/cases';
import { startTestStack, type TestStack } from '../support/test-stack';
import { citizenWithCertificate, claimsOf, share, verify } from '../support/wallet';

/**
 * Verifiable QR codes: a short-lived token, signed with an asymmetric key whose public half is
 * published, disclosing only the fields the purpose needs. Anyone can verify it without
 * logging in; expired, tampered, revoked and foreign tokens are refused with the reason.
 */
let stack: TestStack;
let holder: Awaited<ReturnType<typeof citizenWithCertificate>>;
beforeAll(async () => {
  stack = await startTestStack();
  holder = await citizenWithCertificate(stack, '陈静');
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

const nowSeconds = () => Math.floor(Date.now() / 1000);
const reencode = (token: string, claims: unknown) => {
  const [version, , signature] = token.split('.');
  return `${version}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
};

describe('sharing a licence for a purpose', () => {
  it('discloses only the certificate number, the result and the validity for a criminal-record check', async () => {
    const shared = await share(stack, holder.token, 'criminal-record-certificate', 'criminal-record');
    expect(shared.status).toBe(201);
    const { token, expiresAt, verifyUrl, jti } = shared.body;
    expect(verifyUrl).toBe(`${stack.verifyUrl}/#token=${token}`);
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(4 * 60_000);
    expect(Date.parse(expiresAt) - Date.now()).toBeLessThanOrEqual(5 * 60_000);

    const bytes = Buffer.byteLength(token, 'utf8');
    console.log(
      `QR token (criminal-record): ${bytes} bytes; as a verification link: ${Buffer.byteLength(verifyUrl)} bytes`,
    );
    expect(bytes).toBeLessThan(600);

    const answer = await verify(stack, token);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      valid: true,
      licenceType: 'criminal-record-certificate',
      label: '无犯罪记录证明',
      purpose: 'criminal-record',
      purposeLabel: '无犯罪记录核验',
      fields: {
        证明编号: expect.stringMatching(/^XZ\d{8}[0-9A-F]{8}$/),
        查询结果: '未发现犯罪记录',
        有效期至: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      },
      issuedAt: expect.any(String),
      expiresAt,
    });
    // Nothing else travels in the token: no name, no ID number, no purpose of the query, no holder id.
    expect(Object.keys(claimsOf(token)).sort()).toEqual(['exp', 'f', 'iat', 'jti', 'kid', 'lic', 'pur']);
    expect(claimsOf(token).jti).toBe(jti);
    expect(JSON.stringify(claimsOf(token))).not.toMatch(/姓名|公民身份号码|用途|陈/);
  });

  it('gives a hotel the full name, a stable photo reference and the validity of the ID card as known (here: unknown)', async () => {
    const first = await share(stack, holder.token, 'resident-id-card', 'hotel-check-in');
    const second = await share(stack, holder.token, 'resident-id-card', 'hotel-check-in');
    expect(first.status).toBe(201);
    const bytes = Buffer.byteLength(first.body.token);
    console.log(`QR token (hotel-check-in): ${bytes} bytes`);
    expect(bytes).toBeLessThan(600);
    const answer = await verify(stack, first.body.token);
    expect(answer.body).toMatchObject({ valid: true, licenceType: 'resident-id-card', purposeLabel: '旅馆住宿登记' });
    expect(answer.body.fields).toEqual({
      姓名: '陈静',
      照片编号: expect.stringMatching(/^P[0-9A-F]{16}$/),
      有效期至: VALIDITY_UNKNOWN,
    });
    expect(claimsOf(second.body.token).f.照片编号).toBe(answer.body.fields?.照片编号);
    expect(second.body.jti).not.toBe(first.body.jti);
    expect(JSON.stringify(answer.body)).not.toContain(holder.idNumber);
  });

  it('shows the name and ID number masked for an identity check', async () => {
    const shared = await share(stack, holder.token, 'resident-id-card', 'identity-check');
    const answer = await verify(stack, shared.body.token);
    expect(answer.body.fields).toEqual({
      姓名: '陈*',
      公民身份号码: `${holder.idNumber.slice(0, 3)}${'*'.repeat(11)}${holder.idNumber.slice(-4)}`,
      有效期至: VALIDITY_UNKNOWN,
    });
  });

  it.each([
    ['a purpose the licence does not serve', 'resident-id-card', 'criminal-record', 400, 'SHARE_PURPOSE_NOT_ALLOWED'],
    ['a licence the citizen does not hold', 'passport', 'identity-check', 404, 'LICENCE_NOT_HELD'],
    ['a licence type that does not exist', 'library-card', 'identity-check', 404, 'LICENCE_NOT_HELD'],
    ['an unknown purpose', 'resident-id-card', 'nightclub', 400, 'VALIDATION_FAILED'],
  ])('refuses %s', async (_label, type, purpose, status, code) => {
    expect(await share(stack, holder.token, type, purpose)).toMatchObject({ status, body: { code } });
  });

  it('needs the holder to be logged in', async () => {
    expect((await stack.api('POST', '/wallet/resident-id-card/share', { purpose: 'identity-check' })).status).toBe(401);
  });
});

describe('verifying a token', () => {
  it('refuses a token whose disclosed fields were edited, and one whose signature was', async () => {
    const { token } = (await share(stack, holder.token, 'criminal-record-certificate', 'criminal-record')).body;
    const claims = claimsOf(token);
    const edited = reencode(token, { ...claims, f: { ...claims.f, 查询结果: '有犯罪记录' } });
    expect((await verify(stack, edited)).body).toEqual({
      valid: false,
      reason: 'tampered',
      message: expect.stringMatching(/篡改/),
    });
    const prolonged = reencode(token, { ...claims, exp: claims.exp + 86_400 });
    expect((await verify(stack, prolonged)).body).toMatchObject({ valid: false, reason: 'tampered' });
    const signature = token.split('.')[2] as string;
    const flipped = `${token.slice(0, -signature.length)}${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
    expect((await verify(stack, flipped)).body).toMatchObject({ valid: false, reason: 'tampered' });
  });

  it('refuses an expired token', async () => {
    const signer = qrSigner();
    const claims: QrClaims = {
      jti: 'expired-test-0001',
      kid: signer.kid,
      lic: 'criminal-record-certificate',
      pur: 'criminal-record',
      f: { 查询结果: '未发现犯罪记录' },
      iat: nowSeconds() - 600,
      exp: nowSeconds() - 300,
    };
    expect((await verify(stack, signQrToken(claims, signer))).body).toEqual({
      valid: false,
      reason: 'expired',
      message: expect.stringMatching(/过期/),
    });
  });

  it('refuses a revoked token; only its holder may revoke it, and revoking twice is harmless', async () => {
    const { token, jti } = (await share(stack, holder.token, 'resident-id-card', 'hotel-check-in')).body;
    const stranger = await verifiedCitizen(stack, '孙磊');
    expect(await stack.api('POST', `/wallet/tokens/${jti}/revoke`, undefined, stranger.token)).toMatchObject({
      status: 404,
      body: { code: 'SHARE_TOKEN_NOT_FOUND' },
    });
    expect((await verify(stack, token)).body).toMatchObject({ valid: true });

    expect((await stack.api('POST', `/wallet/tokens/${jti}/revoke`, undefined, holder.token)).status).toBe(204);
    expect((await stack.api('POST', `/wallet/tokens/${jti}/revoke`, undefined, holder.token)).status).toBe(204);
    expect((await verify(stack, token)).body).toEqual({
      valid: false,
      reason: 'revoked',
      message: expect.stringMatching(/撤销/),
    });
    expect((await stack.api('POST', '/wallet/tokens/no-such-token-id/revoke', undefined, holder.token)).status).toBe(
      404,
    );
  });

  it("does not let another citizen share someone else's certificate", async () => {
    const stranger = await verifiedCitizen(stack, '钱多');
    expect(await share(stack, stranger.token, 'criminal-record-certificate', 'criminal-record')).toMatchObject({
      status: 404,
      body: { code: 'LICENCE_NOT_HELD' },
    });
  });

  it('refuses a token signed by a key it does not publish, and one re-signed under our kid', async () => {
    const rogue = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const base: Omit<QrClaims, 'kid'> = {
      jti: 'forged-token-0001',
      lic: 'criminal-record-certificate',
      pur: 'criminal-record',
      f: { 查询结果: '未发现犯罪记录' },
      iat: nowSeconds(),
      exp: nowSeconds() + 300,
    };
    const foreign = signQrToken({ ...base, kid: 'rogue-1' }, ed25519Signer('rogue-1', rogue));
    expect((await verify(stack, foreign)).body).toEqual({
      valid: false,
      reason: 'unknown-key',
      message: expect.stringMatching(/不是由本平台签发/),
    });
    const ourKid = qrSigner().kid;
    const impostor = signQrToken({ ...base, kid: ourKid }, ed25519Signer(ourKid, rogue));
    expect((await verify(stack, impostor)).body).toMatchObject({ valid: false, reason: 'tampered' });
  });

  it.each([
    ['not a token at all', 'hello'],
    ['another version', 'v2.e30.AAAA'],
    ['a payload that is not JSON', `v1.${Buffer.from('not json').toString('base64url')}.AAAA`],
    ['claims of the wrong shape', `v1.${Buffer.from('{"jti":1}').toString('base64url')}.AAAA`],
  ])('answers "malformed" for %s', async (_label, token) => {
    expect(await verify(stack, token)).toMatchObject({
      status: 200,
      body: { valid: false, reason: 'malformed', message: expect.any(String) },
    });
  });

  it('answers 400 only for a malformed request', async () => {
    expect(await stack.api('POST', '/verify', {})).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(await stack.api('POST', '/verify', undefined, undefined, '{not json')).toMatchObject({
      status: 400,
      body: { code: 'MALFORMED_JSON' },
    });
  });
});

describe('the published keys', () => {
  it('let an independent verifier check a token with node:crypto alone', async () => {
    const keys = await stack.api<{
      keys: { kid: string; alg: string; kty: string; crv: string; x: string; pem: string }[];
    }>('GET', '/wallet/keys');
    expect(keys.status).toBe(200);
    const { token } = (await share(stack, holder.token, 'resident-id-card', 'identity-check')).body;
    // Read the token as any verifier would, from its documented layout, without our code.
    const [version, payload, signature] = token.split('.') as [string, string, string];
    const { kid, exp } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const published = keys.body.keys.find((k) => k.kid === kid);
    expect(published).toMatchObject({ alg: 'EdDSA', kty: 'OKP', crv: 'Ed25519' });
    const signedBytes = Buffer.from(`${version}.${payload}`);
    const fromJwk = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: published?.x }, format: 'jwk' });
    const fromPem = createPublicKey(published?.pem as string);
    expect(verifySignature(null, signedBytes, fromJwk, Buffer.from(signature, 'base64url'))).toBe(true);
    expect(verifySignature(null, signedBytes, fromPem, Buffer.from(signature, 'base64url'))).toBe(true);
    expect(exp).toBeGreaterThan(nowSeconds());
    // And an edited payload fails that same independent check.
    const edited = Buffer.from(`${version}.${payload.slice(0, -1)}${payload.endsWith('A') ? 'B' : 'A'}`);
    expect(verifySignature(null, edited, fromJwk, Buffer.from(signature, 'base64url'))).toBe(false);
    // Only public material is published.
    expect(JSON.stringify(keys.body)).not.toMatch(/PRIVATE|"d":/);
  });
});

describe('the public verification page', () => {
  it('is served by the local stack with the API origin in its runtime configuration', async () => {
    const page = await (await fetch(`${stack.verifyUrl}/`)).text();
    for (const id of ['verify-token-input', 'verify-submit', 'verify-result', 'verify-reason'])
      expect(page).toContain(`data-testid="${id}"`);
    const runtime = await (await fetch(`${stack.verifyUrl}/runtime-config.js`)).text();
    expect(runtime).toContain(`"apiBaseUrl":"http://127.0.0.1:${new URL(stack.apiUrl).port}"`);
    expect((await fetch(`${stack.verifyUrl}/verify.js`)).headers.get('content-type')).toMatch(/javascript/);
  });
});
