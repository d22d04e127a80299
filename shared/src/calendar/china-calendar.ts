import type { YearArrangement } from './arrangements';
import { seededArrangements } from './seeded-arrangements';
import { statutoryHolidayDates } from './statutory-holidays';
import { addCalendarDays, isWeekend, type WorkingDayCalendar } from './working-days';

/**
 * The working-day calendar used for deadlines: statutory holidays computed for every year,
 * plus the announced arrangement of each year that has one. A year without an announced
 * arrangement is still counted (weekends and statutory days only) but is provisional: its
 * 调休 is not known yet, so a deadline in it may move by a day or two once the notice is out.
 */
export interface ChinaCalendar extends WorkingDayCalendar {
  /** True when `date`'s year has no announced arrangement. */
  isProvisional(date: string): boolean;
  arrangement(year: number): YearArrangement | undefined;
  /** Last day of announced data with no gap from `today`'s year (the day before `today`'s year starts when that year has none). */
  announcedUntil(today: string): string;
}

interface CompiledYear {
  rest: ReadonlySet<string>;
  work: ReadonlySet<string>;
}

/** Builds the calendar; later entries for a year replace earlier ones (stored records over the seed). */
export function buildChinaCalendar(arrangements: readonly YearArrangement[]): ChinaCalendar {
  const byYear = new Map<number, YearArrangement>();
  for (const a of arrangements) byYear.set(a.year, a);
  const compiled = new Map<number, CompiledYear>();
  const yearOf = (date: string) => Number(date.slice(0, 4));
  const compiledYear = (year: number): CompiledYear => {
    let c = compiled.get(year);
    if (!c) {
      const a = byYear.get(year);
      c = {
        rest: new Set([...statutoryHolidayDates(year), ...(a?.restDays ?? [])]),
        work: new Set(a?.makeUpWorkdays ?? []),
      };
      compiled.set(year, c);
    }
    return c;
  };
  return {
    isWorkingDay(date) {
      const { rest, work } = compiledYear(yearOf(date));
      if (work.has(date)) return true;
      if (rest.has(date)) return false;
      return !isWeekend(date);
    },
    isProvisional: (date) => !byYear.has(yearOf(date)),
    arrangement: (year) => byYear.get(year),
    announcedUntil(today) {
      let year = yearOf(today);
      while (byYear.has(year)) year++;
      return addCalendarDays(`${year}-01-01`, -1);
    },
  };
}

/** The calendar from the compiled-in data alone (the fallback before or without the table's records). */
export const seededChinaCalendar = (): ChinaCalendar => buildChinaCalendar(seededArrangements());

/** Days before announcedUntil from which operators are warned to enter the next notice. */
export const ANNOUNCED_DATA_WARNING_DAYS = 60;
