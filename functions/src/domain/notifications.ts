import { createHash, randomUUID } from 'node:crypto';
import {
  APPLICATION_STATUS_LABEL,
  APPOINTMENT_STATUS_LABEL,
  AppError,
  type MessageListView,
  type MessageView,
  PAYMENT_STATUS_LABEL,
  type SubscribeRequest,
  type SubscriptionTemplateView,
} from '@minsheng/shared';
import { sendSubscribeMessage } from '../adapters/wechat';
import { notificationConfig, type SubscribeTemplateKey } from '../config';
import { nowIso, nowMs } from '../lib/clock';
import { log } from '../lib/log';
import type { ApplicationRecord } from '../repositories/applications';
import type { AppointmentRecord } from '../repositories/appointments';
import { listMessages, type MessageRecord, markMessageRead } from '../repositories/messages';
import {
  claimOutbox,
  listDueOutbox,
  markSent,
  markSentToInbox,
  OUTBOX_SHARDS,
  type OutboxMessage,
  type OutboxRecord,
  outboxPut,
  scheduleRetry,
} from '../repositories/outbox';
import type { PaymentRecord } from '../repositories/payments';
import { addAccepts, clearAccepts, listAccepts, returnAccept, takeAccept } from '../repositories/subscriptions';
import { getProfile } from '../repositories/users';
import { eventKeys } from '../store/keys';

/**
 * Notifications to citizens. An event a citizen should hear about (a case changing status, a
 * payment settled or refunded, a licence about to expire) writes an outbox record in the same
 * transaction as the event; after the commit we try to send it at once, and the
 * `notificationWorker` schedule sends whatever is left. Each record is claimed by one sender
 * (a conditional write with a lease) before WeChat is called and marked sent after, so a
 * message is never sent twice. It goes out as a WeChat subscribe message when the citizen has
 * an accept left for the template (or the template is long-term); otherwise, and whenever
 * WeChat refuses it, it lands in the in-app message centre.
 */

/** Mini-program pages the messages open. */
const PAGES = {
  case: (id: string) => `packageApply/pages/case/index?id=${encodeURIComponent(id)}`,
  payment: (outTradeNo: string) => `packagePay/pages/result/index?outTradeNo=${encodeURIComponent(outTradeNo)}`,
  traffic: 'packageTraffic/pages/index',
  appointments: 'packageAppointment/pages/index',
  me: 'pages/me/index',
};

const TEMPLATE_TITLE: Record<SubscribeTemplateKey, string> = {
  progress: '办件进度通知',
  payment: '缴费结果通知',
  expiry: '证照到期提醒',
};

/** WeChat's length limits by keyword type (characters); longer values are cut with an ellipsis (47003 otherwise). */
const KEYWORD_LIMIT: Record<string, number> = {
  thing: 20,
  phrase: 5,
  name: 10,
  symbol: 5,
  character_string: 32,
  letter: 32,
  number: 32,
};

export function fitKeyword(keyword: string, value: string): string {
  const limit = KEYWORD_LIMIT[keyword.replace(/\d+$/, '')];
  const chars = Array.from(value);
  return limit && chars.length > limit ? `${chars.slice(0, limit - 1).join('')}…` : value;
}

const fitted = (data: Record<string, string>) =>
  Object.fromEntries(Object.entries(data).map(([k, v]) => [k, fitKeyword(k, v)]));

/** 2026-11-23 18:05, China time, as the `time` keyword shows it. */
const chinaMinute = (iso: string) =>
  new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
const chineseDate = (date: string) => `${date.slice(0, 4)}年${date.slice(5, 7)}月${date.slice(8, 10)}日`;
const yuan = (fen: number) => (fen / 100).toFixed(2);

export interface Notice {
  eventKey: string;
  /** The outbox write, for the event's own transaction. */
  item: ReturnType<typeof outboxPut>;
}

const notice = (message: OutboxMessage): Notice => ({ eventKey: message.eventKey, item: outboxPut(message) });

