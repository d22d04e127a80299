import {
  type AppointmentView,
  type HallDayView,
  type OfficerAppointmentView,
  seededChinaCalendar,
} from '@minsheng/shared';
import { runScheduled } from '../../dev/src/scheduler';
import { readAuditTrailOf, verifyChain } from '../../functions/src/repositories/audit';
import { getOutbox } from '../../functions/src/repositories/outbox';
import { officerToken, verifiedCitizen } from '../support/cases';
import { startTestStack, type TestStack } from '../support/test-stack';

/**
 * Window appointments through the real API: places never oversold, one booking per citizen and
 * time, at most three upcoming, cancellation frees the place, officers see and check in only
 * their department's, missed appointments become no-shows once, and three suspend booking.
 */
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
}, 60_000);
afterAll(async () => {
  jest.restoreAllMocks();
  await stack?.stop();
});

type Booked = { status: number; body: AppointmentView & { code?: string } };
const book = (token: string, body: Record<string, unknown>) =>
  stack.api('POST', '/appointments', body, token) as Promise<Booked>;

async function schedule(hallId: string): Promise<HallDayView[]> {
  const res = await stack.api<{ days: HallDayView[] }>('GET', `/appointments/slots?hallId=${hallId}`);
  expect(res.status).toBe(200);
  return res.body.days;
}

/** Bookable (date, time) pairs of a hall, soonest first, skipping today (which may be nearly over). */
async function openSlots(hallId: string): Promise<{ date: string; time: string }[]> {
  const days = await schedule(hallId);
  return days.slice(1).flatMap((d) => d.slots.filter((s) => s.bookable).map((s) => ({ date: d.date, time: s.time })));
}

const remaining = async (hallId: string, date: string, time: string) =>
  (await schedule(hallId)).find((d) => d.date === date)?.slots.find((s) => s.time === time)?.remaining;

/** `Date.now` as if at `date time` China time (the handlers run in this process). */
const pinClock = (date: string, time: string) =>
  jest.spyOn(Date, 'now').mockReturnValue(Date.parse(`${date}T${time}:00+08:00`));

describe('halls and slots', () => {
  it('lists the halls for an item and the working-day slots with their places', async () => {
    const halls = await stack.api<{ halls: { id: string }[] }>('GET', '/appointments/halls?itemCode=HZ-001');
    expect(halls.body.halls.map((h) => h.id).sort()).toEqual(['citizen-centre', 'gulou-station']);
    const days = await schedule('gulou-station');
    expect(days.length).toBe(8);
    for (const day of days) {
      expect(seededChinaCalendar().isWorkingDay(day.date)).toBe(true);
      expect(day.slots.map((s) => s.time)).toEqual([
        '09:00',
        '09:30',
        '10:00',
        '10:30',
        '11:00',
        '11:30',
        '14:30',
        '15:00',
        '15:30',
        '16:00',
        '16:30',
        '17:00',
      ]);
      for (const slot of day.slots) expect(slot.capacity).toBe(2);
    }
  });

  it('refuses unknown halls, bad dates and query strings with clear codes', async () => {
    expect(await stack.api('GET', '/appointments/slots?hallId=nowhere')).toMatchObject({
      status: 404,
      body: { code: 'APPOINTMENT_HALL_NOT_FOUND' },
    });
    expect(await stack.api('GET', '/appointments/slots?hallId=gulou-station&date=2026-1-5')).toMatchObject({
      status: 400,
      body: { code: 'VALIDATION_FAILED' },
    });
    expect(await stack.api('GET', '/appointments/slots')).toMatchObject({ status: 400 });
  });
});

