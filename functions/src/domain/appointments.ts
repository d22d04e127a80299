import { randomInt } from 'node:crypto';
import {
  APPOINTMENT_RULES,
  APPOINTMENT_STATUS_LABEL,
  AppError,
  type AppointmentEvent,
  type AppointmentView,
  addCalendarDays,
  type BookAppointmentRequest,
  bookableDates,
  type DepartmentCode,
  ErrorCatalog,
  type ErrorCode,
  findHall,
  findServiceItem,
  type HallDayView,
  type HallView,
  hallSlotTimes,
  hallsFor,
  minutesUntil,
  nextAppointmentStatus,
  type OfficerAppointmentView,
  SERVICE_HALLS,
  type ServiceHall,
} from '@minsheng/shared';
import { chinaDateTime, nowIso, nowMs } from '../lib/clock';
import { log } from '../lib/log';
import { getApplication } from '../repositories/applications';
import {
  type AppointmentRecord,
  type AppointmentSummary,
  appointmentAuditPut,
  closeAppointment,
  getAppointment,
  insertAppointment,
  listCitizenAppointments,
  listHallDay,
  noShowDates,
  slotCountKey,
  slotCounts,
} from '../repositories/appointments';
import { chainEntry, GENESIS_HASH } from '../repositories/audit';
import { getIdentity } from '../repositories/identities';
import { queueOnce } from '../repositories/outbox';
import { workingDayCalendar } from './calendar';
import { appointmentNotice, deliverAfterCommit } from './notifications';
import type { Officer } from './officer-auth';

/**
 * Window appointments (预约办理): a verified citizen books a slot at a service hall for one
 * service item, and shows the booking number at the window. The rules (horizon, lead time,
 * one booking per time, at most three upcoming, suspension after three no-shows) are in
 * shared APPOINTMENT_RULES; the storage guards each of them with a conditional write.
 */

const hallView = (hall: ServiceHall): HallView => ({
  id: hall.id,
  name: hall.name,
  address: hall.address,
  departments: [...hall.departments],
});

function requireHall(id: string): ServiceHall {
  const hall = findHall(id);
  if (!hall) throw new AppError('APPOINTMENT_HALL_NOT_FOUND');
  return hall;
}

/** Halls taking appointments, or only those handling `itemCode`. @throws AppError SERVICE_ITEM_NOT_FOUND */
export function listHalls(itemCode?: string): HallView[] {
  if (!itemCode) return SERVICE_HALLS.map(hallView);
  const item = findServiceItem(itemCode);
  if (!item) throw new AppError('SERVICE_ITEM_NOT_FOUND');
  return hallsFor(item.department).map(hallView);
}

/**
 * Free places per slot for the bookable days (or one of them), read with one Query of the
 * hall's counters. @throws AppError APPOINTMENT_HALL_NOT_FOUND | APPOINTMENT_SLOT_UNAVAILABLE
 */
export async function hallSchedule(hallId: string, date?: string): Promise<HallDayView[]> {
  const hall = requireHall(hallId);
  const now = chinaDateTime();
  const calendar = await workingDayCalendar();
  const all = bookableDates(now.date, calendar);
  const dates = date ? all.filter((d) => d === date) : all;
  if (date && dates.length === 0) throw new AppError('APPOINTMENT_SLOT_UNAVAILABLE');
  const counts = await slotCounts(hall.id, dates[0] ?? now.date, dates.at(-1) ?? now.date);
  return dates.map((d) => ({
    date: d,
    slots: hallSlotTimes(hall, d, calendar).map((time) => {
      const remaining = Math.max(0, hall.windowsPerSlot - (counts.get(slotCountKey(d, time)) ?? 0));
      const open = minutesUntil(d, time, now) >= APPOINTMENT_RULES.bookingLeadMinutes;
      return { time, capacity: hall.windowsPerSlot, remaining, bookable: open && remaining > 0 };
    }),
  }));
}

const ID_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** Eight characters without look-alikes (0/O, 1/I): read aloud at a window, unique by a conditional put. */
const newAppointmentId = () => Array.from({ length: 8 }, () => ID_ALPHABET[randomInt(ID_ALPHABET.length)]).join('');

