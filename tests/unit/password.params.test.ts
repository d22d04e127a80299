import { DUMMY_HASH, needsRehash, verifyPassword } from '../../functions/src/crypto/password';

describe('password hash parameters', () => {
  it('stores OWASP minimum scrypt parameters in the hash string', () => {
    expect(DUMMY_HASH.split('$').slice(0, 4)).toEqual(['scrypt', '131072', '8', '1']);
    expect(needsRehash(DUMMY_HASH)).toBe(false);
  });

  it('asks for a rehash of weaker parameters and refuses absurd or malformed ones without deriving', async () => {
    const salt = Buffer.alloc(16).toString('base64');
    const key = Buffer.alloc(32).toString('base64');
    expect(needsRehash(`scrypt$32768$8$1$${salt}$${key}`)).toBe(true);
    for (const stored of [`scrypt$${2 ** 30}$8$1$${salt}$${key}`, `scrypt$1000$8$1$${salt}$${key}`, 'bcrypt$x', '']) {
      expect(await verifyPassword('whatever-123', stored)).toBe(false);
    }
  });
});
