import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { close, listen, readBody, requestUrl, safeListener } from './http-util';
import { verifySigV4Header } from './sigv4';

/**
 * A local AWS Secrets Manager for the functions' secrets adapter: `POST /` with
 * `X-Amz-Target: secretsmanager.GetSecretValue`, JSON 1.1 bodies, requests signed with
 * Signature V4 and checked against its one key pair. Seeded with the workstation's secrets
 * (.data/secrets); nothing else is served.
 */
export interface SecretsManagerStandInOptions {
  port?: number;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** secret name → SecretString */
  secrets: Record<string, string>;
}

export interface SecretsManagerStandIn {
  url: string;
  /** GetSecretValue calls answered, by secret name (to see that functions cache per container). */
  reads: Map<string, number>;
  stop(): Promise<void>;
}

const ACCOUNT = '000000000000';

/** JSON 1.1 errors: the type in `__type` and in x-amzn-ErrorType. */
function awsError(res: ServerResponse, status: number, type: string, message: string): void {
  res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': type });
  res.end(JSON.stringify({ __type: type, message }));
}

export async function startSecretsManagerStandIn(
  options: SecretsManagerStandInOptions,
): Promise<SecretsManagerStandIn> {
  const reads = new Map<string, number>();
  const arnOf = (name: string) =>
    `arn:aws-cn:secretsmanager:${options.region}:${ACCOUNT}:secret:${name}-${createHash('sha256').update(name).digest('hex').slice(0, 6)}`;
  const byId = (id: string) =>
    Object.keys(options.secrets).find((name) => name === id || arnOf(name) === id || id.startsWith(`${arnOf(name)}`));

  const listener = async (req: IncomingMessage, res: ServerResponse) => {
    const url = requestUrl(req);
    if (req.method !== 'POST' || url.pathname !== '/')
      return awsError(res, 404, 'UnknownOperationException', 'Only POST / is served');
    const body = await readBody(req, 64 * 1024);
    const problem = verifySigV4Header(req, url, body, { ...options, service: 'secretsmanager' });
    if (problem) return awsError(res, problem[0] === 'MissingAuthenticationTokenException' ? 403 : 400, ...problem);
    if (req.headers['x-amz-target'] !== 'secretsmanager.GetSecretValue')
      return awsError(res, 400, 'UnknownOperationException', 'Only GetSecretValue is served by the stand-in');
    let input: { SecretId?: unknown };
    try {
      input = JSON.parse(body.toString('utf8'));
    } catch {
      return awsError(res, 400, 'SerializationException', 'Request body is not valid JSON');
    }
    const name = typeof input.SecretId === 'string' ? byId(input.SecretId) : undefined;
    if (!name)
      return awsError(res, 400, 'ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
    reads.set(name, (reads.get(name) ?? 0) + 1);
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
    res.end(
      JSON.stringify({
        ARN: arnOf(name),
        Name: name,
        SecretString: options.secrets[name],
        VersionId: createHash('sha256')
          .update(options.secrets[name] as string)
          .digest('hex')
          .replace(/^(.{8})(.{4})(.{4})(.{4})(.{12}).*$/, '$1-$2-$3-$4-$5'),
        VersionStages: ['AWSCURRENT'],
        CreatedDate: 1_765_000_000,
      }),
    );
  };
  const server: Server = createServer(
    safeListener('secrets manager stand-in', listener, (res, status, message) =>
      awsError(res, status, status >= 500 ? 'InternalServiceError' : 'InvalidRequestException', message),
    ),
  );
  const port = await listen(server, options.port ?? 0);
  return { url: `http://127.0.0.1:${port}`, reads, stop: () => close(server) };
}
