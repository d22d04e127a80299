/**
 * Working days in mainland China: Monday–Friday, minus public holidays, plus the weekend
 * make-up working days (调休上班) the State Council announces each year. Dates are China
 * calendar dates (YYYY-MM-DD).
 */
export interface HolidayCalendar {
  holidays: ReadonlySet<string>;
  makeUpWorkdays: ReadonlySet<string>;
}

const range = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) {
    out.push(d.toISOString().slice(0, 10));
  }
  return out;
};

/** 国务院办公厅 holiday arrangements (2025 and 2026 notices). Extend each December. */
export const CHINA_CALENDAR: HolidayCalendar = {
  holidays: new Set([
    // 2025
    ...range('2025-01-01', '2025-01-01'),
    ...range('2025-01-28', '2025-02-04'),
    ...range('2025-04-04', '2025-04-06'),
    ...range('2025-05-01', '2025-05-05'),
    ...range('2025-05-31', '2025-06-02'),
    ...range('2025-10-01', '2025-10-08'),
    // 2026
    ...range('2026-01-01', '2026-01-03'),
    ...range('2026-02-15', '2026-02-23'),
    ...range('2026-04-04', '2026-04-06'),
    ...range('2026-05-01', '2026-05-05'),
    ...range('2026-06-19', '2026-06-21'),
    ...range('2026-09-25', '2026-09-27'),
    ...range('2026-10-01', '2026-10-07'),
  ]),
  makeUpWorkdays: new Set([
    // 2025
    '2025-01-26',
    '2025-02-08',
    '2025-04-27',
    '2025-09-28',
    '2025-10-11',
    // 2026
    '2026-01-04',
    '2026-02-14',
    '2026-02-28',
    '2026-05-09',
    '2026-09-20',
    '2026-10-10',
  ]),
};

/** The calendar date `days` after (or before) `date`. */
export const addCalendarDays = (date: string, days: number): string => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

export function isWorkingDay(date: string, calendar: HolidayCalendar = CHINA_CALENDAR): boolean {
  if (calendar.makeUpWorkdays.has(date)) return true;
  if (calendar.holidays.has(date)) return false;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * The date `days` working days after `start` (the start day itself does not count, as the
 * law counts time limits from the next day). 0 days → the same day.
 */
export function addWorkingDays(start: string, days: number, calendar: HolidayCalendar = CHINA_CALENDAR): string {
  let date = start;
  let left = days;
  while (left > 0) {
    date = addCalendarDays(date, 1);
    if (isWorkingDay(date, calendar)) left--;
  }
  return date;
}

/** Working days after `from` up to and including `to` (0 when `to` ≤ `from`). */
export function workingDaysBetween(from: string, to: string, calendar: HolidayCalendar = CHINA_CALENDAR): number {
  let count = 0;
  for (let date = addCalendarDays(from, 1); date <= to; date = addCalendarDays(date, 1))
    if (isWorkingDay(date, calendar)) count++;
  return count;
}

/** The China calendar date (UTC+8) of an instant. */
export const chinaDateOf = (iso: string | number | Date): string =>
  new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