describe('booking', () => {
  it('never sells more places than the hall has windows, and a cancellation frees one', async () => {
    const [slot] = await openSlots('gulou-station');
    if (!slot) throw new Error('no open slot');
    const citizens = await Promise.all(
      ['赵一', '钱二', '孙三', '李四', '周五', '吴六'].map((name) => verifiedCitizen(stack, name)),
    );
    const results = await Promise.all(
      citizens.map((c) => book(c.token, { hallId: 'gulou-station', itemCode: 'HZ-001', ...slot })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 201, 409, 409, 409, 409]);
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.code).toBe('APPOINTMENT_SLOT_FULL');
    expect(await remaining('gulou-station', slot.date, slot.time)).toBe(0);

    const winner = citizens[results.findIndex((r) => r.status === 201)];
    const booked = results.find((r) => r.status === 201)?.body as AppointmentView;
    expect(booked).toMatchObject({ status: 'booked', hallName: '鼓楼派出所户籍窗口', itemName: '出生登记' });
    expect(booked.id).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    const cancelled = await stack.api('POST', `/appointments/${booked.id}/cancel`, undefined, winner?.token);
    expect(cancelled).toMatchObject({ status: 200, body: { status: 'cancelled', cancellable: false } });
    expect(await remaining('gulou-station', slot.date, slot.time)).toBe(1);
    const twice = await stack.api('POST', `/appointments/${booked.id}/cancel`, undefined, winner?.token);
    expect(twice).toMatchObject({
      status: 409,
      body: { code: 'APPOINTMENT_NOT_CANCELLABLE', message: expect.stringContaining('当前状态：已取消') },
    });
    expect(await remaining('gulou-station', slot.date, slot.time)).toBe(1);
  });

  it('takes one booking per citizen and time, even when both requests race', async () => {
    const person = await verifiedCitizen(stack);
    const [slot] = await openSlots('citizen-centre');
    if (!slot) throw new Error('no open slot');
    const [a, b] = await Promise.all([
      book(person.token, { hallId: 'citizen-centre', itemCode: 'XZ-001', ...slot }),
      book(person.token, { hallId: 'gulou-station', itemCode: 'HZ-001', ...slot }),
    ]);
    const statuses = [a.status, b.status].sort();
    // Either the time lock refused the second, or (if the gulou slot is not a slot then) the rules did.
    expect(statuses[0]).toBe(201);
    expect(['APPOINTMENT_TIME_TAKEN', 'APPOINTMENT_SLOT_UNAVAILABLE']).toContain((a.status === 201 ? b : a).body.code);
    const mine = await stack.api<{ items: AppointmentView[] }>('GET', '/appointments', undefined, person.token);
    expect(mine.body.items).toHaveLength(1);
    const same = await book(person.token, { hallId: 'citizen-centre', itemCode: 'XZ-001', ...slot });
    expect(same).toMatchObject({ status: 409, body: { code: 'APPOINTMENT_TIME_TAKEN' } });
  });

  it('holds at most three upcoming appointments; cancelling one makes room', async () => {
    const person = await verifiedCitizen(stack);
    const slots = (await openSlots('exit-entry-hall')).slice(0, 4);
    const first = [];
    for (const slot of slots.slice(0, 3)) {
      const res = await book(person.token, { hallId: 'exit-entry-hall', itemCode: 'CR-001', ...slot });
      expect(res.status).toBe(201);
      first.push(res.body);
    }
    const fourth = await book(person.token, { hallId: 'exit-entry-hall', itemCode: 'CR-001', ...slots[3] });
    expect(fourth).toMatchObject({ status: 409, body: { code: 'APPOINTMENT_LIMIT_REACHED' } });
    await stack.api('POST', `/appointments/${first[0]?.id}/cancel`, undefined, person.token);
    expect((await book(person.token, { hallId: 'exit-entry-hall', itemCode: 'CR-001', ...slots[3] })).status).toBe(201);
  });

  it.each([
    [
      'a hall that does not handle the item',
      { hallId: 'vehicle-office', itemCode: 'HZ-001' },
      422,
      'APPOINTMENT_HALL_NOT_FOR_ITEM',
    ],
    ['an unknown item', { hallId: 'gulou-station', itemCode: 'NOPE-1' }, 404, 'SERVICE_ITEM_NOT_FOUND'],
    [
      'a time that is not a slot',
      { hallId: 'gulou-station', itemCode: 'HZ-001', time: '12:30' },
      422,
      'APPOINTMENT_SLOT_UNAVAILABLE',
    ],
    [
      'a date in the past',
      { hallId: 'gulou-station', itemCode: 'HZ-001', date: '2026-01-05' },
      422,
      'APPOINTMENT_SLOT_UNAVAILABLE',
    ],
    ['a Sunday', { hallId: 'gulou-station', itemCode: 'HZ-001', date: 'SUNDAY' }, 422, 'APPOINTMENT_SLOT_UNAVAILABLE'],
    ['an unknown field', { hallId: 'gulou-station', itemCode: 'HZ-001', window: 3 }, 400, 'VALIDATION_FAILED'],
    ['a malformed time', { hallId: 'gulou-station', itemCode: 'HZ-001', time: '9点' }, 400, 'VALIDATION_FAILED'],
  ])('refuses %s', async (_label, override, status, code) => {
    const person = await verifiedCitizen(stack);
    const [slot] = await openSlots('gulou-station');
    if (!slot) throw new Error('no open slot');
    const days = await schedule('gulou-station');
    const last = days.at(-1)?.date ?? slot.date;
    const sunday = new Date(`${last}T00:00:00Z`);
    while (sunday.getUTCDay() !== 0) sunday.setUTCDate(sunday.getUTCDate() - 1);
    const body = { ...slot, ...override } as Record<string, unknown>;
    if (body.date === 'SUNDAY') body.date = sunday.toISOString().slice(0, 10);
    expect(await book(person.token, body)).toMatchObject({ status, body: { code } });
  });

  it('requires a verified identity and the citizen’s own case', async () => {
    const { accessToken } = await stack.login(`o_appt_${Date.now()}`);
    const [slot] = await openSlots('gulou-station');
    expect(await book(accessToken, { hallId: 'gulou-station', itemCode: 'HZ-001', ...slot })).toMatchObject({
      status: 403,
      body: { code: 'IDENTITY_REQUIRED' },
    });
    const person = await verifiedCitizen(stack);
    const res = await book(person.token, {
      hallId: 'gulou-station',
      itemCode: 'HZ-001',
      applicationId: 'APP-nope',
      ...slot,
    });
    expect(res).toMatchObject({ status: 404, body: { code: 'APPLICATION_NOT_FOUND' } });
    expect(await stack.api('GET', '/appointments')).toMatchObject({ status: 401 });
  });

  it('lets nobody cancel another citizen’s appointment', async () => {
    const [owner, other] = await Promise.all([verifiedCitizen(stack), verifiedCitizen(stack)]);
    const [slot] = (await openSlots('citizen-centre')).slice(-1);
    const booked = await book(owner.token, { hallId: 'citizen-centre', itemCode: 'XZ-001', ...slot });
    expect(booked.status).toBe(201);
    const res = await stack.api('POST', `/appointments/${booked.body.id}/cancel`, undefined, other.token);
    expect(res).toMatchObject({ status: 404, body: { code: 'APPOINTMENT_NOT_FOUND' } });
    // Ids no appointment can have: a 404, not a DynamoDB key-size error.
    for (const id of ['X'.repeat(3000), '%25', '']) {
      const odd = await stack.api('POST', `/appointments/${id}/cancel`, undefined, other.token);
      expect([404]).toContain(odd.status);
    }
  });
});

