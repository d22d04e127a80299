import { MAX_FILE_NAME_LENGTH, normaliseFileName } from '@minsheng/shared';

it.each([
  ['户口簿.pdf', '户口簿.pdf'],
  ['../../etc/passwd', 'passwd'],
  ['C:\\Users\\张三\\扫描件.jpg', '扫描件.jpg'],
  ['invoice\u202Egpj.exe', 'invoicegpj.exe'],
  ['a\u0000b\u0007c\u200B.png', 'abc.png'],
  ['CON', '_CON'],
  ['nul.pdf', '_nul.pdf'],
  ['COM1.jpg', '_COM1.jpg'],
  ['console.pdf', 'console.pdf'],
  ['what?<x>.pdf', 'what__x_.pdf'],
  ['  .hidden.pdf. ', 'hidden.pdf'],
  ['\u202E', '材料'],
  ['e\u0301.pdf', '\u00e9.pdf'],
])('normalises %j to %j', (raw, expected) => {
  expect(normaliseFileName(raw)).toBe(expected);
});

it('bounds the length in characters and keeps the extension', () => {
  const name = normaliseFileName(`${'证'.repeat(500)}.pdf`);
  expect([...name]).toHaveLength(MAX_FILE_NAME_LENGTH);
  expect(name.endsWith('.pdf')).toBe(true);
});