/** A case's new status, for the transaction that moves it there. Keyed by case and version: one per transition. */
export function applicationNotice(next: ApplicationRecord, note?: string): Notice {
  const status = APPLICATION_STATUS_LABEL[next.status];
  const detail = note || '点击查看办件详情';
  return notice({
    eventKey: eventKeys.application(next.id, next.version),
    userId: next.userId,
    kind: 'application',
    template: 'progress',
    data: fitted({ thing1: next.itemName, thing2: status, time3: chinaMinute(next.updatedAt), thing4: detail }),
    page: PAGES.case(next.id),
    title: `办件进度：${status}`,
    body: `您申请的「${next.itemName}」${next.caseNumber ? `（办件编号 ${next.caseNumber}）` : ''}${status}${note ? `：${note}` : ''}。`,
    createdAt: next.updatedAt,
  });
}

/** A payment the citizen should hear about (paid, refunded), for the transaction that settles it; none otherwise. */
export function paymentNotice(next: PaymentRecord): Notice | undefined {
  if (next.status !== 'paid' && next.status !== 'refunded') return undefined;
  const paid = next.status === 'paid';
  const amount = `¥${yuan(next.amountFen)}`;
  return notice({
    eventKey: eventKeys.payment(next.outTradeNo, next.status),
    userId: next.userId,
    kind: 'payment',
    template: 'payment',
    data: fitted({
      thing1: next.description,
      amount2: `${yuan(next.amountFen)}元`,
      thing3: PAYMENT_STATUS_LABEL[next.status],
      time4: chinaMinute(next.updatedAt),
    }),
    page: PAGES.payment(next.outTradeNo),
    title: paid ? '缴费成功' : '退款已到账',
    body: paid ? `「${next.description}」已缴纳 ${amount}。` : `「${next.description}」的 ${amount} 已原路退回。`,
    createdAt: next.updatedAt,
  });
}

/**
 * An appointment booked, cancelled, checked in or missed — or, with `reminder`, the day-before
 * reminder. Keyed by appointment and status (or `remind`): one message per event.
 */
export function appointmentNotice(record: AppointmentRecord, hallName: string, at: string, reminder = false): Notice {
  const status = reminder ? '明日办理提醒' : APPOINTMENT_STATUS_LABEL[record.status];
  const when = `${chineseDate(record.date)} ${record.time}`;
  const body: Record<typeof record.status, string> = {
    booked: `您已预约 ${when} 到「${hallName}」办理「${record.itemName}」，预约号 ${record.id}。请携带身份证件按时到场。`,
    cancelled: `您 ${when} 在「${hallName}」的预约（${record.id}）已取消，号源已释放。`,
    'checked-in': `您 ${when} 在「${hallName}」的预约（${record.id}）已到号，请留意叫号。`,
    'no-show': `您 ${when} 在「${hallName}」的预约（${record.id}）未到场，已记爽约一次；近 90 天爽约 3 次将暂停网上预约。`,
  };
  return notice({
    eventKey: eventKeys.appointment(record.id, reminder ? 'remind' : record.status),
    userId: record.userId,
    kind: 'appointment',
    template: 'progress',
    data: fitted({ thing1: record.itemName, thing2: status, time3: when, thing4: hallName }),
    page: PAGES.appointments,
    title: `办事预约：${status}`,
    body: reminder
      ? `提醒：您明天 ${record.time} 预约了「${hallName}」办理「${record.itemName}」，预约号 ${record.id}。`
      : body[record.status],
    createdAt: at,
  });
}

/**
 * The idempotency key of a reminder: holder, item, due date, threshold. The item is digested
 * so keys (which reach logs) carry no plate numbers.
 */
export const reminderEventKey = (due: { userId: string; subject: string; dueDate: string; threshold: number }) =>
  eventKeys.reminder(
    due.userId,
    createHash('sha256').update(due.subject).digest('base64url').slice(0, 16),
    due.dueDate,
    due.threshold,
  );

