// The package's data file, not its date functions: those shift by a day on hosts west of UTC.
import announced from 'chinese-days/dist/chinese-days.json';
import type { YearArrangement } from './arrangements';
import { FIRST_STATUTORY_YEAR, statutoryHolidayDates } from './statutory-holidays';
import { isWeekend } from './working-days';

/**
 * The announced arrangements shipped with the code, taken from chinese-days (maintained from
 * the State Council's notices; 2025–2026 in 1.5.7). They are the fallback when the table holds
 * no record for a year, and a newer package version brings its new years with it.
 * The notice numbers are not in the package: known ones are listed here.
 */
const NOTICE_NUMBERS: Record<number, string> = {
  2025: '国办发明电〔2024〕12号',
  2026: '国办发明电〔2025〕7号',
};

const inYear = (dates: Record<string, string>, year: number) =>
  Object.keys(dates)
    .filter((d) => d.startsWith(`${year}-`))
    .sort();

/** A year the package announces: its rest days beyond the statutory ones, and its make-up Saturdays and Sundays. */
function arrangementFromPackage(year: number): YearArrangement | undefined {
  const rest = inYear(announced.holidays, year);
  if (rest.length === 0) return undefined;
  const statutory = statutoryHolidayDates(year);
  return {
    year,
    notice: NOTICE_NUMBERS[year] ?? 'chinese-days 数据包',
    restDays: rest.filter((d) => !isWeekend(d) && !statutory.has(d)),
    makeUpWorkdays: inYear(announced.workdays, year).filter(isWeekend),
  };
}

let seeded: readonly YearArrangement[] | undefined;

/** Every year from 2025 that the package announces, in order. */
export function seededArrangements(): readonly YearArrangement[] {
  if (!seeded) {
    const years: YearArrangement[] = [];
    for (let year = FIRST_STATUTORY_YEAR; ; year++) {
      const arrangement = arrangementFromPackage(year);
      if (!arrangement) break;
      years.push(arrangement);
    }
    seeded = years;
  }
  return seeded;
}
