import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { addCalendarDays } from '@minsheng/shared';
import { dynamo, failedConditionIndex, isConditionFailure, tableName } from '../adapters/dynamo';
import { indexKeys, keys as store } from '../store/keys';

/**
 * The reminder index (GSI3). An item with a due date — a licence's validity, a bound vehicle's
 * inspection — carries a pointer to its next reminder: GSI3PK = REMIND#<reminder date>#<shard>.
 * The daily job queries only the partitions of the day, so its cost follows the number of
 * reminders due, not the number of licences. Sending a reminder moves the pointer to the next
 * threshold (or removes it) in the same transaction as the outbox record; rewriting the item
 * (a renewed licence) recomputes the pointer, so stale reminders never exist.
 */
export const REMINDER_THRESHOLDS = [90, 30, 7] as const;
/** A day's reminders are spread over this many partitions, read in parallel. */
export const REMINDER_SHARDS = 4;

export interface ReminderSubject {
  userId: string;
  /** Unique per user: `licence:driving-licence`, `inspection:闽A12345`. */
  subject: string;
  /** What the citizen reads: 机动车驾驶证, 机动车检验（闽A12345）. */
  label: string;
  /** The expiry or due date (China calendar date). */
  dueDate: string;
}

export interface DueReminder extends ReminderSubject {
  threshold: number;
  /** The reminder date (the partition it was read from). */
  date: string;
  /** The key of the item carrying the pointer, as the index returned it. */
  itemKey: { PK: string; SK: string };
}

type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Calendar-date arithmetic (the shared calendar's), under the name this module's callers use. */
export const addDays = addCalendarDays;

function shardOf(userId: string): number {
  let hash = 0;
  for (const ch of userId) hash = (hash * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return hash % REMINDER_SHARDS;
}

export const reminderPartition = indexKeys.reminderPartition;

/** The next threshold whose reminder date is on or after `from` (after it, when `strictly`). */
export function nextReminder(
  dueDate: string,
  from: string,
  strictly = false,
): { threshold: number; date: string } | undefined {
  if (!DATE.test(dueDate) || dueDate >= '9000') return undefined; // "valid long-term" (长期)
  for (const threshold of REMINDER_THRESHOLDS) {
    const date = addDays(dueDate, -threshold);
    if (strictly ? date > from : date >= from) return { threshold, date };
  }
  return undefined;
}

/** The index attributes to store on the item, pointing at its next reminder from `today`; none when all have passed. */
export function reminderAttributes(subject: ReminderSubject, today: string): Record<string, unknown> {
  const next = nextReminder(subject.dueDate, today);
  if (!next) return {};
  return {
    ...indexKeys.reminder(next.date, shardOf(subject.userId), subject.userId, subject.subject),
    reminderThreshold: next.threshold,
    reminderDue: subject.dueDate,
    reminderSubject: subject.subject,
    reminderLabel: subject.label,
  };
}

/** One page of the reminders due on `date` in one shard (index entries only: keys and reminder fields). */
export async function listDueReminders(
  date: string,
  shard: number,
  limit: number,
  startKey?: Record<string, unknown>,
): Promise<{ items: DueReminder[]; next?: Record<string, unknown> }> {
  const out = await dynamo().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'GSI3',
      KeyConditionExpression: 'GSI3PK = :day',
      ExpressionAttributeValues: { ':day': reminderPartition(date, shard) },
      Limit: limit,
      ExclusiveStartKey: startKey,
    }),
  );
  const items = (out.Items ?? []).map((item) => ({
    userId: String(item.userId),
    subject: String(item.reminderSubject),
    label: String(item.reminderLabel),
    dueDate: String(item.reminderDue),
    threshold: Number(item.reminderThreshold),
    date,
    itemKey: { PK: String(item.PK), SK: String(item.SK) },
  }));
  return { items, next: out.LastEvaluatedKey };
}

/** Moves the item's pointer past `due`, only if the item still points at exactly this reminder. */
function advanceItem(due: DueReminder): TransactItem {
  const next = nextReminder(due.dueDate, due.date, true);
  const common = {
    TableName: tableName(),
    Key: due.itemKey,
    ConditionExpression: 'GSI3PK = :current AND reminderThreshold = :threshold AND reminderDue = :due',
  };
  const current = {
    ':current': reminderPartition(due.date, shardOf(due.userId)),
    ':threshold': due.threshold,
    ':due': due.dueDate,
  };
  if (!next) {
    return {
      Update: {
        ...common,
        UpdateExpression: 'REMOVE GSI3PK, GSI3SK, reminderThreshold, reminderDue, reminderSubject, reminderLabel',
        ExpressionAttributeValues: current,
      },
    };
  }
  return {
    Update: {
      ...common,
      UpdateExpression: 'SET GSI3PK = :next, reminderThreshold = :nextThreshold',
      ExpressionAttributeValues: {
        ...current,
        ':next': reminderPartition(next.date, shardOf(due.userId)),
        ':nextThreshold': next.threshold,
      },
    },
  };
}

/**
 * Advances the pointer past `due` together with `extra` (the outbox record) in one transaction.
 * `stale`: the item no longer points at this reminder (rewritten, or advanced already);
 * `extra-failed`: an extra item's condition failed (the reminder was queued before).
 */
export async function advanceReminder(
  due: DueReminder,
  extra: TransactItem[] = [],
): Promise<'advanced' | 'stale' | 'extra-failed'> {
  try {
    await dynamo().send(new TransactWriteCommand({ TransactItems: [advanceItem(due), ...extra] }));
    return 'advanced';
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    if (!extra.length) return 'stale';
    return failedConditionIndex(error) === 0 ? 'stale' : 'extra-failed';
  }
}

const jobKey = store.job;

/** The last reminder date a job run finished completely. */
export async function lastCompletedDate(job: string): Promise<string | undefined> {
  const out = await dynamo().send(new GetCommand({ TableName: tableName(), Key: jobKey(job), ConsistentRead: true }));
  return out.Item?.lastCompletedDate as string | undefined;
}

/** Records a finished date; never moves backwards. */
export async function recordCompletedDate(job: string, date: string, at: string): Promise<void> {
  try {
    await dynamo().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...jobKey(job), lastCompletedDate: date, finishedAt: at },
        ConditionExpression: 'attribute_not_exists(PK) OR lastCompletedDate <= :date',
        ExpressionAttributeValues: { ':date': date },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

const REMINDER_ATTRIBUTES = [
  'GSI3PK',
  'GSI3SK',
  'reminderThreshold',
  'reminderDue',
  'reminderSubject',
  'reminderLabel',
];

/** The item without its reminder pointer, for repositories returning their own records. */
export function withoutReminderAttributes<T = Record<string, unknown>>(item: Record<string, unknown>): T {
  return Object.fromEntries(Object.entries(item).filter(([k]) => !REMINDER_ATTRIBUTES.includes(k))) as T;
}
