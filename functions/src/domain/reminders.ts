import { chinaDateOf } from '@minsheng/shared';
import { nowIso } from '../lib/clock';
import { log } from '../lib/log';
import { outboxPut } from '../repositories/outbox';
import {
  addDays,
  advanceReminder,
  type DueReminder,
  lastCompletedDate,
  listDueReminders,
  REMINDER_SHARDS,
  recordCompletedDate,
} from '../repositories/reminders';
import { reminderMessage } from './notifications';

/**
 * Expiry reminders (90, 30 and 7 days before a licence expires or a vehicle's inspection is
 * due). Run daily: reads only the reminder-index partitions of the day, so its cost follows
 * the number due, not the number of licences. Each reminder is queued through the
 * notification outbox with a key per item, due date and threshold (a conditional put), in
 * the same transaction that moves the item's pointer to its next threshold — so a re-run,
 * or a run resumed after a crash, queues nothing twice.
 */
const JOB = 'expiryReminders';
/** A run also catches up on days a failed or skipped run left unfinished, this far back. */
const CATCH_UP_DAYS = 7;

export interface ReminderRunResult {
  dates: string[];
  /** Index entries read. */
  read: number;
  queued: number;
  /** Already queued by an earlier (crashed or repeated) run: pointer moved on, nothing queued. */
  alreadyQueued: number;
  /** The item changed since the index was read (renewed, or handled concurrently). */
  stale: number;
  /** False when the run stopped at `maxItems`; the next run resumes. */
  complete: boolean;
}

type ItemOutcome = 'queued' | 'alreadyQueued' | 'stale';

async function remind(due: DueReminder, today: string): Promise<ItemOutcome> {
  const message = reminderMessage(due, today, nowIso());
  const outcome = await advanceReminder(due, [outboxPut(message)]);
  if (outcome === 'advanced') return 'queued';
  if (outcome === 'stale') return 'stale';
  // Queued before, by a run that stopped before moving the pointer: move it now, queue nothing.
  return (await advanceReminder(due)) === 'advanced' ? 'alreadyQueued' : 'stale';
}

/** The reminder dates a run covers: from the last finished day (late arrivals) up to today. */
function datesToRun(today: string, lastDone: string | undefined): string[] {
  const earliest = addDays(today, -CATCH_UP_DAYS);
  let date = lastDone && lastDone > earliest ? lastDone : lastDone ? earliest : today;
  if (date > today) date = today;
  const dates: string[] = [];
  for (; date <= today; date = addDays(date, 1)) dates.push(date);
  return dates;
}

/**
 * Queues the reminders due on the day of `asOf` (China date) and on days not finished before.
 * Idempotent; safe to run concurrently with itself. Stops after `maxItems` index entries,
 * returning `complete: false`; the next run picks up where it stopped.
 */
export async function runExpiryReminders(
  options: { asOf?: string; maxItems?: number; parallel?: number } = {},
): Promise<ReminderRunResult> {
  const today = chinaDateOf(options.asOf ?? nowIso());
  const maxItems = options.maxItems ?? Number.POSITIVE_INFINITY;
  const parallel = options.parallel ?? 16;
  const dates = datesToRun(today, await lastCompletedDate(JOB));
  const result: ReminderRunResult = { dates, read: 0, queued: 0, alreadyQueued: 0, stale: 0, complete: false };

  // Shards are read one after another (each page's items are handled in parallel), so a
  // limited run stops at exactly `maxItems`. Shards spread the writes of a busy day.
  for (const date of dates) {
    for (let shard = 0; shard < REMINDER_SHARDS; shard++) {
      let start: Record<string, unknown> | undefined;
      do {
        const budget = maxItems - result.read;
        if (budget <= 0) {
          log.info('expiry reminders stopped at the item limit', { ...result, stoppedAt: date });
          return result;
        }
        const page = await listDueReminders(date, shard, Math.min(100, budget), start);
        start = page.next;
        result.read += page.items.length;
        for (let i = 0; i < page.items.length; i += parallel) {
          const outcomes = await Promise.all(page.items.slice(i, i + parallel).map((due) => remind(due, today)));
          for (const outcome of outcomes) result[outcome]++;
        }
      } while (start);
    }
  }
  await recordCompletedDate(JOB, today, nowIso());
  result.complete = true;
  log.info('expiry reminders run', { ...result });
  return result;
}
