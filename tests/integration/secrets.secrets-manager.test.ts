import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { LOCAL_SECRET_IDS } from '../../dev/src/stack';
import { startTestStack, type TestStack } from '../support/test-stack';

/**
 * The functions read their secrets from Secrets Manager at cold start, locally from the
 * stand-in, which speaks the real wire format and checks Signature V4 like the S3 stand-in.
 */
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

const client = (secretAccessKey = process.env.AWS_SECRET_ACCESS_KEY as string) =>
  new SecretsManagerClient({
    region: 'cn-north-1',
    endpoint: stack.secretsManager.url,
    credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID as string, secretAccessKey },
  });

it('serves a seeded secret to the real SDK client', async () => {
  const got = await client().send(new GetSecretValueCommand({ SecretId: LOCAL_SECRET_IDS.SESSION_SIGNING_SECRET }));
  expect(got).toMatchObject({
    Name: LOCAL_SECRET_IDS.SESSION_SIGNING_SECRET,
    SecretString: expect.any(String),
    VersionStages: ['AWSCURRENT'],
  });
  const byArn = await client().send(new GetSecretValueCommand({ SecretId: got.ARN }));
  expect(byArn.SecretString).toBe(got.SecretString);
});

it('refuses a request signed with the wrong key, and an unknown secret', async () => {
  await expect(
    client('not-the-key').send(new GetSecretValueCommand({ SecretId: LOCAL_SECRET_IDS.WECHAT_SECRET })),
  ).rejects.toMatchObject({ name: 'InvalidSignatureException' });
  await expect(client().send(new GetSecretValueCommand({ SecretId: 'minsheng-local/none' }))).rejects.toMatchObject({
    name: 'ResourceNotFoundException',
  });
  const unsigned = await fetch(stack.secretsManager.url, {
    method: 'POST',
    headers: { 'x-amz-target': 'secretsmanager.GetSecretValue', 'content-type': 'application/x-amz-json-1.1' },
    body: JSON.stringify({ SecretId: LOCAL_SECRET_IDS.WECHAT_SECRET }),
  });
  expect(unsigned.status).toBe(403);
  expect(await unsigned.text()).not.toContain('SecretString');
});

it('is read once per container, not per request, and the handlers work from it', async () => {
  const before = stack.secretsManager.reads.get(LOCAL_SECRET_IDS.SESSION_SIGNING_SECRET) ?? 0;
  expect(before).toBeGreaterThanOrEqual(1);
  const { accessToken } = await stack.login('o-secrets-1');
  expect((await stack.api('GET', '/me', undefined, accessToken)).status).toBe(200);
  await stack.login('o-secrets-2');
  // The direct SDK reads of the first test are the only ones added since the stack started.
  expect(stack.secretsManager.reads.get(LOCAL_SECRET_IDS.SESSION_SIGNING_SECRET)).toBe(before);
  expect(stack.secretsManager.reads.get(LOCAL_SECRET_IDS.WECHAT_SECRET)).toBe(1);
});
