import { CASE_NUMBER_PATTERN, chinaDateOf } from '@minsheng/shared';
import { type Json, officerToken, preparedDraft, submittedCase, verifiedCitizen } from '../support/cases';
import { startTestStack, type TestStack } from '../support/test-stack';

/**
 * 办件编号: a human number per department and day, taken in the submission's transaction,
 * shown to citizens and officers, and the way an officer opens a case by what a citizen reads out.
 */
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

const today = () => chinaDateOf(new Date().toISOString()).replaceAll('-', '');
const sequenceOf = (caseNumber: string) => Number(caseNumber.split('-')[1]);

it('numbers 20 concurrent submissions in one department with 20 distinct consecutive numbers', async () => {
  const citizens = await Promise.all(Array.from({ length: 4 }, () => verifiedCitizen(stack)));
  const drafts: { token: string; id: string; version: number }[] = [];
  for (const citizen of citizens) {
    for (let i = 0; i < 5; i++)
      drafts.push({ token: citizen.token, ...(await preparedDraft(stack, citizen.token, 'XZ-001')) });
  }
  const started = Date.now();
  const answers = await Promise.all(
    drafts.map((d) =>
      stack.api<Json & { caseNumber: string }>(
        'POST',
        `/applications/${d.id}/submit`,
        { expectedVersion: d.version },
        d.token,
      ),
    ),
  );
  console.log(`20 concurrent submissions in one department: ${Date.now() - started} ms`);
  expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
  const numbers = answers.map((a) => a.body.caseNumber);
  for (const n of numbers) expect(n).toMatch(new RegExp(`^XZ${today()}-\\d{4}$`));
  expect(new Set(numbers).size).toBe(20);
  const sequences = numbers.map(sequenceOf).sort((a, b) => a - b);
  const first = sequences[0] as number;
  expect(sequences).toEqual(Array.from({ length: 20 }, (_, i) => first + i));
}, 120_000);

it('shows 草稿 (no number) on a draft and the number on the submitted case, its list and the queue', async () => {
  const citizen = await verifiedCitizen(stack);
  const draft = await preparedDraft(stack, citizen.token, 'HZ-001');
  const asDraft = await stack.api<Json>('GET', `/applications/${draft.id}`, undefined, citizen.token);
  expect(asDraft.body.caseNumber).toBeUndefined();
  const submitted = await stack.api<Json & { caseNumber: string }>(
    'POST',
    `/applications/${draft.id}/submit`,
    { expectedVersion: draft.version },
    citizen.token,
  );
  expect(submitted.body.caseNumber).toMatch(new RegExp(`^HZ${today()}-0001$`));
  const mine = await stack.api<{ items: Json[] }>('GET', '/applications', undefined, citizen.token);
  expect(mine.body.items.find((i) => i.id === draft.id)).toMatchObject({ caseNumber: submitted.body.caseNumber });
  const officer = await officerToken(stack, 'hz_reception');
  const queue = await stack.api<{ items: Json[] }>('GET', '/officer/queue', undefined, officer);
  expect(queue.body.items.find((i) => i.id === draft.id)).toMatchObject({ caseNumber: submitted.body.caseNumber });
  const opened = await stack.api<Json>('GET', `/officer/applications/${draft.id}`, undefined, officer);
  expect(opened.body.caseNumber).toBe(submitted.body.caseNumber);
}, 60_000);

it("finds a case by its number only within the officer's department (inspectors: all)", async () => {
  const citizen = await verifiedCitizen(stack);
  const submitted = await submittedCase(stack, citizen.token, 'XZ-001');
  const caseNumber = submitted.caseNumber as string;
  expect(caseNumber).toMatch(CASE_NUMBER_PATTERN);
  const lookup = (token: string, typed: string) =>
    stack.api<Json>('GET', `/officer/case-numbers/${encodeURIComponent(typed)}`, undefined, token);

  const own = await officerToken(stack, 'xz_reception');
  expect(await lookup(own, caseNumber)).toMatchObject({ status: 200, body: { id: submitted.id, caseNumber } });
  // As typed at a counter: lower case and stray spaces are fine.
  expect(await lookup(own, ` ${caseNumber.toLowerCase()} `)).toMatchObject({ status: 200, body: { id: submitted.id } });

  const other = await officerToken(stack, 'hz_reception');
  expect(await lookup(other, caseNumber)).toMatchObject({ status: 404, body: { code: 'APPLICATION_NOT_FOUND' } });
  const inspector = await officerToken(stack, 'inspector');
  expect(await lookup(inspector, caseNumber)).toMatchObject({ status: 200, body: { id: submitted.id } });

  expect(await lookup(own, 'XZ20000101-0001')).toMatchObject({ status: 404, body: { code: 'APPLICATION_NOT_FOUND' } });
  expect(await lookup(own, submitted.id)).toMatchObject({ status: 400, body: { code: 'CASE_NUMBER_INVALID' } });
  expect((await stack.api('GET', `/officer/case-numbers/${encodeURIComponent(caseNumber)}`)).status).toBe(401);
}, 60_000);
