import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { config } from '../config';
import { awsClientOptions } from './aws-client-options';

/** Material files: presigned uploads and downloads, so file bytes never pass through Lambda. */
let client: S3Client | undefined;
const s3 = (): S3Client => {
  if (!client) {
    const { storage } = config();
    client = new S3Client({
      ...awsClientOptions(storage.endpoint),
      forcePathStyle: Boolean(storage.endpoint),
      // Only checksums S3 requires: a presigned PUT must not demand one the browser cannot compute.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }
  return client;
};

/**
 * A URL that accepts a PUT of exactly these bytes — content type, length and SHA-256 are
 * signed headers — for a limited time. Replaying the URL can only store the same bytes again:
 * S3 refuses a body whose checksum differs from `x-amz-checksum-sha256` (BadDigest).
 */
export async function presignUpload(
  objectKey: string,
  contentType: string,
  size: number,
  sha256Base64: string,
): Promise<{ url: string; headers: Record<string, string> }> {
  const { storage } = config();
  const command = new PutObjectCommand({
    Bucket: storage.bucket,
    Key: objectKey,
    ContentType: contentType,
    ContentLength: size,
    ChecksumSHA256: sha256Base64,
  });
  const url = await getSignedUrl(s3(), command, {
    expiresIn: storage.uploadUrlTtlSeconds,
    signableHeaders: new Set(['content-type', 'content-length', 'x-amz-checksum-sha256']),
    // Kept a header (not hoisted into the query) so the uploader must send it and S3 checks the body against it.
    unhoistableHeaders: new Set(['x-amz-checksum-sha256']),
  });
  return { url, headers: { 'Content-Type': contentType, 'x-amz-checksum-sha256': sha256Base64 } };
}

export async function presignDownload(objectKey: string, ttlSeconds = 300): Promise<string> {
  return getSignedUrl(s3(), new GetObjectCommand({ Bucket: config().storage.bucket, Key: objectKey }), {
    expiresIn: ttlSeconds,
  });
}

const isMissing = (error: unknown) => {
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  const name = (error as { name?: string }).name;
  return status === 404 || name === 'NotFound' || name === 'NoSuchKey';
};

/** Size, type and stored SHA-256 (base64) of an object, or undefined when it was never uploaded. */
export async function describeObject(
  objectKey: string,
): Promise<{ size: number; contentType: string; sha256?: string } | undefined> {
  try {
    const out = await s3().send(
      new HeadObjectCommand({ Bucket: config().storage.bucket, Key: objectKey, ChecksumMode: 'ENABLED' }),
    );
    return { size: out.ContentLength ?? 0, contentType: out.ContentType ?? '', sha256: out.ChecksumSHA256 };
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

/** The first `length` bytes of an object (a ranged GET), or undefined when it is missing. */
export async function readObjectStart(objectKey: string, length: number): Promise<Uint8Array | undefined> {
  try {
    const out = await s3().send(
      new GetObjectCommand({ Bucket: config().storage.bucket, Key: objectKey, Range: `bytes=0-${length - 1}` }),
    );
    const bytes = (await out.Body?.transformToByteArray()) ?? new Uint8Array();
    return bytes.subarray(0, length);
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}
