import { runScheduled } from '../../dev/src/scheduler';
import { getOutbox } from '../../functions/src/repositories/outbox';
import { act, type Json, officerToken, submittedCase, verifiedCitizen } from '../support/cases';
import { startTestStack, type TestStack } from '../support/test-stack';
import { citizenWithFine, eventually } from '../support/traffic';

/**
 * Progress notifications: an outbox record per event, sent after commit as a WeChat subscribe
 * message while the citizen has an accept left, otherwise to the message centre; retried on
 * WeChat errors; never twice.
 */
let stack: TestStack;
let templates: Record<string, string>;
beforeAll(async () => {
  // Retries come due after 1 s, 2 s, … instead of 30 s, so a test can wait for one.
  process.env.NOTIFICATION_RETRY_BASE_SECONDS = '1';
  stack = await startTestStack();
  const citizen = await verifiedCitizen(stack, '模板');
  const res = await stack.api<{ templates: { key: string; templateId: string }[] }>(
    'GET',
    '/subscriptions',
    undefined,
    citizen.token,
  );
  templates = Object.fromEntries(res.body.templates.map((t) => [t.key, t.templateId]));
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

type Sent = { touser: string; templateId: string; page?: string; data: Record<string, { value: string }> };
type Messages = { items: (Json & { id: string; title: string; kind: string; read: boolean })[]; unread: number };

const standIn = async (path: string, body?: unknown) => {
  const res = await fetch(`${stack.wechat.url}/__standin/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return res.json();
};
const pushed = async (openid: string) =>
  ((await standIn(`subscribe/sent?touser=${encodeURIComponent(openid)}`)) as { messages: Sent[] }).messages;
const messagesOf = async (token: string) => (await stack.api<Messages>('GET', '/messages', undefined, token)).body;
const sendCalls = async () => ((await standIn('calls')) as { subscribeSend: number }).subscribeSend;

/** The citizen accepts `count` times in wx.requestSubscribeMessage: WeChat records it, and the mini-app tells us. */
async function accept(citizen: { openid: string; token: string }, key: string, count = 1) {
  const templateId = templates[key] as string;
  await standIn('subscribe', { openid: citizen.openid, templateId, count });
  for (let i = 0; i < count; i++) {
    const res = await stack.api(
      'POST',
      '/subscriptions',
      { templateIds: [templateId], accepted: [templateId] },
      citizen.token,
    );
    expect(res.status).toBe(200);
  }
}

const acceptsLeft = async (token: string, key: string) =>
  (
    await stack.api<{ templates: { key: string; acceptsLeft?: number }[] }>('GET', '/subscriptions', undefined, token)
  ).body.templates.find((t) => t.key === key)?.acceptsLeft;

it('sends exactly one subscribe message for a state change, after it commits', async () => {
  const citizen = await verifiedCitizen(stack, '通知甲');
  await accept(citizen, 'progress', 2);
  const submitted = await submittedCase(stack, citizen.token, 'XZ-001');

  const sent = await pushed(citizen.openid);
  expect(sent).toHaveLength(1);
  expect(sent[0]).toMatchObject({
    templateId: templates.progress,
    page: `packageApply/pages/case/index?id=${submitted.id}`,
    data: { thing1: { value: '无犯罪记录证明' }, thing2: { value: '已提交，待受理' } },
  });
  for (const entry of Object.values(sent[0]?.data ?? {}))
    expect(Array.from(entry.value).length).toBeLessThanOrEqual(20);
  const record = await getOutbox(`APP#${submitted.id}#${submitted.version}`);
  expect(record).toMatchObject({ status: 'sent', channel: 'subscribe', attempts: 1 });

  // The worker finds nothing left to do for it.
  await runScheduled('notificationWorker');
  await runScheduled('notificationWorker');
  expect(await pushed(citizen.openid)).toHaveLength(1);
  expect((await messagesOf(citizen.token)).items).toHaveLength(0);
  expect(await acceptsLeft(citizen.token, 'progress')).toBe(1);

  // The next transition is the next message.
  const reception = await officerToken(stack, 'xz_reception');
  expect((await act(stack, reception, submitted.id, 'accept')).status).toBe(200);
  const after = await pushed(citizen.openid);
  expect(after.map((m) => m.data.thing2?.value)).toEqual(['已提交，待受理', '已受理']);
});

it('puts the message in the message centre when the citizen has no accept left, without asking WeChat', async () => {
  const citizen = await verifiedCitizen(stack, '通知乙');
  const before = await sendCalls();
  const submitted = await submittedCase(stack, citizen.token, 'XZ-001');
  expect(await sendCalls()).toBe(before);
  const inbox = await messagesOf(citizen.token);
  expect(inbox.unread).toBe(1);
  expect(inbox.items[0]).toMatchObject({
    kind: 'application',
    title: '办件进度：已提交，待受理',
    body: expect.stringContaining(`办件编号 ${submitted.caseNumber}`),
    page: `packageApply/pages/case/index?id=${submitted.id}`,
    read: false,
  });
  expect(await getOutbox(`APP#${submitted.id}#${submitted.version}`)).toMatchObject({
    status: 'sent',
    channel: 'inbox',
    fallbackReason: 'no_accept',
  });
});

it('falls back to the message centre when WeChat answers 43101, and believes WeChat over its own count', async () => {
  const citizen = await verifiedCitizen(stack, '通知丙');
  // The mini-app reported an accept WeChat does not have (say, accepted on another device and used there).
  await stack.api(
    'POST',
    '/subscriptions',
    { templateIds: [templates.progress], accepted: [templates.progress] },
    citizen.token,
  );
  expect(await acceptsLeft(citizen.token, 'progress')).toBe(1);
  const before = await sendCalls();
  await submittedCase(stack, citizen.token, 'XZ-001');
  expect(await sendCalls()).toBe(before + 1);
  expect(await pushed(citizen.openid)).toHaveLength(0);
  const inbox = await messagesOf(citizen.token);
  expect(inbox.items.map((m) => m.title)).toEqual(['办件进度：已提交，待受理']);
  expect(await acceptsLeft(citizen.token, 'progress')).toBe(0);
});

it.each([
  ['an HTTP 5xx', 'http-5xx'],
  ['errcode -1 (system busy)', 'system-busy'],
])('retries after %s with backoff, then sends once', async (_label, mode) => {
  const citizen = await verifiedCitizen(stack, '通知丁');
  await accept(citizen, 'progress');
  await standIn('subscribe/fail-next', { count: 1, mode });
  const submitted = await submittedCase(stack, citizen.token, 'XZ-001');
  const eventKey = `APP#${submitted.id}#${submitted.version}`;

  const waiting = await getOutbox(eventKey);
  expect(waiting).toMatchObject({ status: 'pending', attempts: 1 });
  expect(Date.parse(waiting?.nextAttemptAt as string)).toBeGreaterThan(Date.parse(waiting?.createdAt as string));
  expect(await pushed(citizen.openid)).toHaveLength(0);
  // The accept taken for the failed attempt was given back.
  expect(await acceptsLeft(citizen.token, 'progress')).toBe(1);

  // Not due yet: the worker leaves it.
  await runScheduled('notificationWorker');
  expect((await getOutbox(eventKey))?.status).toBe('pending');

  await new Promise((r) => setTimeout(r, Date.parse(waiting?.nextAttemptAt as string) - Date.now() + 50));
  await runScheduled('notificationWorker');
  await runScheduled('notificationWorker');
  expect(await pushed(citizen.openid)).toHaveLength(1);
  expect(await getOutbox(eventKey)).toMatchObject({ status: 'sent', channel: 'subscribe', attempts: 2 });
  expect((await messagesOf(citizen.token)).items).toHaveLength(0);
});

it('sends a message once when several workers run at the same time', async () => {
  const citizen = await verifiedCitizen(stack, '通知戊');
  await accept(citizen, 'progress', 3);
  await standIn('subscribe/fail-next', { count: 1, mode: 'http-5xx' });
  const submitted = await submittedCase(stack, citizen.token, 'XZ-001');
  const waiting = await getOutbox(`APP#${submitted.id}#${submitted.version}`);
  await new Promise((r) => setTimeout(r, Date.parse(waiting?.nextAttemptAt as string) - Date.now() + 50));

  await Promise.all(Array.from({ length: 4 }, () => runScheduled('notificationWorker')));
  expect(await pushed(citizen.openid)).toHaveLength(1);
  expect(await acceptsLeft(citizen.token, 'progress')).toBe(2);
});

it('tells the citizen a fine was paid, once, though WeChat Pay notifies many times', async () => {
  const owner = await citizenWithFine(stack, '通知缴款');
  const order = await stack.api<{ outTradeNo: string }>(
    'POST',
    `/traffic/violations/${encodeURIComponent(owner.fine.id)}/payment`,
    undefined,
    owner.token,
  );
  const payControl = (path: string, body: unknown) =>
    fetch(`${stack.wechatPay.url}/__standin/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  await payControl('misbehave', { mode: 'duplicate-notifications', count: 5 });
  await payControl('pay', { out_trade_no: order.body.outTradeNo });
  const inbox = await eventually(
    () => messagesOf(owner.token),
    (m) => m.items.length > 0,
  );
  await new Promise((r) => setTimeout(r, 1000));
  await runScheduled('notificationWorker');
  await payControl('misbehave', { mode: 'reset' });
  expect((await messagesOf(owner.token)).items).toEqual([
    expect.objectContaining({
      kind: 'payment',
      title: '缴费成功',
      page: expect.stringContaining(order.body.outTradeNo),
    }),
  ]);
  expect(inbox.items[0]?.body).toContain(`¥${(owner.fine.fineFen / 100).toFixed(2)}`);
});

it('shows messages only to their owner, and marks them read', async () => {
  const owner = await verifiedCitizen(stack, '通知己');
  const other = await verifiedCitizen(stack, '通知庚');
  await submittedCase(stack, owner.token, 'XZ-001');
  const mine = await messagesOf(owner.token);
  const id = mine.items[0]?.id as string;
  expect(mine.unread).toBe(1);

  expect((await messagesOf(other.token)).items.map((m) => m.id)).not.toContain(id);
  const foreign = await stack.api('POST', `/messages/${encodeURIComponent(id)}/read`, undefined, other.token);
  expect(foreign).toMatchObject({ status: 404, body: { code: 'MESSAGE_NOT_FOUND' } });
  expect((await stack.api('GET', '/messages')).status).toBe(401);

  const read = await stack.api<Json>('POST', `/messages/${encodeURIComponent(id)}/read`, undefined, owner.token);
  expect(read).toMatchObject({ status: 200, body: { id, read: true } });
  const again = await stack.api<Json>('POST', `/messages/${encodeURIComponent(id)}/read`, undefined, owner.token);
  expect(again.body.readAt).toBe(read.body.readAt);
  expect((await messagesOf(owner.token)).unread).toBe(0);
});

it('refuses subscriptions to templates that are not ours', async () => {
  const citizen = await verifiedCitizen(stack, '通知辛');
  const res = await stack.api(
    'POST',
    '/subscriptions',
    { templateIds: ['someone-elses-template'], accepted: ['someone-elses-template'] },
    citizen.token,
  );
  expect(res).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
  const notAsked = await stack.api(
    'POST',
    '/subscriptions',
    { templateIds: [templates.progress], accepted: [templates.payment] },
    citizen.token,
  );
  expect(notAsked.status).toBe(400);
});
