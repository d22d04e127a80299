import { randomUUID } from 'node:crypto';
import type { LicenceType } from '@minsheng/shared';
import { runScheduled } from '../../dev/src/scheduler';
import { reminderEventKey } from '../../functions/src/domain/notifications';
import { runExpiryReminders } from '../../functions/src/domain/reminders';
import { chinaDate } from '../../functions/src/lib/clock';
import { putLicence } from '../../functions/src/repositories/licences';
import { getOutbox } from '../../functions/src/repositories/outbox';
import { addDays } from '../../functions/src/repositories/reminders';
import { getVehicle, putVehicle } from '../../functions/src/repositories/traffic';
import { startTestStack, type TestStack } from '../support/test-stack';
import { citizenWithVehicle } from '../support/traffic';

/**
 * Expiry reminders at 90, 30 and 7 days: the daily job reads only the day's reminder
 * partitions and queues each reminder once per licence and threshold, through the outbox,
 * however often it runs and wherever it stopped.
 */
let stack: TestStack;
const today = chinaDate();
beforeAll(async () => {
  // This deployment holds a long-term subscription for the expiry template (government mini-program).
  process.env.SUBSCRIBE_LONG_TERM_TEMPLATES = 'expiry';
  stack = await startTestStack();
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

type Messages = { items: { kind: string; title: string; body: string }[] };
type Sent = { touser: string; data: Record<string, { value: string }> };

/** A logged-in citizen (not verified: reminders need only an account) with the openid WeChat knows. */
async function citizen() {
  const openid = `o_remind_${randomUUID().slice(0, 10)}`;
  const { accessToken } = await stack.login(openid);
  const userId = (await stack.api<{ userId: string }>('GET', '/me', undefined, accessToken)).body.userId;
  return { openid, token: accessToken, userId };
}

async function holdLicence(userId: string, validUntil: string, type: LicenceType = 'passport') {
  await putLicence({
    userId,
    type,
    numberMasked: 'E1*****78',
    validUntil,
    fields: {},
    flags: [],
    receivedAt: new Date().toISOString(),
  });
}

/** Everything the citizen was told: WeChat pushes and message-centre entries, after the worker ran. */
async function remindersOf(person: { openid: string; token: string }) {
  await runScheduled('notificationWorker');
  const res = await fetch(`${stack.wechat.url}/__standin/subscribe/sent?touser=${person.openid}`);
  const pushes = ((await res.json()) as { messages: Sent[] }).messages;
  const inbox = (await stack.api<Messages>('GET', '/messages', undefined, person.token)).body.items;
  return [
    ...pushes.map((p) => `${p.data.thing1?.value}|${p.data.thing3?.value}`),
    ...inbox.filter((m) => m.kind === 'reminder').map((m) => m.title),
  ];
}

const grantLongTerm = (openid: string) =>
  fetch(`${stack.wechat.url}/__standin/subscribe`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ openid, templateId: 'local-expiry-template', longTerm: true }),
  });

it('reminds once though the job runs twice', async () => {
  const person = await citizen();
  await grantLongTerm(person.openid);
  await holdLicence(person.userId, addDays(today, 30));

  const first = (await runScheduled('expiryReminders')) as { queued: number; complete: boolean };
  expect(first).toMatchObject({ queued: 1, complete: true });
  const second = (await runScheduled('expiryReminders')) as { queued: number; read: number };
  expect(second.queued).toBe(0);

  // A long-term template needs no accept: it goes out through WeChat.
  expect(await remindersOf(person)).toEqual(['普通护照|还有30天到期，请及时办理']);
  await runScheduled('expiryReminders');
  expect(await remindersOf(person)).toHaveLength(1);
  const key = reminderEventKey({
    userId: person.userId,
    subject: 'licence:passport',
    dueDate: addDays(today, 30),
    threshold: 30,
  });
  expect(await getOutbox(key)).toMatchObject({
    status: 'sent',
    channel: 'subscribe',
    kind: 'reminder',
  });
});

