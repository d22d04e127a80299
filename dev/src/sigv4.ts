import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * AWS Signature V4 as the stand-ins check it: the canonical request, the signing key and a
 * constant-time comparison, shared by the S3 stand-in (headers or presigned query) and the
 * stand-ins of AWS's JSON services (payload hashed into the signature, ±15 minutes skew).
 */
export interface SigV4Key {
  region: string;
  service: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export const rfc3986 = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
export const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();

/** `20261208T010203Z` as epoch milliseconds (NaN when malformed). */
export const parseAmzDate = (amzDate: string) =>
  Date.parse(amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));

/** The query string in canonical form: encoded, sorted by key then value, `omit` left out. */
export function canonicalQuery(url: URL, omit: readonly string[] = []): string {
  return [...url.searchParams.entries()]
    .filter(([k]) => !omit.includes(k))
    .map(([k, v]) => [rfc3986(k), rfc3986(v)] as const)
    .sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : 1) : a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

export interface SignedRequest {
  req: IncomingMessage;
  canonicalUri: string;
  canonicalQuery: string;
  signedHeaders: string[];
  /** Hex SHA-256 of the body, or `UNSIGNED-PAYLOAD`. */
  payloadHash: string;
  amzDate: string;
  /** `date/region/service/aws4_request` parts, already checked against the key by the caller. */
  date: string;
  region: string;
  service: string;
  signature: string;
}

/** True when `signature` is the one the secret key gives this request. */
export function signatureMatches(request: SignedRequest, secretAccessKey: string): boolean {
  const headerValue = (name: string) => {
    const raw = request.req.headers[name];
    return (Array.isArray(raw) ? raw.join(',') : (raw ?? '')).trim().replace(/\s+/g, ' ');
  };
  const canonicalRequest = [
    request.req.method,
    request.canonicalUri,
    request.canonicalQuery,
    request.signedHeaders.map((h) => `${h}:${headerValue(h)}\n`).join(''),
    request.signedHeaders.join(';'),
    request.payloadHash,
  ].join('\n');
  const scope = `${request.date}/${request.region}/${request.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', request.amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const signingKey = hmac(
    hmac(hmac(hmac(`AWS4${secretAccessKey}`, request.date), request.region), request.service),
    'aws4_request',
  );
  const expected = Buffer.from(hmac(signingKey, stringToSign).toString('hex'));
  const given = Buffer.from(request.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * Checks a JSON service's `Authorization` header. Returns null when the request is signed
 * correctly, else the AWS error type and message.
 */
export function verifySigV4Header(
  req: IncomingMessage,
  url: URL,
  body: Buffer,
  key: SigV4Key,
  now = Date.now(),
): [string, string] | null {
  const m = String(req.headers.authorization ?? '').match(
    /^AWS4-HMAC-SHA256 Credential=([^,]+), ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]+)$/,
  );
  if (!m) return ['MissingAuthenticationTokenException', 'Missing Authentication Token'];
  const [accessKeyId, date, region, service, terminal] = (m[1] as string).split('/');
  if (accessKeyId !== key.accessKeyId)
    return ['UnrecognizedClientException', 'The security token included in the request is invalid.'];
  const amzDate = String(req.headers['x-amz-date'] ?? '');
  if (
    region !== key.region ||
    service !== key.service ||
    terminal !== 'aws4_request' ||
    !amzDate.startsWith(date ?? '-')
  )
    return ['InvalidSignatureException', 'Credential should be scoped to a valid region and service.'];
  const signedAt = parseAmzDate(amzDate);
  if (Number.isNaN(signedAt) || Math.abs(now - signedAt) > 15 * 60_000)
    return ['InvalidSignatureException', 'Signature expired or X-Amz-Date is invalid.'];
  const signed = signatureMatches(
    {
      req,
      canonicalUri: url.pathname,
      canonicalQuery: canonicalQuery(url),
      signedHeaders: (m[2] as string).split(';'),
      payloadHash: sha256Hex(body),
      amzDate,
      date: date as string,
      region,
      service,
      signature: m[3] as string,
    },
    key.secretAccessKey,
  );
  return signed
    ? null
    : ['InvalidSignatureException', 'The request signature we calculated does not match the signature you provided.'];
}
