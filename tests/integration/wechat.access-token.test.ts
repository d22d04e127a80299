import { randomUUID } from 'node:crypto';
import { startTestStack, syntheticIdNumber, type TestStack } from '../support/test-stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const calls = async () =>
  (await (await fetch(`${stack.wechat.url}/__standin/calls`)).json()) as { stableToken: number; getinfo: number };

async function verifyNewCitizen(sequence: string) {
  const openid = `o_token_${randomUUID().slice(0, 8)}`;
  const { accessToken } = await stack.login(openid);
  const person = { name: '周敏', idNumber: syntheticIdNumber('330106', '19920101', sequence) };
  await stack.api('POST', '/identity/verifications', { ...person, consent: true }, accessToken);
  const verifyResult = await stack.faceResult({ openid, name: person.name, idCardNumber: person.idNumber });
  return stack.api('POST', '/identity/verifications/face', { verifyResult }, accessToken);
}

describe('WeChat access token', () => {
  it('is fetched once and reused while valid', async () => {
    const before = await calls();
    expect((await verifyNewCitizen('101')).status).toBe(200);
    expect((await verifyNewCitizen('102')).status).toBe(200);
    const after = await calls();
    expect(after.getinfo - before.getinfo).toBe(2);
    expect(after.stableToken - before.stableToken).toBeLessThanOrEqual(1);
  });

  it('is refreshed once, and the call retried, when WeChat answers 40001', async () => {
    expect((await verifyNewCitizen('103')).status).toBe(200);
    await fetch(`${stack.wechat.url}/__standin/revoke-token`, { method: 'POST' });
    const before = await calls();
    expect((await verifyNewCitizen('104')).status).toBe(200);
    const after = await calls();
    expect(after.stableToken - before.stableToken).toBe(1);
    expect(after.getinfo - before.getinfo).toBe(2);
  });
});