describe('at the window', () => {
  it('shows officers their department’s appointments only, and checks one in on its day, audited', async () => {
    const person = await verifiedCitizen(stack, '钱多多');
    const [slot] = await openSlots('citizen-centre');
    if (!slot) throw new Error('no open slot');
    const booked = await book(person.token, { hallId: 'citizen-centre', itemCode: 'XZ-001', ...slot });
    expect(booked.status).toBe(201);
    const id = booked.body.id;

    const criminal = await officerToken(stack, 'xz_reception');
    const household = await officerToken(stack, 'hz_reception');
    const exitEntry = await officerToken(stack, 'crj_reception');
    const query = `/officer/appointments?hallId=citizen-centre&date=${slot.date}`;
    const list = await stack.api<{ items: OfficerAppointmentView[] }>('GET', query, undefined, criminal);
    expect(list.body.items.find((a) => a.id === id)).toMatchObject({
      applicantNameMasked: '钱**',
      itemName: '无犯罪记录证明',
      time: slot.time,
      status: 'booked',
    });
    const theirs = await stack.api<{ items: OfficerAppointmentView[] }>('GET', query, undefined, household);
    expect(theirs.body.items.map((a) => a.id)).not.toContain(id);
    expect(await stack.api('GET', query, undefined, exitEntry)).toMatchObject({ status: 403 });
    expect(await stack.api('POST', `/officer/appointments/${id}/check-in`, undefined, household)).toMatchObject({
      status: 404,
    });
    // Not its day yet.
    expect(await stack.api('POST', `/officer/appointments/${id}/check-in`, undefined, criminal)).toMatchObject({
      status: 409,
      body: { code: 'APPOINTMENT_NOT_TODAY' },
    });

    const clock = pinClock(slot.date, slot.time);
    try {
      const onTheDay = await officerToken(stack, 'xz_reception');
      const checked = await stack.api('POST', `/officer/appointments/${id}/check-in`, undefined, onTheDay);
      expect(checked).toMatchObject({ status: 200, body: { status: 'checked-in' } });
      const again = await stack.api('POST', `/officer/appointments/${id}/check-in`, undefined, onTheDay);
      expect(again).toMatchObject({
        status: 409,
        body: { code: 'APPOINTMENT_ALREADY_CLOSED', message: expect.stringContaining('当前状态：已到号') },
      });
    } finally {
      clock.mockRestore();
    }
    const trail = await readAuditTrailOf(`APPT#${id}`);
    expect(verifyChain(trail)).toBe(true);
    expect(trail.map((e) => [e.action, e.actorType, e.actorId])).toEqual([
      ['book', 'citizen', expect.any(String)],
      ['check-in', 'officer', 'xz_reception'],
    ]);
  });
});

