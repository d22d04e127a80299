import type { CalendarOverview, CalendarYearView, OfficerCaseView, QueueEntry } from '@minsheng/shared';
import { runScheduled } from '../../dev/src/scheduler';
import { dynamoMeter } from '../../functions/src/adapters/dynamo';
import { readAuditTrailOf, verifyChain } from '../../functions/src/repositories/audit';
import { arrangementAuditSubject } from '../../functions/src/repositories/calendar';
import { officerToken, submittedCase, verifiedCitizen } from '../support/cases';
import { startTestStack, type TestStack } from '../support/test-stack';

/**
 * The holiday calendar past the announced data, with the clock at Friday 2026-12-04 (China
 * time): 2027's 调休 is not announced yet. Deadlines skip the statutory days computed for 2027,
 * are marked provisional for officers, and an administrator enters the notice (audited).
 */
let stack: TestStack;
let admin: string;
const NOW = Date.parse('2026-12-04T10:00:00+08:00');
beforeAll(async () => {
  jest.spyOn(Date, 'now').mockReturnValue(NOW);
  stack = await startTestStack();
  admin = await officerToken(stack, 'admin');
}, 60_000);
afterAll(async () => {
  jest.restoreAllMocks();
  await stack?.stop();
});

const overview = (token: string) =>
  stack.api<CalendarOverview & { code?: string }>('GET', '/officer/calendar', undefined, token);
const save = (token: string, year: string | number, body: unknown) =>
  stack.api<CalendarYearView & { code?: string; details?: { path: string }[] }>(
    'PUT',
    `/officer/calendar/${year}`,
    body,
    token,
  );
const notice2027 = {
  notice: '国办发明电〔2026〕9号',
  // A made-up arrangement: Monday 4 January off, Saturday 20 February worked.
  restDays: ['2027-01-04'],
  makeUpWorkdays: ['2027-02-20'],
  expectedVersion: 0,
};

it('lists each year with its source and warns that the announced data ends on 31 December', async () => {
  const res = await overview(admin);
  expect(res.status).toBe(200);
  const byYear = new Map(res.body.years.map((y) => [y.year, y]));
  expect(byYear.get(2026)).toMatchObject({ source: 'seeded', announced: true, notice: '国办发明电〔2025〕7号' });
  expect(byYear.get(2025)).toMatchObject({ source: 'seeded', notice: '国办发明电〔2024〕12号' });
  expect(byYear.get(2027)).toMatchObject({ source: 'statutory-only', announced: false, version: 0 });
  expect(
    byYear
      .get(2027)
      ?.statutoryHolidays.filter((h) => h.name === '春节')
      .map((h) => h.date),
  ).toEqual(['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08']);
  expect(res.body.announcedUntil).toBe('2026-12-31');
  expect(res.body.warning).toContain('2027');
});

it('has the daily check log a warning for operators within 60 days of the end', async () => {
  const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    const result = await runScheduled('calendarCheck');
    expect(result).toMatchObject({ announcedUntil: '2026-12-31', warning: expect.stringContaining('2027') });
    const line = logged.mock.calls.map(([l]) => JSON.parse(String(l))).find((l) => l.level === 'warn');
    expect(line).toMatchObject({ message: 'calendar announced data ends soon', calendarAnnouncedDaysLeft: 27 });
  } finally {
    logged.mockRestore();
  }
});

it('keeps the calendar to administrators', async () => {
  const head = await officerToken(stack, 'hz_approver');
  expect((await overview(head)).body.code).toBe('ROLE_NOT_ALLOWED');
  const refused = await save(head, 2027, notice2027);
  expect([refused.status, refused.body.code]).toEqual([403, 'ROLE_NOT_ALLOWED']);
  expect((await stack.api('GET', '/officer/calendar')).status).toBe(401);
});

it('refuses an arrangement that contradicts the calendar, naming each wrong date', async () => {
  const wrong = await save(admin, 2027, {
    ...notice2027,
    restDays: ['2027-01-09', '2027-02-05', '2028-01-03'], // a Saturday, 除夕, next year
    makeUpWorkdays: ['2027-02-22'], // a Monday
  });
  expect([wrong.status, wrong.body.code]).toEqual([400, 'CALENDAR_ARRANGEMENT_INVALID']);
  expect(wrong.body.details?.map((d) => d.path)).toEqual([
    'restDays.0',
    'restDays.1',
    'restDays.2',
    'makeUpWorkdays.0',
  ]);
  for (const [year, body] of [
    ['abc', notice2027],
    [2024, notice2027],
    [2027, { ...notice2027, restDays: ['2027-02-30'] }],
    [2027, { ...notice2027, extra: true }],
    [2027, { ...notice2027, restDays: Array.from({ length: 41 }, () => '2027-01-04') }],
  ] as const) {
    const res = await save(admin, year, body);
    expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  }
});

