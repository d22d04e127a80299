import { createHash, randomBytes } from 'node:crypto';
import { sha256, toBase64 } from '../../shared/src/applications/sha256';

const node = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const ours = (bytes: Uint8Array) => Buffer.from(sha256(bytes)).toString('hex');

it('matches the FIPS 180-4 examples', () => {
  expect(ours(new Uint8Array())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  expect(ours(Buffer.from('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
});

it('matches node:crypto at every length around the block and padding boundaries, and for a large file', () => {
  for (let length = 0; length <= 130; length++) {
    const bytes = randomBytes(length);
    expect(ours(bytes)).toBe(node(bytes));
  }
  const large = randomBytes(1024 * 1024 + 3);
  expect(ours(large)).toBe(node(large));
});

it('encodes base64 as Buffer does, padding included', () => {
  for (let length = 0; length <= 40; length++) {
    const bytes = randomBytes(length);
    expect(toBase64(bytes)).toBe(bytes.toString('base64'));
  }
});