describe('the daily sweep', () => {
  it('marks missed appointments as no-shows once, reminds the day before once, and suspends after three', async () => {
    const person = await verifiedCitizen(stack);
    const slots = await openSlots('exit-entry-hall');
    const day = slots[0]?.date as string;
    const sameDay = slots.filter((s) => s.date === day).slice(0, 3);
    const ids: string[] = [];
    for (const slot of sameDay) {
      const res = await book(person.token, { hallId: 'exit-entry-hall', itemCode: 'CR-001', ...slot });
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }

    // The evening before: one reminder per appointment, however often the job runs.
    const eve = new Date(Date.parse(`${day}T00:00:00+08:00`) - 6 * 3600_000);
    const before = (await runScheduled('appointmentSweep', eve)) as { reminders: number; noShows: number };
    expect(before.reminders).toBeGreaterThanOrEqual(3);
    expect(((await runScheduled('appointmentSweep', eve)) as { reminders: number }).reminders).toBe(0);
    for (const id of ids) expect(await getOutbox(`APPT#${id}#remind`)).toMatchObject({ kind: 'appointment' });

    // The morning after: all three missed.
    const after = new Date(Date.parse(`${day}T01:00:00+08:00`) + 86_400_000);
    const swept = (await runScheduled('appointmentSweep', after)) as { noShows: number };
    expect(swept.noShows).toBeGreaterThanOrEqual(3);
    expect(((await runScheduled('appointmentSweep', after)) as { noShows: number }).noShows).toBe(0);
    const mine = await stack.api<{ items: AppointmentView[] }>('GET', '/appointments', undefined, person.token);
    expect(mine.body.items.map((a) => a.status)).toEqual(['no-show', 'no-show', 'no-show']);

    const next = slots.find((s) => s.date !== day);
    const refused = await book(person.token, { hallId: 'exit-entry-hall', itemCode: 'CR-001', ...next });
    expect(refused).toMatchObject({ status: 403, body: { code: 'APPOINTMENT_SUSPENDED' } });
  });
});
