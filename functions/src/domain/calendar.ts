import {
  ANNOUNCED_DATA_WARNING_DAYS,
  addCalendarDays,
  buildChinaCalendar,
  type ChinaCalendar,
  chinaDateOf,
  seededArrangements,
} from '@minsheng/shared';
import { nowIso, nowMs } from '../lib/clock';
import { log } from '../lib/log';
import { type ArrangementRecord, listArrangementRecords } from '../repositories/calendar';

/**
 * The working-day calendar deadlines are computed with: statutory holidays computed for any
 * year, the announced arrangements shipped with the code (seed), and the ones administrators
 * entered in the console (stored records win over the seed for their year).
 *
 * Read once per container and kept for CACHE_MS, so deadlines cost no DynamoDB round trip per
 * request; a change made in another container shows here within that time. If the table
 * cannot be read, the last good calendar (or the seed) is used and the failure logged.
 * Administrators maintain the records through calendar-admin.ts.
 */
const CACHE_MS = 5 * 60_000;

let cached: { calendar: ChinaCalendar; records: ArrangementRecord[]; loadedAt: number } | undefined;

/** The calendar and the stored records it was built from (cached per container). */
export async function loadCalendar(): Promise<{ calendar: ChinaCalendar; records: ArrangementRecord[] }> {
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

/** Drops this container's copy, after a save here, so the next read sees the new record. */
export const forgetCalendar = (): void => {
  cached = undefined;
};

/** The calendar for deadlines and bookable days (cached per container). */
export const workingDayCalendar = async (): Promise<ChinaCalendar> => (await loadCalendar()).calendar;

/** A warning once today is within ANNOUNCED_DATA_WARNING_DAYS of the end of announced data. */
export function announcedDataWarning(calendar: ChinaCalendar, today: string): string | undefined {
  const until = calendar.announcedUntil(today);
  if (addCalendarDays(today, ANNOUNCED_DATA_WARNING_DAYS) <= until) return undefined;
  const next = Number(until.slice(0, 4)) + 1;
  return `已公布的节假日安排只到 ${until}，请在国务院办公厅发布 ${next} 年节假日安排通知后及时录入；在此之前 ${next} 年的办理时限为暂定。`;
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
