import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { localClient } from '../../dev/src/dynamodb-local';
import { officerToken, submittedCase, verifiedCitizen } from '../support/cases';
import { startTestStack, type TestStack } from '../support/test-stack';

/** Opening a case is audited in its own chain: views never make a correct decision fail. */
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

type AuditView = {
  version: number;
  audit: { chain: string; seq: number; action: string; actor: string }[];
  auditChainValid: boolean;
};

const CASES = 10;
const VIEWS_PER_WRITE = 15;

it('lets every correct accept and withdrawal succeed while 15 officers open the case; every view is audited', async () => {
  const citizen = await verifiedCitizen(stack, '冯晓');
  const [reception, viewer] = await Promise.all([
    officerToken(stack, 'xz_reception'),
    officerToken(stack, 'inspector'),
  ]);
  const ids: string[] = [];
  for (let i = 0; i < CASES; i++) ids.push((await submittedCase(stack, citizen.token, 'XZ-001')).id);
  const views = (id: string) =>
    Array.from({ length: VIEWS_PER_WRITE }, () =>
      stack.api<AuditView>('GET', `/officer/applications/${id}`, undefined, viewer),
    );
  const chainValidity: boolean[] = [];

  const accepts: number[] = [];
  const withdrawals: number[] = [];
  for (const id of ids) {
    const before = await stack.api<{ version: number }>('GET', `/applications/${id}`, undefined, citizen.token);
    const [accept, ...viewResults] = await Promise.all([
      stack.api(
        'POST',
        `/officer/applications/${id}/actions`,
        { action: 'accept', expectedVersion: before.body.version },
        reception,
      ),
      ...views(id),
    ]);
    expect(viewResults.map((v) => v.status)).toEqual(Array(VIEWS_PER_WRITE).fill(200));
    chainValidity.push(...viewResults.map((v) => (v.body as AuditView).auditChainValid));
    accepts.push(accept.status);
    const accepted = await stack.api<{ version: number }>('GET', `/applications/${id}`, undefined, citizen.token);
    const [withdraw, ...moreViews] = await Promise.all([
      stack.api(
        'POST',
        `/applications/${id}/withdraw`,
        { expectedVersion: accepted.body.version, reason: '不再需要' },
        citizen.token,
      ),
      ...views(id),
    ]);
    expect(moreViews.map((v) => v.status)).toEqual(Array(VIEWS_PER_WRITE).fill(200));
    chainValidity.push(...moreViews.map((v) => (v.body as AuditView).auditChainValid));
    withdrawals.push(withdraw.status);
  }
  expect(accepts).toEqual(Array(CASES).fill(200));
  expect(withdrawals).toEqual(Array(CASES).fill(200));
  // Records appended by concurrent views (or the decision) while one view was being read do not make it look tampered.
  expect(chainValidity).toEqual(Array(2 * CASES * VIEWS_PER_WRITE).fill(true));

  const trail = await stack.api<AuditView>('GET', `/officer/applications/${ids[0]}`, undefined, viewer);
  expect(trail.body.auditChainValid).toBe(true);
  const viewsByInspector = trail.body.audit.filter(
    (a) => a.chain === 'access' && a.action === 'view' && a.actor === 'officer:inspector',
  );
  // Both bursts and this last opening, each once.
  expect(viewsByInspector).toHaveLength(2 * VIEWS_PER_WRITE + 1);
  expect(trail.body.audit.filter((a) => a.chain === 'case').map((a) => a.action)).toEqual(
    expect.arrayContaining(['submit', 'accept', 'withdraw']),
  );
}, 120_000);

it('detects an edited view record in the access chain', async () => {
  const citizen = await verifiedCitizen(stack, '韩雪');
  const submitted = await submittedCase(stack, citizen.token, 'XZ-001');
  const reception = await officerToken(stack, 'xz_reception');
  await stack.api('GET', `/officer/applications/${submitted.id}`, undefined, reception);
  const db = DynamoDBDocumentClient.from(localClient(process.env.TEST_DYNAMODB_ENDPOINT as string));
  await db.send(
    new UpdateCommand({
      TableName: stack.tableName,
      Key: { PK: `APP#${submitted.id}`, SK: 'ACCESS#00000001' },
      UpdateExpression: 'SET actorId = :someone',
      ExpressionAttributeValues: { ':someone': 'someone-else' },
    }),
  );
  db.destroy();
  const view = await stack.api<AuditView>('GET', `/officer/applications/${submitted.id}`, undefined, reception);
  expect(view.body.auditChainValid).toBe(false);
});