/** An expiry reminder. Keyed by item, due date and threshold: a licence is reminded once per threshold. */
export function reminderMessage(
  due: { userId: string; subject: string; label: string; dueDate: string; threshold: number },
  today: string,
  at: string,
): OutboxMessage {
  const daysLeft = Math.round((Date.parse(due.dueDate) - Date.parse(today)) / 86_400_000);
  const inspection = due.subject.startsWith('inspection:');
  const what = inspection ? '检验有效期' : '有效期';
  return {
    eventKey: reminderEventKey(due),
    userId: due.userId,
    kind: 'reminder',
    template: 'expiry',
    data: fitted({
      thing1: due.label,
      date2: chineseDate(due.dueDate),
      thing3: `还有${daysLeft}天到期，请及时办理`,
    }),
    page: inspection || due.subject === 'licence:driving-licence' ? PAGES.traffic : PAGES.me,
    title: `${due.label}即将到期`,
    body: `您的${due.label}${what}至 ${chineseDate(due.dueDate)}，还有 ${daysLeft} 天，请及时办理${inspection ? '检验' : '换领'}。`,
    createdAt: at,
  };
}

/** Stable, time-ordered message-centre id derived from the event: the same event always makes the same message. */
const messageIdOf = (record: OutboxRecord) =>
  `${record.createdAt.replace(/[-:.]/g, '')}-${createHash('sha256').update(record.eventKey).digest('base64url').slice(0, 12)}`;

type DeliveryOutcome = 'sent' | 'inbox' | 'retry' | 'skipped';

/** The message-centre copy and the record marked sent, together. */
async function toInbox(record: OutboxRecord, owner: string, reason: string): Promise<DeliveryOutcome> {
  const message: MessageRecord = {
    id: messageIdOf(record),
    userId: record.userId,
    kind: record.kind,
    title: record.title,
    body: record.body,
    page: record.page,
    createdAt: record.createdAt,
  };
  await markSentToInbox(record.eventKey, owner, message, nowIso(), reason);
  log.info('notification to message centre', { eventKey: record.eventKey, reason });
  return 'inbox';
}

function retryAt(attempts: number, now: number): string {
  const { retryBaseSeconds } = notificationConfig();
  const delaySeconds = Math.min(3600, retryBaseSeconds * 2 ** Math.max(0, attempts - 1));
  return nowIso(now + delaySeconds * 1000);
}

/**
 * Sends one outbox record if it is due and nobody else holds it. Idempotent: a record already
 * sent, not yet due or held by another sender is left alone. A record whose previous holder's
 * lease ran out may or may not have reached WeChat, so it goes to the message centre rather
 * than risk a second push.
 */
export async function deliver(eventKey: string): Promise<DeliveryOutcome> {
  const cfg = notificationConfig();
  const now = nowMs();
  const owner = randomUUID();
  const claimed = await claimOutbox(eventKey, owner, nowIso(now), nowIso(now + cfg.leaseSeconds * 1000));
  if (!claimed) return 'skipped';
  const { record, takenOver } = claimed;
  if (takenOver) return toInbox(record, owner, 'previous_sender_lost');

  const template = cfg.templates[record.template];
  const quota = !template.longTerm;
  if (quota && !(await takeAccept(record.userId, template.templateId))) return toInbox(record, owner, 'no_accept');
  const profile = await getProfile(record.userId);
  if (!profile) {
    if (quota) await returnAccept(record.userId, template.templateId);
    return toInbox(record, owner, 'no_openid');
  }
  const result = await sendSubscribeMessage({
    touser: profile.openid,
    templateId: template.templateId,
    page: record.page,
    miniprogramState: cfg.miniprogramState,
    data: record.data,
  });
  switch (result.outcome) {
    case 'sent':
      await markSent(eventKey, owner, 'subscribe', nowIso());
      log.info('notification sent', { eventKey, template: record.template, attempts: record.attempts });
      return 'sent';
    case 'no_quota':
      if (quota) await clearAccepts(record.userId, template.templateId, nowIso());
      return toInbox(record, owner, 'no_quota');
    case 'retry':
      if (quota) await returnAccept(record.userId, template.templateId);
      if (record.attempts >= cfg.maxAttempts) return toInbox(record, owner, `gave_up_after_${record.attempts}`);
      await scheduleRetry(eventKey, owner, retryAt(record.attempts, now), result.reason);
      log.warn('notification will be retried', { eventKey, attempts: record.attempts, reason: result.reason });
      return 'retry';
    case 'rejected':
      if (quota) await returnAccept(record.userId, template.templateId);
      log.warn('notification rejected by WeChat', { eventKey, reason: result.reason });
      return toInbox(record, owner, 'rejected');
    case 'unknown':
      return toInbox(record, owner, 'outcome_unknown');
  }
}

