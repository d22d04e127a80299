import { type Json, preparedDraft, verifiedCitizen } from '../support/cases';
import { startTestStack, type TestStack } from '../support/test-stack';

/** 挪车 (JG-031) says 5 a month: the submission enforces it, atomically, and a refused one takes no number. */
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

const submit = (token: string, draft: { id: string; version: number }) =>
  stack.api<Json & { caseNumber?: string; code?: string }>(
    'POST',
    `/applications/${draft.id}/submit`,
    { expectedVersion: draft.version },
    token,
  );

it('accepts 5 挪车 requests a month per citizen, even when the last ones race, and refuses the rest', async () => {
  const citizen = await verifiedCitizen(stack);
  const drafts = [];
  for (let i = 0; i < 7; i++) drafts.push(await preparedDraft(stack, citizen.token, 'JG-031'));
  const first = [];
  for (const draft of drafts.slice(0, 3)) first.push(await submit(citizen.token, draft));
  expect(first.map((r) => r.status)).toEqual([200, 200, 200]);

  const racing = await Promise.all(drafts.slice(3).map((d) => submit(citizen.token, d)));
  expect(racing.map((r) => r.status).sort()).toEqual([200, 200, 409, 409]);
  const refused = racing.find((r) => r.status === 409);
  expect(refused?.body).toMatchObject({ code: 'MONTHLY_LIMIT_REACHED', message: expect.stringContaining('5 次') });

  // Refused submissions took no case number: the accepted ones are numbered without a gap.
  const numbers = [...first, ...racing].filter((r) => r.status === 200).map((r) => r.body.caseNumber as string);
  const sequences = numbers.map((n) => Number(n.split('-')[1])).sort((a, b) => a - b);
  expect(sequences).toEqual([1, 2, 3, 4, 5].map((i) => (sequences[0] as number) + i - 1));

  // Another citizen has their own five.
  const other = await verifiedCitizen(stack);
  expect((await submit(other.token, await preparedDraft(stack, other.token, 'JG-031'))).status).toBe(200);
}, 120_000);
