import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { AppointmentStatus, DepartmentCode } from '@minsheng/shared';
import { dynamo, failedConditionIndex, isConditionFailure, tableName } from '../adapters/dynamo';
import { indexKeys, keys as store } from '../store/keys';
import type { AuditEntry } from './audit';

/**
 * Window appointments. Booking is one transaction over four items, each guarding one rule:
 *  - the slot counter (`SLOTS#<hall>` / `<date>#<time>`): never more citizens than windows;
 *  - the citizen's time lock (`USER#<id>` / `APPTAT#<date>#<time>`): one appointment per time;
 *  - the citizen's active counter (`USER#<id>` / `APPTACTIVE`): at most N upcoming at once;
 *  - the appointment itself (`APPT#<id>`), listed per hall-day-department in GSI1 for
 *    the windows and per citizen in GSI2.
 * Cancelling, checking in and marking a no-show release what the booking took, in one
 * transaction with a condition on the status, so two of them never both happen.
 */
export interface AppointmentRecord {
  id: string;
  userId: string;
  hallId: string;
  date: string;
  time: string;
  itemCode: string;
  itemName: string;
  department: DepartmentCode;
  applicationId?: string;
  applicantNameMasked: string;
  status: AppointmentStatus;
  createdAt: string;
  updatedAt: string;
  /** Officer actions on this appointment, hash-chained like a case's audit trail. */
  auditHead: string;
  auditSeq: number;
}

type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

const keys = {
  appointment: store.appointment,
  audit: store.appointmentAudit,
  slot: store.slot,
  timeLock: store.appointmentTimeLock,
  active: store.activeAppointments,
  noShow: store.noShow,
};

/** The transaction item appending one record to an appointment's audit trail. */
export const appointmentAuditPut = (id: string, entry: AuditEntry): TransactItem => ({
  Put: {
    TableName: tableName(),
    Item: { ...keys.audit(id, entry.seq), ...entry },
    ConditionExpression: 'attribute_not_exists(PK)',
  },
});

export const hallDayPartition = indexKeys.hallDayPartition;
/** The key of one slot in slotCounts' map. */
export const slotCountKey = store.slotSk;
const betweenValues = (range: { from: string; to: string }) => ({ ':from': range.from, ':to': range.to });

const indexed = (r: AppointmentRecord) => ({
  ...indexKeys.hallDay(r.hallId, r.date, r.department, r.time, r.id),
  ...indexKeys.citizenAppointments(r.userId, r.date, r.time, r.hallId, r.id),
});

function fromItem(item: Record<string, unknown>): AppointmentRecord {
  const { PK: _a, SK: _b, GSI1PK: _c, GSI1SK: _d, GSI2PK: _e, GSI2SK: _f, ...record } = item;
  return record as unknown as AppointmentRecord;
}

/** No-show records expire (table TTL) once they no longer count; reads also filter by date. */
const NO_SHOW_RETENTION_DAYS = 120;
const noShowExpiry = (date: string) =>
  Math.floor(Date.parse(`${date}T00:00:00Z`) / 1000) + NO_SHOW_RETENTION_DAYS * 86400;

export type BookOutcome = 'booked' | 'slot-full' | 'time-taken' | 'limit-reached' | 'id-taken';