/** The immediate attempt after an event commits. Best effort: whatever fails here the worker sends later. */
export async function deliverAfterCommit(eventKeys: string[]): Promise<void> {
  for (const eventKey of eventKeys) {
    try {
      await deliver(eventKey);
    } catch (error) {
      log.warn('notification deferred to the worker', { eventKey, error: String(error) });
    }
  }
}

/**
 * The worker: sends every outbox record due now, a few at a time, reading only the pending
 * index. Stops after `maxItems` (the next run continues).
 */
export async function runNotificationWorker(options: { maxItems?: number; parallel?: number } = {}) {
  const asOf = nowMs();
  const maxItems = options.maxItems ?? 500;
  const parallel = options.parallel ?? 8;
  const counts: Record<DeliveryOutcome | 'failed', number> = { sent: 0, inbox: 0, retry: 0, skipped: 0, failed: 0 };
  let examined = 0;
  for (let shard = 0; shard < OUTBOX_SHARDS && examined < maxItems; shard++) {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await listDueOutbox(nowIso(asOf), shard, Math.min(100, maxItems - examined), start);
      start = page.next;
      examined += page.eventKeys.length;
      for (let i = 0; i < page.eventKeys.length; i += parallel) {
        await Promise.all(
          page.eventKeys.slice(i, i + parallel).map(async (eventKey) => {
            try {
              counts[await deliver(eventKey)]++;
            } catch (error) {
              counts.failed++;
              log.warn('notification delivery failed', { eventKey, error: String(error) });
            }
          }),
        );
      }
    } while (start && examined < maxItems);
  }
  log.info('notification worker run', { examined, ...counts });
  return { examined, ...counts };
}

/** The templates the mini-app asks the citizen to subscribe to, with what the citizen has left. */
export async function mySubscriptions(userId: string): Promise<SubscriptionTemplateView[]> {
  const accepts = await listAccepts(userId);
  return (
    Object.entries(notificationConfig().templates) as [
      SubscribeTemplateKey,
      { templateId: string; longTerm: boolean },
    ][]
  ).map(([key, t]) => ({
    key,
    templateId: t.templateId,
    title: TEMPLATE_TITLE[key],
    longTerm: t.longTerm,
    acceptsLeft: t.longTerm ? undefined : (accepts[t.templateId] ?? 0),
  }));
}

/**
 * Records the outcome of wx.requestSubscribeMessage: each accepted one-time template allows one
 * more send. Long-term templates need no count.
 * @throws AppError VALIDATION_FAILED for a template that is not ours
 */
export async function recordSubscriptions(
  userId: string,
  request: SubscribeRequest,
): Promise<SubscriptionTemplateView[]> {
  const templates = Object.values(notificationConfig().templates);
  const unknown = request.templateIds.filter((id) => !templates.some((t) => t.templateId === id));
  if (unknown.length) {
    throw new AppError(
      'VALIDATION_FAILED',
      unknown.map((id) => ({ path: 'templateIds', message: `未知的订阅消息模板：${id}` })),
      '未知的订阅消息模板',
    );
  }
  const at = nowIso();
  for (const templateId of new Set(request.accepted)) {
    const template = templates.find((t) => t.templateId === templateId);
    if (template && !template.longTerm) await addAccepts(userId, templateId, 1, at);
  }
  return mySubscriptions(userId);
}

const messageView = (m: MessageRecord): MessageView => ({
  id: m.id,
  kind: m.kind,
  title: m.title,
  body: m.body,
  page: m.page,
  createdAt: m.createdAt,
  read: Boolean(m.readAt),
  readAt: m.readAt,
});

/** The citizen's message centre, newest first. */
export async function myMessages(userId: string): Promise<MessageListView> {
  const items = (await listMessages(userId)).map(messageView);
  return { items, unread: items.filter((m) => !m.read).length };
}

/** Idempotent. @throws AppError MESSAGE_NOT_FOUND (also for another citizen's message) */
export async function readMyMessage(userId: string, id: string): Promise<MessageView> {
  const message = await markMessageRead(userId, id, nowIso());
  if (!message) throw new AppError('MESSAGE_NOT_FOUND');
  return messageView(message);
}