it('marks 2027 deadlines provisional until the notice is entered, then counts its 调休', async () => {
  const citizen = await verifiedCitizen(stack);
  // HZ-037: 20 working days promised, 60 statutory.
  const first = await submittedCase(stack, citizen.token, 'HZ-037');
  expect(first.dueDate).toBe('2027-01-04'); // not 元旦 2027-01-01
  expect(first.statutoryDueDate).toBe('2027-03-03'); // 除夕 to 初三 (5–8 February) skipped
  const reception = await officerToken(stack, 'hz_reception');
  const queueItem = async (id: string) =>
    (await stack.api<{ items: QueueEntry[] }>('GET', '/officer/queue', undefined, reception)).body.items.find(
      (i) => i.id === id,
    );
  expect(await queueItem(first.id)).toMatchObject({ dueDate: '2027-01-04', dueDateProvisional: true });
  const casePage = await stack.api<OfficerCaseView>('GET', `/officer/applications/${first.id}`, undefined, reception);
  expect(casePage.body).toMatchObject({ dueDateProvisional: true, statutoryDueDateProvisional: true });

  const saved = await save(admin, 2027, notice2027);
  expect(saved.status).toBe(200);
  expect(saved.body).toMatchObject({
    year: 2027,
    source: 'announced',
    notice: notice2027.notice,
    version: 1,
    recalculatedCases: 1,
  });
  const trail = await readAuditTrailOf(arrangementAuditSubject(2027));
  expect(trail.map((e) => [e.action, e.actorId])).toEqual([['calendar_arrangement_saved', 'admin']]);
  expect(verifyChain(trail)).toBe(true);

  // The open case's running clock is recounted: 4 January is now a rest day; the make-up
  // Saturday (20 February) and the rest day cancel out for the statutory date.
  expect(await queueItem(first.id)).toMatchObject({ dueDate: '2027-01-05' });
  expect((await queueItem(first.id))?.dueDateProvisional).toBeUndefined();
  const recounted = await stack.api<OfficerCaseView>('GET', `/officer/applications/${first.id}`, undefined, reception);
  expect(recounted.body).toMatchObject({ dueDate: '2027-01-05', statutoryDueDate: '2027-03-03' });
  expect(recounted.body.audit.map((e) => e.action)).toContain('deadline_recalculated');
  expect(recounted.body.auditChainValid).toBe(true);
  const listed = await overview(admin);
  expect(listed.body.years.find((y) => y.year === 2027)).toMatchObject({ source: 'announced', version: 1 });
  expect(listed.body.announcedUntil).toBe('2027-12-31');
  expect(listed.body.warning).toBeUndefined();
  expect(await runScheduled('calendarCheck')).toEqual({ announcedUntil: '2027-12-31' });

  // The entered rest day moves a new deadline; the make-up Saturday counts as a working day.
  const second = await submittedCase(stack, citizen.token, 'HZ-037');
  expect(second.dueDate).toBe('2027-01-05');

  // A second save from the same starting version lost the race: refused, nothing written.
  const stale = await save(admin, 2027, { ...notice2027, restDays: [] });
  expect([stale.status, stale.body.code]).toEqual([409, 'CALENDAR_ARRANGEMENT_CONFLICT']);
  const corrected = await save(admin, 2027, { ...notice2027, restDays: [], expectedVersion: 1 });
  expect(corrected.body).toMatchObject({ version: 2, restDays: [], recalculatedCases: 2 });
  expect((await queueItem(second.id))?.dueDate).toBe('2027-01-04');
  const chain = await readAuditTrailOf(arrangementAuditSubject(2027));
  expect(chain).toHaveLength(2);
  expect(verifyChain(chain)).toBe(true);
});

it('reads the calendar records once per container and five minutes, not per request', async () => {
  const reception = await officerToken(stack, 'hz_reception');
  const queueQueries = async () => {
    dynamoMeter.reset();
    expect((await stack.api('GET', '/officer/queue', undefined, reception)).status).toBe(200);
    return dynamoMeter.calls.QueryCommand ?? 0;
  };
  await queueQueries(); // warm
  expect(await queueQueries()).toBe(1); // the queue's own index Query only
  const clock = jest.spyOn(Date, 'now').mockReturnValue(NOW + 5 * 60_000 + 1000);
  try {
    expect(await queueQueries()).toBe(2); // the calendar partition read again, once
    expect(await queueQueries()).toBe(1);
  } finally {
    clock.mockReturnValue(NOW);
  }
});