it('resumes after stopping half-way, without duplicates, and two overlapping runs queue each once', async () => {
  const people = await Promise.all(Array.from({ length: 8 }, citizen));
  for (const [i, p] of people.entries()) await holdLicence(p.userId, addDays(today, i % 2 ? 7 : 90));

  // A run that stops after three items (as a timeout or a crash would).
  const partial = await runExpiryReminders({ maxItems: 3 });
  expect(partial).toMatchObject({ read: 3, queued: 3, complete: false });

  // The next runs (two of them, overlapping) pick up the rest.
  const [rest, overlapping] = await Promise.all([runExpiryReminders(), runExpiryReminders()]);
  expect(rest.queued + overlapping.queued).toBe(5);
  expect(rest.complete && overlapping.complete).toBe(true);

  for (const p of people) expect(await remindersOf(p)).toHaveLength(1);
  expect((await runExpiryReminders()).queued).toBe(0);
});

it('queues nothing again when a licence already reminded today is written again', async () => {
  const person = await citizen();
  await holdLicence(person.userId, addDays(today, 7), 'hk-macau-permit');
  expect((await runExpiryReminders()).queued).toBe(1);
  // The licence exchange sends the same record again: the pointer goes back to today's reminder.
  await holdLicence(person.userId, addDays(today, 7), 'hk-macau-permit');
  const again = await runExpiryReminders();
  expect(again).toMatchObject({ read: 1, queued: 0, alreadyQueued: 1 });
  expect(await remindersOf(person)).toHaveLength(1);
});

it('reads only the reminders due today, however many licences there are', async () => {
  const people = await Promise.all(Array.from({ length: 3 }, citizen));
  for (const p of people) await holdLicence(p.userId, addDays(today, 30), 'driving-licence');
  // Forty more licences, reminded on other days.
  for (let i = 0; i < 40; i++) await holdLicence(`u_other_${i}`, addDays(today, 31 + i));
  const run = await runExpiryReminders();
  expect(run).toMatchObject({ read: 3, queued: 3 });
});

it('does not remind of a licence renewed before its reminder day', async () => {
  const person = await citizen();
  await holdLicence(person.userId, addDays(today, 30), 'residence-permit');
  await holdLicence(person.userId, addDays(today, 30 + 365 * 5), 'residence-permit');
  expect((await runExpiryReminders()).queued).toBe(0);
  expect(await remindersOf(person)).toEqual([]);
});

it('reminds of a vehicle inspection coming due, through the binding', async () => {
  const owner = await citizenWithVehicle(stack, '年检车主');
  const vehicle = await getVehicle('02', owner.vehicle.plate);
  await putVehicle({ ...(vehicle as NonNullable<typeof vehicle>), inspectionDue: addDays(today, 7) });
  const bound = await stack.api(
    'POST',
    '/traffic/vehicles',
    { plate: owner.vehicle.plate, plateType: '02', engineNumberLast6: 'E12345' },
    owner.token,
  );
  expect(bound.status).toBe(201);
  expect((await runExpiryReminders()).queued).toBe(1);
  // No long-term grant at WeChat for this citizen: 43101, so the message centre has it.
  await runScheduled('notificationWorker');
  const inbox = (await stack.api<Messages>('GET', '/messages', undefined, owner.token)).body.items;
  expect(inbox.filter((m) => m.kind === 'reminder')).toEqual([
    expect.objectContaining({ title: `机动车检验（${owner.vehicle.plate}）即将到期` }),
  ]);
});

it('moves from the 90-day reminder to the 30-day and the 7-day one, and catches up on missed days', async () => {
  const person = await citizen();
  await grantLongTerm(person.openid);
  await holdLicence(person.userId, addDays(today, 90), 'taiwan-permit');
  await runScheduled('expiryReminders');
  expect(await remindersOf(person)).toEqual(['往来台湾通行证|还有90天到期，请及时办理']);

  const at = (date: string) => new Date(`${date}T09:00:00+08:00`);
  // The job did not run on the 30-day date itself; the next day's run catches up.
  await runScheduled('expiryReminders', at(addDays(today, 61)));
  await runScheduled('expiryReminders', at(addDays(today, 61)));
  expect(await remindersOf(person)).toHaveLength(2);
  await runScheduled('expiryReminders', at(addDays(today, 83)));
  await runScheduled('expiryReminders', at(addDays(today, 84)));
  expect(await remindersOf(person)).toEqual([
    '往来台湾通行证|还有90天到期，请及时办理',
    '往来台湾通行证|还有29天到期，请及时办理',
    '往来台湾通行证|还有7天到期，请及时办理',
  ]);
});
