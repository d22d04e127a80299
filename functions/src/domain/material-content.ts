import type { UPLOAD_CONTENT_TYPES } from '@minsheng/shared';

/**
 * What a stored material really is, from its first bytes: the declared content type is the
 * uploader's claim, the signature is the file's. An `MZ` executable declared as a PDF is
 * refused here, before an officer ever opens it.
 */
const SIGNATURES: Record<(typeof UPLOAD_CONTENT_TYPES)[number], number[]> = {
  'image/jpeg': [0xff, 0xd8, 0xff],
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
};

/** Bytes to read from storage to decide (the longest signature). */
export const SIGNATURE_BYTES = Math.max(...Object.values(SIGNATURES).map((s) => s.length));

export function contentMatchesType(firstBytes: Uint8Array, contentType: string): boolean {
  const signature = SIGNATURES[contentType as keyof typeof SIGNATURES];
  return Boolean(signature) && signature.every((byte, i) => firstBytes[i] === byte);
}
