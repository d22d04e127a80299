import {
  AppError,
  arrangementProblems,
  type CalendarOverview,
  type CalendarYearView,
  type ChinaCalendar,
  chinaDateOf,
  DEPARTMENTS,
  FIRST_STATUTORY_YEAR,
  type SaveArrangementRequest,
  statutoryHolidays,
  type YearArrangement,
} from '@minsheng/shared';
import { nowIso } from '../lib/clock';
import { log } from '../lib/log';
import { getApplication, openCaseIdsDueFrom } from '../repositories/applications';
import { chainEntry, GENESIS_HASH } from '../repositories/audit';
import { type ArrangementRecord, listArrangementRecords, saveArrangementRecord } from '../repositories/calendar';
import { announcedDataWarning, forgetCalendar, loadCalendar } from './calendar';
import { recalculatedDeadlines } from './deadlines';
import type { Officer } from './officer-auth';
import { writeAudited } from './transitions';

/** 节假日安排: administrators list the years and enter each year's announced arrangement. */
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
 * new version. This container's calendar is reloaded at once, others' within five minutes;
 * the running deadlines the change can move are recounted at once (recalculatedCases).
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
    forgetCalendar();
    throw new AppError('CALENDAR_ARRANGEMENT_CONFLICT');
  }
  forgetCalendar();
  const { calendar } = await loadCalendar();
  const recalculatedCases = await recalculateOpenDeadlines(year, calendar);
  log.info('calendar arrangement saved', { year, version: record.version, by: officer.username, recalculatedCases });
  return { ...yearView(year, calendar, record), recalculatedCases };
}

const CALENDAR_ACTOR = { type: 'system', id: 'calendar', name: '节假日安排更新' } as const;

/**
 * Recounts the running deadlines a new arrangement for `year` can move (open cases due on or
 * after 1 January of that year) with the fresh calendar, each case in its own audited write
 * without a version bump (like a recorded view), after the arrangement committed. A case
 * changed meanwhile keeps its dates (logged); its next clock change counts with the new calendar.
 */
async function recalculateOpenDeadlines(year: number, calendar: ChinaCalendar): Promise<number> {
  let changed = 0;
  for (const { code } of DEPARTMENTS) {
    for (const id of await openCaseIdsDueFrom(code, `${year}-01-01`)) {
      const record = await getApplication(id);
      const next = record && recalculatedDeadlines(record, calendar);
      if (!record || !next) continue;
      try {
        const details = { year, dueDate: next.dueDate, statutoryDueDate: next.statutoryDueDate };
        await writeAudited(record, next, 'deadline_recalculated', CALENDAR_ACTOR, details, false);
        changed++;
      } catch (error) {
        log.warn('deadline not recalculated', { applicationId: id, error });
      }
    }
  }
  return changed;
}
