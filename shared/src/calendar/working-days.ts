/**
 * Working-day arithmetic in mainland China. Dates are China calendar dates (YYYY-MM-DD).
 * Which days are working days comes from a calendar (see china-calendar.ts: statutory
 * holidays computed by law plus the State Council's announced arrangements); this module
 * only counts. It has no lunar-calendar code, so the mini-app can import it cheaply.
 */
export interface WorkingDayCalendar {
  isWorkingDay(date: string): boolean;
}

/** The calendar date `days` after (or before) `date`. */
export const addCalendarDays = (date: string, days: number): string => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** 0 = Sunday … 6 = Saturday. */
export const weekdayOf = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();
export const isWeekend = (date: string): boolean => weekdayOf(date) === 0 || weekdayOf(date) === 6;

/**
 * The date `days` working days after `start` (the start day itself does not count, as the
 * law counts time limits from the next day). 0 days → the same day.
 */
export function addWorkingDays(start: string, days: number, calendar: WorkingDayCalendar): string {
  let date = start;
  let left = days;
  while (left > 0) {
    date = addCalendarDays(date, 1);
    if (calendar.isWorkingDay(date)) left--;
  }
  return date;
}

/** Working days after `from` up to and including `to` (0 when `to` ≤ `from`). */
export function workingDaysBetween(from: string, to: string, calendar: WorkingDayCalendar): number {
  let count = 0;
  for (let date = addCalendarDays(from, 1); date <= to; date = addCalendarDays(date, 1))
    if (calendar.isWorkingDay(date)) count++;
  return count;
}

/** The China calendar date (UTC+8) of an instant. */
export const chinaDateOf = (iso: string | number | Date): string =>
  new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
