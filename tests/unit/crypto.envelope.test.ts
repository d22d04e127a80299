import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Envelope, FileKeySource } from '../../functions/src/crypto/envelope';

const keyFile = join(mkdtempSync(join(tmpdir(), 'envelope-')), 'master.key');
writeFileSync(keyFile, randomBytes(32).toString('base64'));
const envelope = new Envelope(new FileKeySource(keyFile));

describe('envelope encryption of personal data', () => {
  it('round-trips a value and never contains the plaintext', async () => {
    const sealed = await envelope.seal('110105199003074210', 'identity:u1');
    expect(sealed).not.toContain('110105199003074210');
    expect(await envelope.open(sealed, 'identity:u1')).toBe('110105199003074210');
  });

  it('uses a fresh data key each time', async () => {
    expect(await envelope.seal('same', 'ctx')).not.toBe(await envelope.seal('same', 'ctx'));
  });

  it('refuses a value moved to another record', async () => {
    const sealed = await envelope.seal('secret', 'identity:u1');
    await expect(envelope.open(sealed, 'identity:u2')).rejects.toThrow();
  });

  it('refuses a tampered value', async () => {
    const sealed = await envelope.seal('secret', 'ctx');
    const parts = sealed.split('.');
    parts[4] = Buffer.from('tampered!').toString('base64url');
    await expect(envelope.open(parts.join('.'), 'ctx')).rejects.toThrow();
  });
});
