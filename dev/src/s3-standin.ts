import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { close, decodeComponent, listen, readBody, requestUrl, safeListener } from './http-util';
import { directoryObjectStore, memoryObjectStore, type ObjectStore } from './object-store';
import { canonicalQuery, parseAmzDate, rfc3986, signatureMatches } from './sigv4';

/**
 * A local S3-compatible object store for material uploads. It checks AWS Signature V4 —
 * presigned URLs (query) and signed requests (Authorization header) — against its one key
 * pair, so the backend's real S3 client and presigner are exercised, not bypassed.
 * Supports PUT, GET and HEAD of objects, and CORS for uploads from the h5 app.
 */
export interface S3StandInOptions {
  port?: number;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  buckets: string[];
  /** Keeps objects as files in this directory (surviving restarts); in memory when absent. */
  objectsDir?: string;
}

export interface S3StandIn {
  url: string;
  objects: ObjectStore;
  stop(): Promise<void>;
}

/**
 * S3's additional-checksum rule: when a PUT carries `x-amz-checksum-sha256`, the body must
 * hash to it, or nothing is stored. Returns the checksum to keep, or the S3 error.
 */
function checkedSha256(req: IncomingMessage, body: Buffer): { sha256?: string } | { error: [string, string] } {
  const declared = req.headers['x-amz-checksum-sha256'];
  if (declared === undefined) return {};
  const value = String(declared);
  if (!/^[A-Za-z0-9+/]{43}=$/.test(value))
    return { error: ['InvalidRequest', 'Value for x-amz-checksum-sha256 header is invalid.'] };
  const actual = createHash('sha256').update(body).digest('base64');
  if (actual !== value)
    return { error: ['BadDigest', 'The SHA256 you specified did not match the calculated checksum.'] };
  return { sha256: value };
}

/** `bytes=a-b` / `bytes=a-` of a body of `size` bytes, or undefined for none or a form we do not serve. */
function byteRange(header: string | undefined, size: number): { start: number; end: number } | undefined {
  const m = header?.match(/^bytes=(\d+)-(\d*)$/);
  if (!m) return undefined;
  const start = Number(m[1]);
  const end = Math.min(m[2] ? Number(m[2]) : size - 1, size - 1);
  return start <= end ? { start, end } : undefined;
}

/** Error codes S3 uses for what the safe listener catches. */
const S3_CODES: Record<number, string> = { 400: 'InvalidURI', 413: 'EntityTooLarge', 500: 'InternalError' };

