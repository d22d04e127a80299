import { getDayDetail, getHolidaysInRange } from 'chinese-days';
import type { YearArrangement } from './arrangements';
import { FIRST_STATUTORY_YEAR, statutoryHolidayDates } from './statutory-holidays';
import { addCalendarDays, isWeekend } from './working-days';

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

function arrangementFromPackage(year: number): YearArrangement | undefined {
  if (getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length === 0) return undefined;
  const statutory = statutoryHolidayDates(year);
  const restDays: string[] = [];
  const makeUpWorkdays: string[] = [];
  for (let date = `${year}-01-01`; date.startsWith(`${year}-`); date = addCalendarDays(date, 1)) {
    const { work } = getDayDetail(date);
    if (work && isWeekend(date)) makeUpWorkdays.push(date);
    if (!work && !isWeekend(date) && !statutory.has(date)) restDays.push(date);
  }
  return { year, notice: NOTICE_NUMBERS[year] ?? 'chinese-days 数据包', restDays, makeUpWorkdays };
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
