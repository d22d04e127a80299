import {
  ANNOUNCED_DATA_WARNING_DAYS,
  AppError,
  addCalendarDays,
  arrangementProblems,
  buildChinaCalendar,
  type CalendarOverview,
  type CalendarYearView,
  type ChinaCalendar,
  chinaDateOf,
  FIRST_STATUTORY_YEAR,
  type SaveArrangementRequest,
  seededArrangements,
  statutoryHolidays,
  type YearArrangement,
} from '@minsheng/shared';
import { nowIso, nowMs } from '../lib/clock';
import { log } from '../lib/log';
import { chainEntry, GENESIS_HASH } from '../repositories/audit';
import { type ArrangementRecord, listArrangementRecords, saveArrangementRecord } from '../repositories/calendar';
import type { Officer } from './officer-auth';

/**
 * The working-day calendar deadlines are computed with: statutory holidays computed for any
 * year, the announced arrangements shipped with the code (seed), and the ones administrators
 * entered in the console (stored records win over the seed for their year).
 *
 * Read once per container and kept for CACHE_MS, so deadlines cost no DynamoDB round trip per
 * request; a change made in another container shows here within that time. If the table
 * cannot be read, the last good calendar (or the seed) is used and the failure logged.
 */
const CACHE_MS = 5 * 60_000;

let cached: { calendar: ChinaCalendar; records: ArrangementRecord[]; loadedAt: number } | undefined;

async function loadCalendar(): Promise<NonNullable<typeof cached>> {
  if (cached && nowMs() - cached.loadedAt < CACHE_MS) return cached;
  try {
    const records = await listArrangementRecords();
    cached = { calendar: buildChinaCalendar([...seededArrangements(), ...records]), records, loadedAt: nowMs() };
  } catch (error) {
    log.warn('calendar records unreadable, using the previous or compiled-in calendar', { error });
    // Retry on the next request rather than pinning the fallback for five minutes.
    return cached ?? { calendar: buildChinaCalendar(seededArrangements()), records: [], loadedAt: 0 };
  }
  return cached;
}

/** The calendar for deadlines and bookable days (cached per container). */
export const workingDayCalendar = async (): Promise<ChinaCalendar> => (await loadCalendar()).calendar;

const isAdministrator = (officer: Officer) => officer.role === 'admin';

function yearView(year: number, calendar: ChinaCalendar, record?: ArrangementRecord): CalendarYearView {
  const announced: YearArrangement | undefined = record ?? calendar.arrangement(year);
  return {
    year,
    source: record ? 'announced' : announced ? 'seeded' : 'statutory-only',
    announced: Boolean(announced),
    notice: announced?.notice,
    restDays: announced?.restDays ?? [],
    makeUpWorkdays: announced?.makeUpWorkdays ?? [],
    statutoryHolidays: statutoryHolidays(year).map(({ date, name }) => ({ date, name })),
    version: record?.version ?? 0,
    updatedAt: record?.updatedAt,
    updatedBy: record?.updatedBy,
  };
}

/** A warning once today is within ANNOUNCED_DATA_WARNING_DAYS of the end of announced data. */
export function announcedDataWarning(calendar: ChinaCalendar, today: string): string | undefined {
  const until = calendar.announcedUntil(today);
  if (addCalendarDays(today, ANNOUNCED_DATA_WARNING_DAYS) <= until) return undefined;
  const next = Number(until.slice(0, 4)) + 1;
  return `已公布的节假日安排只到 ${until}，请在国务院办公厅发布 ${next} 年节假日安排通知后及时录入；在此之前 ${next} 年的办理时限为暂定。`;
}

/**
 * 节假日安排: every year from 2025 to next year (and any later one entered), with its source.
 * @throws AppError ROLE_NOT_ALLOWED (administrators only)
 */
export async function calendarOverview(officer: Officer): Promise<CalendarOverview> {
  if (!isAdministrator(officer)) throw new AppError('ROLE_NOT_ALLOWED');
  const { calendar, records } = await loadCalendar();
  const today = chinaDateOf(nowIso());
  const byYear = new Map(records.map((r) => [r.year, r]));
  const last = Math.max(Number(today.slice(0, 4)) + 1, ...records.map((r) => r.year));
  const years: CalendarYearView[] = [];
  for (let year = FIRST_STATUTORY_YEAR; year <= last; year++) years.push(yearView(year, calendar, byYear.get(year)));
  return { years, announcedUntil: calendar.announcedUntil(today), warning: announcedDataWarning(calendar, today) };
}

/**
 * Enters or corrects one year's announced arrangement (conditional on the version the
 * administrator edited), audited in the same transaction. Not idempotent: each save is a
 * new version. This container's calendar is reloaded at once; others within CACHE_MS.
 * Deadlines already stored on cases are not recomputed.
 * @throws AppError ROLE_NOT_ALLOWED | CALENDAR_ARRANGEMENT_INVALID | CALENDAR_ARRANGEMENT_CONFLICT
 */
export async function saveArrangement(
  officer: Officer,
  year: number,
  request: SaveArrangementRequest,
): Promise<CalendarYearView> {
  if (!isAdministrator(officer)) throw new AppError('ROLE_NOT_ALLOWED');
  const arrangement = {
    restDays: [...new Set(request.restDays)].sort(),
    makeUpWorkdays: [...new Set(request.makeUpWorkdays)].sort(),
  };
  const problems = arrangementProblems(year, arrangement);
  if (problems.length) throw new AppError('CALENDAR_ARRANGEMENT_INVALID', problems);
  // Read past the cache: the audit chain must continue from the stored head.
  const stored = (await listArrangementRecords()).find((r) => r.year === year);
  const at = nowIso();
  const seq = (stored?.auditSeq ?? 0) + 1;
  const audit = chainEntry(stored?.auditHead ?? GENESIS_HASH, {
    seq,
    at,
    action: 'calendar_arrangement_saved',
    actorType: 'officer',
    actorId: officer.username,
    details: { year, notice: request.notice, ...arrangement },
  });
  const record: ArrangementRecord = {
    year,
    notice: request.notice,
    ...arrangement,
    version: request.expectedVersion + 1,
    updatedAt: at,
    updatedBy: officer.name,
    auditHead: audit.hash,
    auditSeq: seq,
  };
  // If someone saved in between, the version (or the audit sequence) condition fails.
  if (!(await saveArrangementRecord(record, request.expectedVersion, audit))) {
    cached = undefined;
    throw new AppError('CALENDAR_ARRANGEMENT_CONFLICT');
  }
  cached = undefined;
  log.info('calendar arrangement saved', { year, version: record.version, by: officer.username });
  const { calendar } = await loadCalendar();
  return yearView(year, calendar, record);
}

/**
 * Scheduled daily: logs a warning (and the metric field `calendarAnnouncedDaysLeft`) once
 * the announced data ends within ANNOUNCED_DATA_WARNING_DAYS, so operators enter the notice.
 */
export async function checkAnnouncedCalendar(): Promise<{ announcedUntil: string; warning?: string }> {
  const calendar = await workingDayCalendar();
  const today = chinaDateOf(nowIso());
  const announcedUntil = calendar.announcedUntil(today);
  const warning = announcedDataWarning(calendar, today);
  const daysLeft = Math.round((Date.parse(announcedUntil) - Date.parse(today)) / 86_400_000);
  if (warning) log.warn('calendar announced data ends soon', { announcedUntil, calendarAnnouncedDaysLeft: daysLeft });
  else log.info('calendar announced data checked', { announcedUntil, calendarAnnouncedDaysLeft: daysLeft });
  return { announcedUntil, ...(warning ? { warning } : {}) };
}