const cancellable = (a: Pick<AppointmentRecord, 'status' | 'date' | 'time'>, now = chinaDateTime()) =>
  nextAppointmentStatus(a.status, 'cancel') !== undefined && minutesUntil(a.date, a.time, now) > 0;

function citizenView(a: AppointmentSummary & { applicationId?: string }): AppointmentView {
  const hall = findHall(a.hallId);
  return {
    id: a.id,
    hallId: a.hallId,
    hallName: hall?.name ?? a.hallId,
    hallAddress: hall?.address ?? '',
    date: a.date,
    time: a.time,
    itemCode: a.itemCode,
    itemName: a.itemName,
    ...(a.applicationId ? { applicationId: a.applicationId } : {}),
    status: a.status,
    cancellable: cancellable(a),
  };
}

function auditOf(
  record: AppointmentRecord,
  action: string,
  actor: { type: 'citizen' | 'officer' | 'system'; id: string },
) {
  const entry = chainEntry(record.auditHead, {
    seq: record.auditSeq + 1,
    at: record.updatedAt,
    action,
    actorType: actor.type,
    actorId: actor.id,
    details: { status: record.status, hallId: record.hallId, date: record.date, time: record.time },
  });
  return { entry, record: { ...record, auditSeq: entry.seq, auditHead: entry.hash } };
}

/**
 * Books a slot for the citizen.
 * @throws AppError IDENTITY_REQUIRED | SERVICE_ITEM_NOT_FOUND | APPOINTMENT_HALL_NOT_FOUND |
 *   APPOINTMENT_HALL_NOT_FOR_ITEM | APPLICATION_NOT_FOUND | APPOINTMENT_SLOT_UNAVAILABLE |
 *   APPOINTMENT_SUSPENDED | APPOINTMENT_SLOT_FULL | APPOINTMENT_TIME_TAKEN | APPOINTMENT_LIMIT_REACHED
 */
export async function bookAppointment(userId: string, request: BookAppointmentRequest): Promise<AppointmentView> {
  const identity = await getIdentity(userId);
  if (!identity) throw new AppError('IDENTITY_REQUIRED');
  const item = findServiceItem(request.itemCode);
  if (!item) throw new AppError('SERVICE_ITEM_NOT_FOUND');
  const hall = requireHall(request.hallId);
  if (!hall.departments.includes(item.department)) throw new AppError('APPOINTMENT_HALL_NOT_FOR_ITEM');
  if (request.applicationId) {
    const application = await getApplication(request.applicationId);
    if (!application || application.userId !== userId || application.itemCode !== item.code) {
      throw new AppError('APPLICATION_NOT_FOUND');
    }
  }

  const now = chinaDateTime();
  const calendar = await workingDayCalendar();
  const inHorizon = bookableDates(now.date, calendar).includes(request.date);
  const isSlot = hallSlotTimes(hall, request.date, calendar).includes(request.time);
  if (!inHorizon || !isSlot || minutesUntil(request.date, request.time, now) < APPOINTMENT_RULES.bookingLeadMinutes) {
    throw new AppError('APPOINTMENT_SLOT_UNAVAILABLE');
  }
  const since = addCalendarDays(now.date, -APPOINTMENT_RULES.noShowWindowDays);
  if ((await noShowDates(userId, since)).length >= APPOINTMENT_RULES.noShowLimit) {
    throw new AppError('APPOINTMENT_SUSPENDED');
  }

  const at = nowIso();
  for (let attempt = 0; attempt < 3; attempt++) {
    const draft: AppointmentRecord = {
      id: newAppointmentId(),
      userId,
      hallId: hall.id,
      date: request.date,
      time: request.time,
      itemCode: item.code,
      itemName: item.name,
      department: item.department,
      ...(request.applicationId ? { applicationId: request.applicationId } : {}),
      applicantNameMasked: identity.nameMasked,
      status: 'booked',
      createdAt: at,
      updatedAt: at,
      auditHead: GENESIS_HASH,
      auditSeq: 0,
    };
    const { entry, record } = auditOf(draft, 'book', { type: 'citizen', id: userId });
    const notice = appointmentNotice(record, hall.name, at);
    const outcome = await insertAppointment(
      record,
      { capacity: hall.windowsPerSlot, maxActive: APPOINTMENT_RULES.maxActivePerCitizen },
      [appointmentAuditPut(record.id, entry), notice.item],
    );
    if (outcome === 'slot-full') throw new AppError('APPOINTMENT_SLOT_FULL');
    if (outcome === 'time-taken') throw new AppError('APPOINTMENT_TIME_TAKEN');
    if (outcome === 'limit-reached') throw new AppError('APPOINTMENT_LIMIT_REACHED');
    if (outcome === 'booked') {
      log.info('appointment booked', { userId, appointmentId: record.id, hallId: hall.id, date: record.date });
      await deliverAfterCommit([notice.eventKey]);
      return citizenView(record);
    }
  }
  throw new AppError('INTERNAL');
}

