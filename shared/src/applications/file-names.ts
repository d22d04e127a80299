/**
 * File names of uploaded materials are shown to officers and offered as download names, so
 * they are normalised once, in the schema: no directories, no control, invisible or bidi
 * characters (a `‮` can make `gpj.exe` read as `exe.jpg`), no characters or device names
 * Windows refuses (CON, NUL, COM1 …), and a bounded length that keeps the extension.
 */
export const MAX_FILE_NAME_LENGTH = 120;
const FALLBACK_NAME = '材料';

/** Cc: C0/C1 controls; Cf: format characters (bidi embeddings and isolates, zero-width, BOM); line/paragraph separators. */
const INVISIBLE = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;
const WINDOWS_FORBIDDEN = /[<>:"|?*]/g;
const RESERVED_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\.|$)/i;

export function normaliseFileName(raw: string): string {
  const base = raw.normalize('NFC').split(/[\\/]/).pop() ?? '';
  let name = base
    .replace(INVISIBLE, '')
    .replace(WINDOWS_FORBIDDEN, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[. ]+/, '')
    .replace(/[. ]+$/, '');
  if (RESERVED_DEVICE.test(name)) name = `_${name}`;
  const chars = [...name];
  if (chars.length > MAX_FILE_NAME_LENGTH) {
    const dot = name.lastIndexOf('.');
    const extension = dot > 0 && name.length - dot <= 6 ? [...name.slice(dot)] : [];
    name = chars.slice(0, MAX_FILE_NAME_LENGTH - extension.length).join('') + extension.join('');
  }
  return name || FALLBACK_NAME;
}
