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

/** A URL that accepts exactly one PUT of this content type and length, for a limited time. */
export async function presignUpload(
  objectKey: string,
  contentType: string,
  size: number,
): Promise<{ url: string; headers: Record<string, string> }> {
  const { storage } = config();
  const command = new PutObjectCommand({
    Bucket: storage.bucket,
    Key: objectKey,
    ContentType: contentType,
    ContentLength: size,
  });
  const url = await getSignedUrl(s3(), command, {
    expiresIn: storage.uploadUrlTtlSeconds,
    signableHeaders: new Set(['content-type', 'content-length']),
  });
  return { url, headers: { 'Content-Type': contentType } };
}

export async function presignDownload(objectKey: string, ttlSeconds = 300): Promise<string> {
  return getSignedUrl(s3(), new GetObjectCommand({ Bucket: config().storage.bucket, Key: objectKey }), {
    expiresIn: ttlSeconds,
  });
}

/** Size and type of a stored object, or undefined when it was never uploaded. */
export async function describeObject(objectKey: string): Promise<{ size: number; contentType: string } | undefined> {
  try {
    const out = await s3().send(new HeadObjectCommand({ Bucket: config().storage.bucket, Key: objectKey }));
    return { size: out.ContentLength ?? 0, contentType: out.ContentType ?? '' };
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status === 404 || (error as { name?: string }).name === 'NotFound') return undefined;
    throw error;
  }
}
