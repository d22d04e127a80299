import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Checks an AWS Signature V4 `Authorization` header the way AWS's JSON services do (payload
 * hashed into the signature, ±15 minutes clock skew), for the stand-ins of those services.
 * Returns null when the request is signed correctly, else the AWS error type and message.
 */
export interface SigV4Key {
  region: string;
  service: string;
  accessKeyId: string;
  secretAccessKey: string;
}

const rfc3986 = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();

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
  const signedAt = Date.parse(amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));
  if (Number.isNaN(signedAt) || Math.abs(now - signedAt) > 15 * 60_000)
    return ['InvalidSignatureException', 'Signature expired or X-Amz-Date is invalid.'];

  const signedHeaders = (m[2] as string).split(';');
  const headerValue = (name: string) => {
    const raw = req.headers[name];
    return (Array.isArray(raw) ? raw.join(',') : (raw ?? '')).trim().replace(/\s+/g, ' ');
  };
  const query = [...url.searchParams.entries()]
    .map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`)
    .sort()
    .join('&');
  const canonicalRequest = [
    req.method,
    url.pathname,
    query,
    signedHeaders.map((h) => `${h}:${headerValue(h)}\n`).join(''),
    signedHeaders.join(';'),
    sha256(body),
  ].join('\n');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n');
  const signingKey = hmac(
    hmac(hmac(hmac(`AWS4${key.secretAccessKey}`, date as string), region as string), service as string),
    'aws4_request',
  );
  const expected = Buffer.from(hmac(signingKey, stringToSign).toString('hex'));
  const given = Buffer.from(m[3] as string);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return [
      'InvalidSignatureException',
      'The request signature we calculated does not match the signature you provided.',
    ];
  return null;
}
