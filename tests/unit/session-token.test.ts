import { signAccessToken, verifyAccessToken } from '../../functions/src/crypto/session-token';

const claims = { sub: 'u_1', role: 'citizen' as const, iat: 1000, exp: 2000 };

describe('access tokens', () => {
  it('verifies its own unexpired tokens', () => {
    expect(verifyAccessToken(signAccessToken(claims, 'k'), 'k', 1500)).toEqual(claims);
  });
  it('refuses expired tokens, other keys and edited claims', () => {
    const token = signAccessToken(claims, 'k');
    expect(verifyAccessToken(token, 'k', 2000)).toBeNull();
    expect(verifyAccessToken(token, 'other', 1500)).toBeNull();
    const [h, , s] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'u_2' })).toString('base64url');
    expect(verifyAccessToken(`${h}.${forged}.${s}`, 'k', 1500)).toBeNull();
    expect(verifyAccessToken('garbage', 'k', 1500)).toBeNull();
  });
});