/** The citizen's appointments, latest date first. */
export async function myAppointments(userId: string): Promise<AppointmentView[]> {
  return (await listCitizenAppointments(userId)).map(citizenView);
}

/**
 * Moves an appointment on by `event` through the lifecycle table, audited, with its notice;
 * undefined when the table refuses the event or the appointment was closed meanwhile.
 */
async function close(
  current: AppointmentRecord,
  event: AppointmentEvent,
  actor: { type: 'citizen' | 'officer' | 'system'; id: string },
): Promise<AppointmentRecord | undefined> {
  const status = nextAppointmentStatus(current.status, event);
  if (!status) return undefined;
  const at = nowIso();
  const { entry, record } = auditOf({ ...current, status, updatedAt: at }, event, actor);
  const notice = appointmentNotice(record, findHall(record.hallId)?.name ?? record.hallId, at);
  if (!(await closeAppointment(record, { audit: entry, extra: [notice.item] }))) return undefined;
  await deliverAfterCommit([notice.eventKey]);
  return record;
}

/** The refusal of an event, naming the status the appointment is in. */
const refused = (current: Pick<AppointmentRecord, 'status'>, code: ErrorCode) =>
  new AppError(
    code,
    undefined,
    `${ErrorCatalog[code].message}（当前状态：${APPOINTMENT_STATUS_LABEL[current.status]}）`,
  );

/**
 * Cancels one of the citizen's own appointments before its slot starts; the place is free
 * again at once. @throws AppError APPOINTMENT_NOT_FOUND | APPOINTMENT_NOT_CANCELLABLE
 */
export async function cancelAppointment(userId: string, id: string): Promise<AppointmentView> {
  const current = await getAppointment(id);
  if (!current || current.userId !== userId) throw new AppError('APPOINTMENT_NOT_FOUND');
  if (!cancellable(current)) throw refused(current, 'APPOINTMENT_NOT_CANCELLABLE');
  const closed = await close(current, 'cancel', { type: 'citizen', id: userId });
  if (!closed) throw new AppError('APPOINTMENT_NOT_CANCELLABLE');
  log.info('appointment cancelled', { userId, appointmentId: id });
  return citizenView(closed);
}

const isInspector = (officer: Officer) => officer.role === 'inspector';

/** The departments of a hall whose appointments this officer may see. */
function visibleDepartments(officer: Officer, hall: ServiceHall): DepartmentCode[] {
  if (isInspector(officer)) return [...hall.departments];
  return hall.departments.filter((d) => d === officer.department);
}

/**
 * A hall's appointments on a date (today by default) for the officer's department — or all
 * of the hall's departments for an inspector. @throws AppError APPOINTMENT_HALL_NOT_FOUND | FORBIDDEN
 */
export async function officerHallDay(
  officer: Officer,
  hallId: string,
  date?: string,
): Promise<OfficerAppointmentView[]> {
  const hall = requireHall(hallId);
  const departments = visibleDepartments(officer, hall);
  if (departments.length === 0) throw new AppError('FORBIDDEN');
  const day = date ?? chinaDateTime().date;
  const rows = (await Promise.all(departments.map((d) => listHallDay(hall.id, day, d)))).flat();
  return rows
    .map((row) => ({ ...row, hallId: hall.id, date: day }))
    .sort((a, b) => (a.time === b.time ? a.id.localeCompare(b.id) : a.time.localeCompare(b.time)));
}

