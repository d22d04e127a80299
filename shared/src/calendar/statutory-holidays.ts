import { getYearLeapMonth, monthDays } from 'chinese-days';
import { addCalendarDays } from './working-days';

/**
 * The public holidays fixed by 《全国年节及纪念日放假办法》 (as amended 2024, in force from
 * 2025): 元旦 1 day, 春节 4 (除夕 to 初三), 清明 1 (the solar-term day), 劳动节 2, 端午 1,
 * 中秋 1, 国庆 3. They follow from the law and the lunar calendar alone, so they are known
 * for every year; only the weekend shifts (调休) need the State Council's yearly notice.
 */
export const FIRST_STATUTORY_YEAR = 2025;
/** The lunar tables of chinese-days and the 清明 formula end with 2099. */
export const LAST_STATUTORY_YEAR = 2099;

export interface StatutoryHoliday {
  date: string;
  name: '元旦' | '春节' | '清明' | '劳动节' | '端午' | '中秋' | '国庆';
}

/*
 * Only chinese-days' lunar month-length tables are used (monthDays, getYearLeapMonth): its
 * date-taking functions mix UTC parsing with local-time formatting and shift by a day on a
 * host west of UTC. The arithmetic here is in UTC dates only, whatever the host's time zone.
 */
const LUNAR_EPOCH = '1900-01-31'; // 正月初一 of lunar year 1900

const leapDays = (year: number): number => getYearLeapMonth(year).days;
const lunarYearDays = (year: number): number => {
  let days = leapDays(year);
  for (let m = 1; m <= 12; m++) days += monthDays(year, m);
  return days;
};

/** The solar date of lunar `year`-`month`-`day`, in the regular (not the leap) month. */
function lunar(year: number, month: number, day: number): string {
  let offset = 0;
  for (let y = 1900; y < year; y++) offset += lunarYearDays(y);
  const leapMonth = getYearLeapMonth(year).leapMonth;
  for (let m = 1; m < month; m++) offset += monthDays(year, m) + (m === leapMonth ? leapDays(year) : 0);
  return addCalendarDays(LUNAR_EPOCH, offset + day - 1);
}

/**
 * 清明, the solar term: day = ⌊Y·0.2422 + 4.81⌋ − ⌊Y/4⌋ in April (Y = year mod 100), the
 * standard formula for 2000–2099, with no exception year in that range.
 */
const qingming = (year: number): string => {
  const y = year % 100;
  return `${year}-04-${String(Math.floor(y * 0.2422 + 4.81) - Math.floor(y / 4)).padStart(2, '0')}`;
};

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
    ...run(qingming(year), 1, '清明'),
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
