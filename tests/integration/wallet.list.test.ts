import { chinaDateOf } from '@minsheng/shared';
import { addMonths } from '../../functions/src/domain/certificates';
import { putLicence } from '../../functions/src/repositories/licences';
import { ACTION_EXTRAS, act, officerToken, submittedCase, verifiedCitizen } from '../support/cases';
import { startTestStack, type TestStack } from '../support/test-stack';
import { completedCriminalRecordCase, walletOf } from '../support/wallet';

/** The wallet lists what the police systems hold and what our own decisions issued, masked. */
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

const userIdOf = async (token: string) =>
  (await stack.api<{ userId: string }>('GET', '/me', undefined, token)).body.userId;

it('lists the identity-derived licences masked, with their validity unknown (the identity does not say it)', async () => {
  const citizen = await verifiedCitizen(stack, '刘洋');
  const res = await stack.api<{ items: unknown[] }>('GET', '/wallet', undefined, citizen.token);
  expect(res.status).toBe(200);
  const masked = `${citizen.idNumber.slice(0, 3)}${'*'.repeat(11)}${citizen.idNumber.slice(-4)}`;
  expect(res.body.items).toEqual([
    expect.objectContaining({
      type: 'resident-id-card',
      label: '居民身份证',
      numberMasked: masked,
      source: 'police-system',
      fields: expect.objectContaining({ 姓名: '刘*', 公民身份号码: masked }),
    }),
    expect.objectContaining({ type: 'household-register', label: '居民户口簿', source: 'police-system' }),
  ]);
  // Nothing invents a validity the police data did not give (it used to say 长期 for everyone).
  expect(res.body.items.map((i) => (i as { validUntil?: string }).validUntil)).toEqual([undefined, undefined]);
  const text = JSON.stringify(res.body);
  expect(text).not.toContain(citizen.idNumber);
  expect(text).not.toContain('刘洋');
});

it('shows the ID card the police system sent, with its validity, instead of the identity-derived one', async () => {
  const citizen = await verifiedCitizen(stack, '孙丽');
  const userId = await userIdOf(citizen.token);
  await putLicence({
    userId,
    type: 'resident-id-card',
    numberMasked: '440***********0002',
    validUntil: '2036-03-01',
    fields: { 姓名: '孙*', 签发机关: '广州市公安局越秀分局' },
    flags: [],
    receivedAt: new Date().toISOString(),
  });
  const items = await walletOf(stack, citizen.token);
  expect(items.map((i) => [i.type, i.validUntil])).toEqual([
    ['resident-id-card', '2036-03-01'],
    ['household-register', undefined],
  ]);
  expect(items[0]?.fields).toEqual({ 姓名: '孙*', 签发机关: '广州市公安局越秀分局' });
});

it('masks personal fields an exchange record sent in clear, and leaves out expired licences', async () => {
  const citizen = await verifiedCitizen(stack, '周明');
  const userId = await userIdOf(citizen.token);
  const receivedAt = new Date().toISOString();
  await putLicence({
    userId,
    type: 'passport',
    numberMasked: 'E1*****78',
    validUntil: '2033-05-01',
    fields: { 姓名: '周明', 证件号码: citizen.idNumber, 签发机关: '国家移民管理局' },
    flags: [],
    receivedAt,
  });
  await putLicence({
    userId,
    type: 'driving-licence',
    numberMasked: '440***********0001',
    validUntil: '2020-01-01',
    fields: { 准驾车型: 'C1' },
    flags: [],
    receivedAt,
  });
  const items = await walletOf(stack, citizen.token);
  expect(items.map((i) => i.type)).toEqual(['resident-id-card', 'household-register', 'passport']);
  expect(items[2]?.fields).toEqual({
    姓名: '周*',
    证件号码: expect.stringMatching(/^440\*{11}\d{3}[\dX]$/),
    签发机关: '国家移民管理局',
  });
});

it('asks for login, and for real-name verification first', async () => {
  expect((await stack.api('GET', '/wallet')).status).toBe(401);
  const { accessToken } = await stack.login('o_wallet_unverified');
  expect(await stack.api('GET', '/wallet', undefined, accessToken)).toMatchObject({
    status: 403,
    body: { code: 'IDENTITY_REQUIRED' },
  });
});

it('puts the criminal-record certificate in the wallet when the XZ-001 case is delivered', async () => {
  const citizen = await verifiedCitizen(stack, '陈静');
  expect((await walletOf(stack, citizen.token)).map((i) => i.type)).not.toContain('criminal-record-certificate');
  const caseId = await completedCriminalRecordCase(stack, citizen.token);

  const certificate = (await walletOf(stack, citizen.token)).find((i) => i.type === 'criminal-record-certificate');
  const issuedOn = chinaDateOf(new Date());
  expect(certificate).toEqual({
    type: 'criminal-record-certificate',
    label: '无犯罪记录证明',
    numberMasked: expect.stringMatching(/^XZ\d{8}[0-9A-F]{8}$/),
    validUntil: addMonths(issuedOn, 3),
    source: 'issued-here',
    issuedByApplicationId: caseId,
    fields: {
      姓名: '陈*',
      公民身份号码: expect.stringMatching(/^440\*{11}/),
      证明编号: certificate?.numberMasked,
      查询结果: '未发现犯罪记录',
      用途: '出国/出境',
      出具日期: issuedOn,
    },
  });
  // The case itself is unchanged by the issue: completed, with its usual timeline and audit.
  const view = await stack.api<{ status: string; timeline: { action: string }[] }>(
    'GET',
    `/applications/${caseId}`,
    undefined,
    citizen.token,
  );
  expect(view.body.status).toBe('completed');
  expect(view.body.timeline.map((t) => t.action).slice(-1)).toEqual(['deliver']);
});

it('issues no certificate for a refused case', async () => {
  const citizen = await verifiedCitizen(stack, '赵敏');
  const submitted = await submittedCase(stack, citizen.token, 'XZ-001');
  const head = await officerToken(stack, 'xz_head');
  for (const action of ['accept', 'start_review', 'refuse'])
    expect((await act(stack, head, submitted.id, action, ACTION_EXTRAS[action] ?? {})).status).toBe(200);
  expect((await walletOf(stack, citizen.token)).map((i) => i.type)).not.toContain('criminal-record-certificate');
});