/** Halls whose appointments the officer may see. */
export const officerHalls = (officer: Officer): HallView[] =>
  SERVICE_HALLS.filter((h) => visibleDepartments(officer, h).length > 0).map(hallView);

/**
 * The citizen is at the window: marks today's appointment checked in (到号), audited.
 * @throws AppError APPOINTMENT_NOT_FOUND | ROLE_NOT_ALLOWED | APPOINTMENT_NOT_TODAY | APPOINTMENT_ALREADY_CLOSED
 */
export async function checkIn(officer: Officer, id: string): Promise<OfficerAppointmentView> {
  const current = await getAppointment(id);
  if (!current || (!isInspector(officer) && current.department !== officer.department)) {
    throw new AppError('APPOINTMENT_NOT_FOUND');
  }
  if (isInspector(officer)) throw new AppError('ROLE_NOT_ALLOWED');
  if (current.date !== chinaDateTime().date) throw new AppError('APPOINTMENT_NOT_TODAY');
  if (!nextAppointmentStatus(current.status, 'check-in')) throw refused(current, 'APPOINTMENT_ALREADY_CLOSED');
  const closed = await close(current, 'check-in', { type: 'officer', id: officer.username });
  if (!closed) throw new AppError('APPOINTMENT_ALREADY_CLOSED');
  log.info('appointment checked in', { officer: officer.username, appointmentId: id });
  return officerView(closed);
}

const officerView = (r: AppointmentRecord): OfficerAppointmentView => ({
  id: r.id,
  hallId: r.hallId,
  date: r.date,
  time: r.time,
  itemCode: r.itemCode,
  itemName: r.itemName,
  department: r.department,
  applicantNameMasked: r.applicantNameMasked,
  status: r.status,
  ...(r.applicationId ? { applicationId: r.applicationId } : {}),
});

/**
 * The daily appointment job: marks still-booked appointments of the past week as no-shows
 * (freeing the citizen's active count and counting towards suspension) and queues the
 * reminder for the next working day's appointments. Idempotent: re-running finds nothing
 * booked in the past, and each reminder's outbox key exists once.
 * Reads one index partition per hall, department and day — no Scan.
 */
export async function runAppointmentSweep(
  options: { asOf?: string; lookBackDays?: number } = {},
): Promise<{ noShows: number; reminders: number }> {
  const lookBackDays = options.lookBackDays ?? 30;
  const today = chinaDateTime(options.asOf ? Date.parse(options.asOf) : nowMs()).date;
  const tomorrow = bookableDates(today, await workingDayCalendar()).find((d) => d > today);
  let noShows = 0;
  let reminders = 0;
  for (const hall of SERVICE_HALLS) {
    for (const department of hall.departments) {
      for (let back = 1; back <= lookBackDays; back++) {
        const date = addCalendarDays(today, -back);
        for (const row of await listHallDay(hall.id, date, department)) {
          if (!nextAppointmentStatus(row.status, 'no-show')) continue;
          if (await sweepOne(row.id, (current) => close(current, 'no-show', SWEEP))) noShows++;
        }
      }
      if (!tomorrow) continue;
      for (const row of await listHallDay(hall.id, tomorrow, department)) {
        if (row.status !== 'booked') continue;
        if (await sweepOne(row.id, (current) => queueReminder(current, hall, today))) reminders++;
      }
    }
  }
  log.info('appointment sweep done', { today, noShows, reminders });
  return { noShows, reminders };
}

const SWEEP = { type: 'system' as const, id: 'appointment-sweep' };

/** One appointment's step of the sweep; a failure is logged and the sweep goes on (a re-run retries it). */
async function sweepOne(id: string, step: (current: AppointmentRecord) => Promise<unknown>): Promise<boolean> {
  try {
    const current = await getAppointment(id);
    return Boolean(current && (await step(current)));
  } catch (error) {
    log.warn('appointment sweep step failed', { appointmentId: id, error: String(error) });
    return false;
  }
}

/** Reminders go out from 08:00 China time on the sweep's day (the worker sends what is due), not at night. */
async function queueReminder(record: AppointmentRecord, hall: ServiceHall, today: string): Promise<boolean> {
  const notice = appointmentNotice(record, hall.name, `${today}T00:00:00.000Z`, true);
  return queueOnce(notice.item);
}
