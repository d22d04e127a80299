import { contentMatchesType, SIGNATURE_BYTES } from '../../functions/src/domain/material-content';

const bytes = (...values: number[]) => Uint8Array.from(values);
const JPEG = bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46);
const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
const PDF = Uint8Array.from(Buffer.from('%PDF-1.7'));
const EXE = Uint8Array.from(Buffer.from('MZ\x90\x00\x03\x00\x00\x00'));

it.each([
  ['a JPEG', JPEG, 'image/jpeg', true],
  ['a PNG', PNG, 'image/png', true],
  ['a PDF', PDF, 'application/pdf', true],
  ['an MZ executable declared as PDF', EXE, 'application/pdf', false],
  ['a PNG declared as JPEG', PNG, 'image/jpeg', false],
  ['a PDF declared as PNG', PDF, 'image/png', false],
  ['an empty file', new Uint8Array(), 'application/pdf', false],
  ['a type we do not take', PDF, 'text/html', false],
])('%s', (_label, first, type, expected) => {
  expect(contentMatchesType(first as Uint8Array, type as string)).toBe(expected);
});

it('reads as many bytes as the longest signature', () => {
  expect(SIGNATURE_BYTES).toBe(8);
});
