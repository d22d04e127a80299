import { randomUUID } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { localClient } from '../../dev/src/dynamodb-local';
import { startTestStack, syntheticIdNumber, type TestStack } from '../support/test-stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const newCitizen = async () => {
  const openid = `o_test_${randomUUID().slice(0, 12)}`;
  const session = await stack.login(openid);
  return { openid, token: session.accessToken };
};

let sequence = 100;
const newPerson = () => ({ name: '陈晓明', idNumber: syntheticIdNumber('440305', '19880512', String(sequence++)) });

async function verify(
  citizen: { openid: string; token: string },
  person: { name: string; idNumber: string },
  face: { identifyRet?: number; identifyTime?: number; name?: string; idCardNumber?: string; openid?: string } = {},
) {
  const start = await stack.api('POST', '/identity/verifications', { ...person, consent: true }, citizen.token);
  expect(start.status).toBe(201);
  const verifyResult = await stack.faceResult({
    openid: face.openid ?? citizen.openid,
    name: face.name ?? person.name,
    idCardNumber: face.idCardNumber ?? person.idNumber,
    identifyRet: face.identifyRet ?? 0,
    identifyTime: face.identifyTime,
  });
  return {
    verifyResult,
    complete: () => stack.api('POST', '/identity/verifications/face', { verifyResult }, citizen.token),
  };
}

