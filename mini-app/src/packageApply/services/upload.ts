import Taro from '@tarojs/taro';
import { requestUploadTicket } from '../../services/applications';
import { ApiError } from '../../services/request';
import {
  type MaterialRef,
  normaliseFileName,
  sha256,
  toBase64,
  UPLOAD_CONTENT_TYPES,
  UploadRequest,
  type UploadTicket,
} from '../../shared';

/**
 * Material uploads: check the file on the device, ask the API for a presigned URL
 * (POST /uploads), then PUT the bytes straight to storage with exactly the ticket's headers.
 */

/** A file the citizen picked, from either platform. */
export interface PickedFile {
  name: string;
  size: number;
  /** '' when neither the platform nor the extension tells. */
  contentType: string;
  source: { kind: 'h5'; file: Blob } | { kind: 'weapp'; path: string };
}

export type UploadedRef = Extract<MaterialRef, { kind: 'upload' }>;

/** The `accept` list for h5's file input, from the types the API takes. */
export const ACCEPT = UPLOAD_CONTENT_TYPES.join(',');

const BY_EXTENSION: Record<string, (typeof UPLOAD_CONTENT_TYPES)[number]> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  pdf: 'application/pdf',
};

/** The content type from the platform's answer, else from the file name's extension. */
export function contentTypeOf(name: string, reported?: string): string {
  if (reported && (UPLOAD_CONTENT_TYPES as readonly string[]).includes(reported)) return reported;
  const extension = name.split('.').pop()?.toLowerCase() ?? '';
  return BY_EXTENSION[extension] ?? reported ?? '';
}

/** The name the API will store (the same normalisation, so the citizen sees what the officer sees). */
export const fileNameFor = (name: string): string => normaliseFileName(name);

/** The Chinese reason a file cannot be uploaded (type, size), or null. Same rules as the API. */
export function checkFile(file: PickedFile): string | null {
  if (file.size === 0) return '文件是空的，请重新选择';
  const parsed = UploadRequest.safeParse({
    applicationId: 'check',
    materialKey: 'check',
    fileName: fileNameFor(file.name),
    // The checksum is computed from the bytes later; a well-formed stand-in lets the rest be checked now.
    sha256: 'A'.repeat(43).concat('='),
    contentType: file.contentType,
    size: file.size,
  });
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? '无法上传该文件');
}

const UPLOAD_FAILED = '文件上传失败，请检查网络后重新上传';

/**
 * The file's bytes, read once: hashed for the ticket, then sent as they were hashed. h5
 * reads the Blob; weapp reads the temp file through the FileSystemManager.
 */
async function readBytes(file: PickedFile): Promise<ArrayBuffer> {
  const unreadable = () => new ApiError(0, 'UPLOAD_FAILED', '无法读取所选文件，请重新选择');
  if (file.source.kind === 'h5') {
    try {
      return await file.source.file.arrayBuffer();
    } catch {
      throw unreadable();
    }
  }
  const { path } = file.source;
  return new Promise<ArrayBuffer>((resolve, reject) => {
    Taro.getFileSystemManager().readFile({
      filePath: path,
      success: (res) => resolve(res.data as ArrayBuffer),
      fail: () => reject(unreadable()),
    });
  });
}

/**
 * SHA-256 of the bytes, base64, for the ticket (storage refuses any other bytes under it).
 * h5 has WebCrypto (`crypto.subtle`, secure contexts incl. localhost). weapp has no WebCrypto
 * and its file digests stop at SHA-1, so it uses shared's plain-TypeScript SHA-256 (same
 * result, slower: about half a second per MB).
 */
async function sha256Base64(bytes: ArrayBuffer): Promise<string> {
  // `typeof` first: older mini-program base libraries have neither `crypto` nor `globalThis`.
  const subtle = typeof crypto !== 'undefined' ? crypto.subtle : undefined;
  const digest = subtle ? new Uint8Array(await subtle.digest('SHA-256', bytes)) : sha256(new Uint8Array(bytes));
  return toBase64(digest);
}

async function putBytes(ticket: UploadTicket, file: PickedFile, bytes: ArrayBuffer): Promise<void> {
  if (file.source.kind === 'h5') {
    let response: Response;
    try {
      response = await fetch(ticket.url, { method: 'PUT', headers: ticket.headers, body: bytes });
    } catch {
      throw new ApiError(0, 'UPLOAD_FAILED', UPLOAD_FAILED);
    }
    if (!response.ok) throw new ApiError(response.status, 'UPLOAD_FAILED', UPLOAD_FAILED);
    return;
  }
  // weapp: uploadFile only POSTs multipart; a presigned PUT needs the raw bytes in a request.
  let statusCode: number;
  try {
    ({ statusCode } = await Taro.request({
      url: ticket.url,
      method: 'PUT',
      header: ticket.headers,
      data: bytes,
      dataType: '其他',
      responseType: 'text',
    }));
  } catch {
    throw new ApiError(0, 'UPLOAD_FAILED', UPLOAD_FAILED);
  }
  if (statusCode < 200 || statusCode >= 300) throw new ApiError(statusCode, 'UPLOAD_FAILED', UPLOAD_FAILED);
}

/** Uploads one file for one material of a case; resolves to the reference to save with it. */
export async function uploadMaterial(
  applicationId: string,
  materialKey: string,
  file: PickedFile,
): Promise<UploadedRef> {
  const problem = checkFile(file);
  if (problem) throw new ApiError(400, 'VALIDATION_FAILED', problem);
  const fileName = fileNameFor(file.name);
  const bytes = await readBytes(file);
  const ticket = await requestUploadTicket({
    applicationId,
    materialKey,
    fileName,
    sha256: await sha256Base64(bytes),
    contentType: file.contentType,
    size: bytes.byteLength,
  });
  await putBytes(ticket, file, bytes);
  return { materialKey, kind: 'upload', uploadId: ticket.uploadId, fileName };
}

export const formatSize = (bytes: number): string =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
