import {
  ACTION_LABEL,
  APPLICATION_STATUS_LABEL,
  AppError,
  type ApplicationAction,
  allowedActions,
  nextStatus,
  type TimelineEntry,
} from '@minsheng/shared';
import { nowIso } from '../lib/clock';
import type { ApplicationRecord } from '../repositories/applications';
import { writeApplication } from '../repositories/applications';
import { chainEntry } from '../repositories/audit';
import { workingDayCalendar } from './calendar';
import { applicationNotice, deliverAfterCommit } from './notifications';
import { transitionFact } from './statistics';

/**
 * The one way a case changes: check the transition table, append the timeline and a chained
 * audit record, and write everything in one conditional transaction.
 */
export interface Actor {
  type: 'citizen' | 'officer' | 'system';
  id: string;
  /** Shown in officers' timelines. */
  name?: string;
}

type TransactItems = Parameters<typeof writeApplication>[3];

export function assertAllowed(record: ApplicationRecord, action: ApplicationAction): void {
  if (nextStatus(record.status, action)) return;
  const allowed = allowedActions(record.status).map((a) => ACTION_LABEL[a]);
  throw new AppError(
    'ACTION_NOT_ALLOWED',
    undefined,
    `当前状态为「${APPLICATION_STATUS_LABEL[record.status]}」，不能${ACTION_LABEL[action]}${allowed.length ? `；可进行：${allowed.join('、')}` : '；该办件已结束'}`,
  );
}

export function assertVersion(record: ApplicationRecord, expectedVersion: number): void {
  if (record.version !== expectedVersion) throw new AppError('VERSION_CONFLICT');
}

/**
 * Applies `action` with `changes`. Every transition changes what the citizen sees, so each
 * also queues a notification (outbox record keyed by case and version) in the same
 * transaction, tried once right after the commit. Not idempotent: a repeated call with the
 * same expected version fails with VERSION_CONFLICT, which is how double submissions are refused.
 * @throws AppError ACTION_NOT_ALLOWED | VERSION_CONFLICT
 */
export async function applyTransition(
  record: ApplicationRecord,
  action: ApplicationAction,
  actor: Actor,
  changes: Partial<ApplicationRecord>,
  details: Record<string, unknown> = {},
  note?: string,
  extra?: TransactItems,
): Promise<ApplicationRecord> {
  assertAllowed(record, action);
  const at = nowIso();
  const status = nextStatus(record.status, action) as ApplicationRecord['status'];
  const entry: TimelineEntry = {
    at,
    action,
    label: ACTION_LABEL[action],
    actor: actor.type,
    actorName: actor.name,
    note,
  };
  const after = { ...record, ...changes, status, version: record.version + 1, updatedAt: at };
  const notice = applicationNotice(after, note);
  const fact = transitionFact(record, after, await workingDayCalendar());
  const next = await writeAudited(
    record,
    { ...changes, status, timeline: [...record.timeline, entry] },
    action,
    actor,
    details,
    true,
    [...(extra ?? []), notice.item, ...(fact ? [fact] : [])],
    at,
  );
  await deliverAfterCommit([notice.eventKey]);
  return next;
}

/**
 * Writes a new state of the case together with its audit record. `bumpVersion` is false for
 * records that do not change the case (an officer opening it).
 */
export async function writeAudited(
  record: ApplicationRecord,
  changes: Partial<ApplicationRecord>,
  action: string,
  actor: Actor,
  details: Record<string, unknown>,
  bumpVersion: boolean,
  extra?: TransactItems,
  at: string = nowIso(),
): Promise<ApplicationRecord> {
  const audit = chainEntry(record.auditHead, {
    seq: record.auditSeq + 1,
    at,
    action,
    actorType: actor.type,
    actorId: actor.id,
    details: { from: record.status, to: changes.status ?? record.status, ...details },
  });
  const next: ApplicationRecord = {
    ...record,
    ...changes,
    version: bumpVersion ? record.version + 1 : record.version,
    updatedAt: bumpVersion ? at : record.updatedAt,
    auditSeq: audit.seq,
    auditHead: audit.hash,
  };
  const outcome = await writeApplication(next, { version: record.version, auditSeq: record.auditSeq }, audit, extra);
  if (outcome === 'conflict') throw new AppError('VERSION_CONFLICT');
  return next;
}