describe('real-name verification', () => {
  it('binds a verified identity and shows it masked on /me', async () => {
    const citizen = await newCitizen();
    const person = newPerson();
    const before = await stack.api('GET', '/me', undefined, citizen.token);
    expect(before.body).toMatchObject({ verified: false, identity: null });

    const { complete } = await verify(citizen, person);
    const done = await complete();
    expect(done.status).toBe(200);
    const masked = {
      nameMasked: '陈**',
      idNumberMasked: `${person.idNumber.slice(0, 3)}***********${person.idNumber.slice(-4)}`,
      method: 'face',
    };
    expect(done.body).toMatchObject(masked);
    const me = await stack.api('GET', '/me', undefined, citizen.token);
    expect(me.body).toMatchObject({ verified: true, identity: masked });
    expect(JSON.stringify(me.body)).not.toContain(person.idNumber);
  });

  it('stores the ID number only sealed: no table item contains it in clear', async () => {
    const citizen = await newCitizen();
    const person = newPerson();
    expect((await (await verify(citizen, person)).complete()).status).toBe(200);
    const client = localClient(process.env.TEST_DYNAMODB_ENDPOINT as string);
    const dump = JSON.stringify((await client.send(new ScanCommand({ TableName: stack.tableName }))).Items);
    client.destroy();
    expect(dump).toContain('IDENTITY');
    expect(dump).not.toContain(person.idNumber);
    expect(dump).not.toContain(person.name);
  });

  it('accepts a lower-case x check character as typed', async () => {
    let id = '';
    for (let s = 100; s < 999 && !id.endsWith('X'); s++) id = syntheticIdNumber('350102', '19770808', String(s));
    const citizen = await newCitizen();
    const { complete } = await verify(citizen, { name: '林芳', idNumber: id.toLowerCase() }, { idCardNumber: id });
    expect((await complete()).status).toBe(200);
  });

  it.each([
    ['a wrong check character', '110105199003074211', 'ID_NUMBER_CHECKSUM'],
    ['an unknown region', '990105199003074218', 'ID_NUMBER_REGION'],
    ['an impossible birth date', '110105199002304218', 'ID_NUMBER_BIRTH_DATE'],
    ['a short number', '11010519900307', 'ID_NUMBER_FORMAT'],
  ])('refuses %s with its own code and message', async (_label, idNumber, code) => {
    const citizen = await newCitizen();
    const res = await stack.api(
      'POST',
      '/identity/verifications',
      { name: '张三', idNumber, consent: true },
      citizen.token,
    );
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code, message: expect.stringContaining('身份证号码') });
  });

  it('requires separate consent', async () => {
    const citizen = await newCitizen();
    const res = await stack.api('POST', '/identity/verifications', { ...newPerson(), consent: false }, citizen.token);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('同意') });
  });

  it('explains a face check that did not pass, and the window fallback', async () => {
    const citizen = await newCitizen();
    const res = await (await verify(citizen, newPerson(), { identifyRet: 10004 })).complete();
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'FACE_NOT_PASSED', message: expect.stringContaining('窗口') });
    expect((await stack.api('GET', '/me', undefined, citizen.token)).body).toMatchObject({ verified: false });
  });

  it.each([
    ['another ID number', { idCardNumber: syntheticIdNumber('110105', '19900307', '999') }],
    ['another name', { name: '李四' }],
    ['another WeChat user', { openid: 'o_someone_else' }],
  ])('refuses a face result for %s (FACE_MISMATCH)', async (_label, face) => {
    const citizen = await newCitizen();
    const res = await (await verify(citizen, newPerson(), face)).complete();
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'FACE_MISMATCH' });
  });

  it('refuses a face result older than the verification (FACE_RESULT_STALE)', async () => {
    const citizen = await newCitizen();
    const res = await (
      await verify(citizen, newPerson(), { identifyTime: Math.floor(Date.now() / 1000) - 3600 })
    ).complete();
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'FACE_RESULT_STALE' });
  });

  it('refuses a face check before the citizen stated who they are', async () => {
    const citizen = await newCitizen();
    const verifyResult = await stack.faceResult({
      openid: citizen.openid,
      name: '张三',
      idCardNumber: syntheticIdNumber(),
      identifyRet: 0,
    });
    const res = await stack.api('POST', '/identity/verifications/face', { verifyResult }, citizen.token);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'VERIFICATION_NOT_STARTED' });
  });

  it('binds one ID number to one WeChat account', async () => {
    const person = newPerson();
    const first = await newCitizen();
    expect((await (await verify(first, person)).complete()).status).toBe(200);
    const second = await newCitizen();
    // Stating a bound number gets the same answer as any other number, and counts as an attempt…
    const bound = await stack.api('POST', '/identity/verifications', { ...person, consent: true }, second.token);
    const unbound = await stack.api('POST', '/identity/verifications', { ...newPerson(), consent: true }, second.token);
    expect(bound).toMatchObject({ status: 201, body: { attemptsLeft: 4 } });
    expect(unbound).toMatchObject({ status: 201, body: { attemptsLeft: 3 } });
    expect(Object.keys(bound.body).sort()).toEqual(Object.keys(unbound.body).sort());
    // …the conflict is told only once the face check for that number passed.
    const res = await (await verify(second, person)).complete();
    expect(res).toMatchObject({ status: 409, body: { code: 'IDENTITY_BOUND_ELSEWHERE' } });
  });

  it('does not reveal a bound ID number once the daily limit is reached', async () => {
    const person = newPerson();
    expect((await (await verify(await newCitizen(), person)).complete()).status).toBe(200);
    const prober = await newCitizen();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push(
        (await stack.api('POST', '/identity/verifications', { ...person, consent: true }, prober.token)).status,
      );
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
    const limited = await stack.api('POST', '/identity/verifications', { ...person, consent: true }, prober.token);
    expect(limited.body).toMatchObject({ code: 'VERIFICATION_RATE_LIMITED' });
  });

  it('refuses a second verification once verified', async () => {
    const citizen = await newCitizen();
    expect((await (await verify(citizen, newPerson())).complete()).status).toBe(200);
    const res = await stack.api('POST', '/identity/verifications', { ...newPerson(), consent: true }, citizen.token);
    expect(res).toMatchObject({ status: 409, body: { code: 'IDENTITY_ALREADY_VERIFIED' } });
  });

  it('limits attempts to five a day, then points to the window', async () => {
    const citizen = await newCitizen();
    const person = newPerson();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push(
        (await stack.api('POST', '/identity/verifications', { ...person, consent: true }, citizen.token)).status,
      );
    }
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
    const limited = await stack.api('POST', '/identity/verifications', { ...person, consent: true }, citizen.token);
    expect(limited.body).toMatchObject({ code: 'VERIFICATION_RATE_LIMITED', message: expect.stringContaining('窗口') });
  });

  it('does not accept the same face result twice', async () => {
    const citizen = await newCitizen();
    const person = newPerson();
    const { verifyResult } = await verify(citizen, person);
    const [a, b] = await Promise.all(
      [1, 2].map(() => stack.api('POST', '/identity/verifications/face', { verifyResult }, citizen.token)),
    );
    // The loser either lost the claim on the result (422) or found the identity already bound
    // (409), depending on how the two requests interleave; either way exactly one binds.
    const [winner, loser] = [a, b].sort((x, y) => (x?.status ?? 0) - (y?.status ?? 0));
    expect(winner?.status).toBe(200);
    expect(['FACE_RESULT_STALE', 'IDENTITY_ALREADY_VERIFIED']).toContain(loser?.body.code);
    const again = await stack.api('POST', '/identity/verifications/face', { verifyResult }, citizen.token);
    expect(again).toMatchObject({ status: 409, body: { code: 'IDENTITY_ALREADY_VERIFIED' } });
  });
});
