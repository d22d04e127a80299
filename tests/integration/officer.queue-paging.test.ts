import type { QueueEntry } from '@minsheng/shared';
import { officerToken, submittedCase, verifiedCitizen } from '../support/cases';
import { startTestStack, type TestStack } from '../support/test-stack';

/** The officer queue pages with a cursor that cannot be pointed at another department's partition. */
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

type Page = { items: QueueEntry[]; nextCursor?: string; code?: string };
const queue = (token: string, query: string) => stack.api<Page>('GET', `/officer/queue?${query}`, undefined, token);

it('walks a department queue page by page, in due-date order, without gaps or repeats', async () => {
  const citizen = await verifiedCitizen(stack);
  const ids: string[] = [];
  for (let i = 0; i < 5; i++) ids.push((await submittedCase(stack, citizen.token, 'XZ-001')).id);
  const reception = await officerToken(stack, 'xz_reception');

  const seen: QueueEntry[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await queue(reception, `limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(page.status).toBe(200);
    expect(page.body.items.length).toBeLessThanOrEqual(2);
    seen.push(...page.body.items);
    cursor = page.body.nextCursor;
    pages++;
  } while (cursor && pages < 10);
  expect(seen.map((c) => c.id).sort()).toEqual([...ids].sort());
  const dues = seen.map((c) => c.dueDate ?? '');
  expect(dues).toEqual([...dues].sort());

  const whole = await queue(reception, 'state=open');
  expect(whole.body.items).toHaveLength(5);
  expect(whole.body.nextCursor).toBeUndefined();
});

it('refuses cursors for another partition, garbage cursors and other departments', async () => {
  const citizen = await verifiedCitizen(stack);
  await submittedCase(stack, citizen.token, 'XZ-001');
  await submittedCase(stack, citizen.token, 'XZ-001');
  const reception = await officerToken(stack, 'xz_reception');
  const first = await queue(reception, 'limit=1');
  const cursor = first.body.nextCursor as string;
  expect(cursor).toEqual(expect.any(String));

  const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  const forged = Buffer.from(JSON.stringify({ ...key, GSI1PK: 'QUEUE#household#open' })).toString('base64url');
  for (const bad of [forged, 'not-a-cursor', Buffer.from('[]').toString('base64url')]) {
    expect(await queue(reception, `limit=1&cursor=${encodeURIComponent(bad)}`)).toMatchObject({
      status: 400,
      body: { code: 'QUEUE_CURSOR_INVALID' },
    });
  }
  // The same cursor is not valid for the closed queue either.
  expect(await queue(reception, `state=closed&cursor=${encodeURIComponent(cursor)}`)).toMatchObject({ status: 400 });
  expect(await queue(reception, 'department=household')).toMatchObject({
    status: 403,
    body: { code: 'ROLE_NOT_ALLOWED' },
  });
  expect(await queue(reception, 'limit=0')).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });

  const inspector = await officerToken(stack, 'inspector');
  const one = await queue(inspector, 'department=criminal&limit=1');
  expect(one.body.items).toHaveLength(1);
  expect(one.body.nextCursor).toEqual(expect.any(String));
  expect(await queue(inspector, `scope=all&cursor=${encodeURIComponent(cursor)}`)).toMatchObject({
    status: 400,
    body: { code: 'QUEUE_CURSOR_INVALID' },
  });
});
