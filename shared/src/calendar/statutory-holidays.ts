import { getSolarDateFromLunar, getSolarTermDate } from 'chinese-days';
import { addCalendarDays } from './working-days';

/**
 * The public holidays fixed by 《全国年节及纪念日放假办法》 (as amended 2024, in force from
 * 2025): 元旦 1 day, 春节 4 (除夕 to 初三), 清明 1 (the solar-term day), 劳动节 2, 端午 1,
 * 中秋 1, 国庆 3. They follow from the law and the lunar calendar alone, so they are known
 * for every year; only the weekend shifts (调休) need the State Council's yearly notice.
 */
export const FIRST_STATUTORY_YEAR = 2025;
/** The lunar tables of chinese-days end with lunar year 2099. */
export const LAST_STATUTORY_YEAR = 2099;

export interface StatutoryHoliday {
  date: string;
  name: '元旦' | '春节' | '清明' | '劳动节' | '端午' | '中秋' | '国庆';
}

const pad = (n: number) => String(n).padStart(2, '0');
const lunar = (year: number, month: number, day: number): string =>
  // The regular (non-leap) month: 端午 and 中秋 are never kept in a leap month.
  getSolarDateFromLunar(`${year}-${pad(month)}-${pad(day)}`).date;

const run = (from: string, days: number, name: StatutoryHoliday['name']): StatutoryHoliday[] =>
  Array.from({ length: days }, (_, i) => ({ date: addCalendarDays(from, i), name }));

const cache = new Map<number, StatutoryHoliday[]>();

/**
 * The statutory holidays of a Gregorian year (whose 春节 is the lunar new year starting in
 * it; 除夕 is the day before 初一). Empty outside the years the amended law and the lunar
 * tables cover: earlier years are taken entirely from announced data.
 */
export function statutoryHolidays(year: number): readonly StatutoryHoliday[] {
  if (!Number.isInteger(year) || year < FIRST_STATUTORY_YEAR || year > LAST_STATUTORY_YEAR) return [];
  const cached = cache.get(year);
  if (cached) return cached;
  const newYearsDay = lunar(year, 1, 1);
  const days = [
    ...run(`${year}-01-01`, 1, '元旦'),
    ...run(addCalendarDays(newYearsDay, -1), 4, '春节'),
    ...run(getSolarTermDate(year, 4, 'pure_brightness'), 1, '清明'),
    ...run(`${year}-05-01`, 2, '劳动节'),
    ...run(lunar(year, 5, 5), 1, '端午'),
    ...run(lunar(year, 8, 15), 1, '中秋'),
    ...run(`${year}-10-01`, 3, '国庆'),
  ];
  cache.set(year, days);
  return days;
}

export const statutoryHolidayDates = (year: number): ReadonlySet<string> =>
  new Set(statutoryHolidays(year).map((h) => h.date));