function s3Error(res: ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { 'content-type': 'application/xml', 'access-control-allow-origin': '*' });
  res.end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`);
}

interface SignatureParts {
  credential: string;
  amzDate: string;
  signedHeaders: string[];
  signature: string;
  expires?: number;
  payloadHash: string;
}

function signatureParts(req: IncomingMessage, url: URL): SignatureParts | undefined {
  const q = url.searchParams;
  if (q.get('X-Amz-Algorithm') === 'AWS4-HMAC-SHA256') {
    return {
      credential: q.get('X-Amz-Credential') ?? '',
      amzDate: q.get('X-Amz-Date') ?? '',
      signedHeaders: (q.get('X-Amz-SignedHeaders') ?? '').split(';'),
      signature: q.get('X-Amz-Signature') ?? '',
      expires: Number(q.get('X-Amz-Expires') ?? '0'),
      payloadHash: 'UNSIGNED-PAYLOAD',
    };
  }
  const auth = req.headers.authorization ?? '';
  const m = auth.match(/^AWS4-HMAC-SHA256 Credential=([^,]+), ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]+)$/);
  if (!m) return undefined;
  return {
    credential: m[1] as string,
    amzDate: String(req.headers['x-amz-date'] ?? ''),
    signedHeaders: (m[2] as string).split(';'),
    signature: m[3] as string,
    payloadHash: String(req.headers['x-amz-content-sha256'] ?? 'UNSIGNED-PAYLOAD'),
  };
}

/** Returns null when the request is signed correctly, else an S3 error code and message. */
function verify(req: IncomingMessage, url: URL, options: S3StandInOptions, now: number): [string, string] | null {
  const parts = signatureParts(req, url);
  if (!parts) return ['AccessDenied', 'Anonymous access is forbidden'];
  const [accessKeyId, date, region, service, terminal] = parts.credential.split('/');
  if (accessKeyId !== options.accessKeyId)
    return ['InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist'];
  if (
    region !== options.region ||
    service !== 's3' ||
    terminal !== 'aws4_request' ||
    !parts.amzDate.startsWith(date ?? '-')
  ) {
    return ['AuthorizationQueryParametersError', 'Credential scope is invalid'];
  }
  const signedAt = parseAmzDate(parts.amzDate);
  if (Number.isNaN(signedAt)) return ['AccessDenied', 'X-Amz-Date is invalid'];
  if (parts.expires !== undefined && now > signedAt + parts.expires * 1000)
    return ['AccessDenied', 'Request has expired'];
  if (parts.expires === undefined && Math.abs(now - signedAt) > 15 * 60_000)
    return ['RequestTimeTooSkewed', 'The difference between the request time and the current time is too large'];
  const signed = signatureMatches(
    {
      req,
      canonicalUri: url.pathname
        .split('/')
        .map((seg) => rfc3986(decodeComponent(seg)))
        .join('/'),
      canonicalQuery: canonicalQuery(url, ['X-Amz-Signature']),
      signedHeaders: parts.signedHeaders,
      payloadHash: parts.payloadHash,
      amzDate: parts.amzDate,
      date: date as string,
      region,
      service: 's3',
      signature: parts.signature,
    },
    options.secretAccessKey,
  );
  return signed
    ? null
    : ['SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided'];
}

export async function startS3StandIn(options: S3StandInOptions): Promise<S3StandIn> {
  const objects = options.objectsDir ? directoryObjectStore(options.objectsDir) : memoryObjectStore();
  const listener = async (req: IncomingMessage, res: ServerResponse) => {
    const url = requestUrl(req);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'access-control-allow-origin': '*',
        'access-control-allow-methods': 'GET,PUT,HEAD',
        'access-control-allow-headers': String(req.headers['access-control-request-headers'] ?? 'content-type'),
        'access-control-max-age': '600',
      });
      return res.end();
    }
    const [, bucket, ...rest] = url.pathname.split('/');
    const key = rest.map(decodeComponent).join('/');
    if (!bucket || !options.buckets.includes(bucket))
      return s3Error(res, 404, 'NoSuchBucket', 'The specified bucket does not exist');
    const problem = verify(req, url, options, Date.now());
    if (problem) return s3Error(res, 403, problem[0], problem[1]);
    const id = `${bucket}/${key}`;
    const cors = { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'etag' };
    if (req.method === 'PUT') {
      const body = await readBody(req, 20 * 1024 * 1024);
      const declared = req.headers['content-length'];
      if (declared !== undefined && Number(declared) !== body.length)
        return s3Error(
          res,
          400,
          'IncompleteBody',
          'You did not provide the number of bytes specified by the Content-Length HTTP header',
        );
      const checksum = checkedSha256(req, body);
      if ('error' in checksum) return s3Error(res, 400, checksum.error[0], checksum.error[1]);
      objects.put(id, {
        body,
        contentType: String(req.headers['content-type'] ?? 'application/octet-stream'),
        uploadedAt: new Date().toISOString(),
        ...checksum,
      });
      res.writeHead(200, {
        etag: `"${createHash('md5').update(body).digest('hex')}"`,
        ...(checksum.sha256 ? { 'x-amz-checksum-sha256': checksum.sha256 } : {}),
        ...cors,
      });
      return res.end();
    }
    const object = objects.get(id);
    if (req.method === 'GET' || req.method === 'HEAD') {
      if (!object) return s3Error(res, 404, 'NoSuchKey', 'The specified key does not exist.');
      const range = byteRange(req.headers.range, object.body.length);
      const body = range ? object.body.subarray(range.start, range.end + 1) : object.body;
      const checksumWanted = req.headers['x-amz-checksum-mode'] === 'ENABLED' && object.sha256 && !range;
      res.writeHead(range ? 206 : 200, {
        'content-type': object.contentType,
        'content-length': String(body.length),
        'last-modified': new Date(object.uploadedAt).toUTCString(),
        'accept-ranges': 'bytes',
        ...(range ? { 'content-range': `bytes ${range.start}-${range.end}/${object.body.length}` } : {}),
        ...(checksumWanted ? { 'x-amz-checksum-sha256': object.sha256 } : {}),
        ...cors,
      });
      return res.end(req.method === 'GET' ? body : undefined);
    }
    s3Error(res, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
  };
  const server: Server = createServer(
    safeListener('s3 stand-in', listener, (res, status, message) =>
      s3Error(res, status, S3_CODES[status] ?? 'InvalidRequest', message),
    ),
  );
  const port = await listen(server, options.port ?? 0);
  return { url: `http://127.0.0.1:${port}`, objects, stop: () => close(server) };
}