/** Books a slot, or says which rule refused it. */
export async function insertAppointment(
  record: AppointmentRecord,
  limits: { capacity: number; maxActive: number },
  extra: TransactItem[] = [],
): Promise<BookOutcome> {
  const items: TransactItem[] = [
    {
      Update: {
        TableName: tableName(),
        Key: keys.slot(record.hallId, record.date, record.time),
        UpdateExpression: 'ADD booked :one',
        ConditionExpression: 'attribute_not_exists(booked) OR booked < :capacity',
        ExpressionAttributeValues: { ':one': 1, ':capacity': limits.capacity },
      },
    },
    {
      Put: {
        TableName: tableName(),
        Item: {
          ...keys.timeLock(record.userId, record.date, record.time),
          appointmentId: record.id,
          // Only upcoming times matter; the table TTL removes the lock once the day is long past.
          expiresAtEpoch: noShowExpiry(record.date),
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
    {
      Update: {
        TableName: tableName(),
        Key: keys.active(record.userId),
        UpdateExpression: 'ADD active :one',
        ConditionExpression: 'attribute_not_exists(active) OR active < :max',
        ExpressionAttributeValues: { ':one': 1, ':max': limits.maxActive },
      },
    },
    {
      Put: {
        TableName: tableName(),
        Item: { ...keys.appointment(record.id), ...record, ...indexed(record) },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
    ...extra,
  ];
  try {
    await dynamo().send(new TransactWriteCommand({ TransactItems: items }));
    return 'booked';
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const outcomes: BookOutcome[] = ['slot-full', 'time-taken', 'limit-reached', 'id-taken'];
    return outcomes[failedConditionIndex(error)] ?? 'id-taken';
  }
}

export async function getAppointment(id: string): Promise<AppointmentRecord | undefined> {
  const out = await dynamo().send(
    new GetCommand({ TableName: tableName(), Key: keys.appointment(id), ConsistentRead: true }),
  );
  return out.Item ? fromItem(out.Item) : undefined;
}

/**
 * Moves a booked appointment to `next.status` and releases what booking took: the active
 * count always; the slot place and the time lock only on cancellation (after the slot the
 * place no longer matters, and the lock keeps the history of that time). False when the
 * appointment was no longer booked.
 */
export async function closeAppointment(
  next: AppointmentRecord,
  options: { audit?: AuditEntry; extra?: TransactItem[] } = {},
): Promise<boolean> {
  const cancelled = next.status === 'cancelled';
  const items: TransactItem[] = [
    {
      Put: {
        TableName: tableName(),
        Item: { ...keys.appointment(next.id), ...next, ...indexed(next) },
        ConditionExpression: '#status = :booked',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':booked': 'booked' },
      },
    },
    {
      Update: {
        TableName: tableName(),
        Key: keys.active(next.userId),
        UpdateExpression: 'ADD active :minus',
        ExpressionAttributeValues: { ':minus': -1 },
      },
    },
  ];
  if (cancelled) {
    items.push(
      {
        Update: {
          TableName: tableName(),
          Key: keys.slot(next.hallId, next.date, next.time),
          UpdateExpression: 'ADD booked :minus',
          ExpressionAttributeValues: { ':minus': -1 },
        },
      },
      { Delete: { TableName: tableName(), Key: keys.timeLock(next.userId, next.date, next.time) } },
    );
  }
  if (next.status === 'no-show') {
    items.push({
      Put: {
        TableName: tableName(),
        Item: { ...keys.noShow(next.userId, next.date, next.id), expiresAtEpoch: noShowExpiry(next.date) },
      },
    });
  }
  if (options.audit) items.push(appointmentAuditPut(next.id, options.audit));
  items.push(...(options.extra ?? []));
  try {
    await dynamo().send(new TransactWriteCommand({ TransactItems: items }));
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Dates of the citizen's no-shows on or after `since`. */
export async function noShowDates(userId: string, since: string): Promise<string[]> {
  const out = await dynamo().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': store.userPartition(userId), ...betweenValues(store.noShowsSince(since)) },
      ProjectionExpression: 'SK',
    }),
  );
  return (out.Items ?? []).map((item) => store.noShowDateOf(String(item.SK)));
}

/** Places taken in each slot of a hall between two dates (inclusive), keyed `<date>#<time>`. */
export async function slotCounts(hallId: string, from: string, to: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  let start: Record<string, unknown> | undefined;
  do {
    const out = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': store.slotPartition(hallId), ...betweenValues(store.slotRange(from, to)) },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of out.Items ?? []) counts.set(String(item.SK), Number(item.booked ?? 0));
    start = out.LastEvaluatedKey;
  } while (start);
  return counts;
}

export type AppointmentSummary = Pick<
  AppointmentRecord,
  'id' | 'hallId' | 'date' | 'time' | 'itemCode' | 'itemName' | 'status'
>;

/** The citizen's appointments, newest date first (GSI2 keeps only list fields; the rest is in the sort key). */
export async function listCitizenAppointments(userId: string, limit = 50): Promise<AppointmentSummary[]> {
  const out = await dynamo().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'GSI2',
      KeyConditionExpression: 'GSI2PK = :pk',
      ExpressionAttributeValues: { ':pk': indexKeys.citizenAppointmentsPartition(userId) },
      ExpressionAttributeNames: { '#status': 'status' },
      ProjectionExpression: 'id, itemCode, itemName, #status, GSI2SK',
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (out.Items ?? []).map((item) => {
    const { date, time, hallId } = indexKeys.citizenAppointmentSkParts(String(item.GSI2SK));
    return { id: item.id, itemCode: item.itemCode, itemName: item.itemName, status: item.status, date, time, hallId };
  });
}

export type HallDayRow = Pick<
  AppointmentRecord,
  'id' | 'time' | 'itemCode' | 'itemName' | 'department' | 'status' | 'applicantNameMasked' | 'applicationId'
>;

/** One department's appointments at a hall on a date, by time. */
export async function listHallDay(hallId: string, date: string, department: string): Promise<HallDayRow[]> {
  const rows: HallDayRow[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': hallDayPartition(hallId, date, department) },
        ExpressionAttributeNames: { '#status': 'status' },
        ProjectionExpression: 'id, itemCode, itemName, department, #status, applicantNameMasked, applicationId, GSI1SK',
        ExclusiveStartKey: start,
      }),
    );
    for (const item of out.Items ?? []) {
      const { GSI1SK, ...row } = item;
      rows.push({ ...(row as Omit<HallDayRow, 'time'>), time: indexKeys.timeOfHallDaySk(String(GSI1SK)) });
    }
    start = out.LastEvaluatedKey;
  } while (start);
  return rows;
}
