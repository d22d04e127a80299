import '../zod-chinese';
import { z } from 'zod';
import { Version } from '../schemas/bounds';
import { FIRST_STATUTORY_YEAR, LAST_STATUTORY_YEAR, statutoryHolidayDates } from './statutory-holidays';
import { isWeekend } from './working-days';

/**
 * A year's holiday arrangement as the State Council's notice announces it (国务院办公厅关于
 * XXXX年部分节假日安排的通知): the weekdays given as rest days on top of the statutory
 * holidays (调休 and 补假), and the weekend days worked instead (调休上班). The statutory
 * days themselves are not entered: they are computed (statutory-holidays.ts).
 */
export interface YearArrangement {
  year: number;
  /** The notice's number, e.g. 国办发明电〔2025〕7号. */
  notice: string;
  restDays: string[];
  makeUpWorkdays: string[];
}

const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine(
    (d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    {
      message: '日期无效',
    },
  );

/** PUT /officer/calendar/{year}: enter or correct a year's arrangement (administrators only). */
export const SaveArrangementRequest = z
  .object({
    notice: z.string().trim().min(4).max(60),
    // A notice shifts a handful of days; the caps keep a hostile body small.
    restDays: z.array(IsoDate).max(40),
    makeUpWorkdays: z.array(IsoDate).max(20),
    /** The version the administrator edited (0 when the year had no announced record). */
    expectedVersion: Version,
  })
  .strict();
export type SaveArrangementRequest = z.infer<typeof SaveArrangementRequest>;

export const CalendarYear = z.coerce
  .number()
  .int()
  .min(FIRST_STATUTORY_YEAR, `仅支持 ${FIRST_STATUTORY_YEAR} 年及以后`)
  .max(LAST_STATUTORY_YEAR, `仅支持 ${LAST_STATUTORY_YEAR} 年及以前`);

/**
 * What is wrong with an arrangement for `year`, as field issues (empty when it is sound):
 * every date in the year, rest days on weekdays that are not already statutory holidays,
 * make-up days on weekends, no date in both lists.
 */
export function arrangementProblems(
  year: number,
  arrangement: Pick<YearArrangement, 'restDays' | 'makeUpWorkdays'>,
): { path: string; message: string }[] {
  const statutory = statutoryHolidayDates(year);
  const problems: { path: string; message: string }[] = [];
  const check = (list: 'restDays' | 'makeUpWorkdays', date: string, i: number) => {
    const path = `${list}.${i}`;
    if (!date.startsWith(`${year}-`)) problems.push({ path, message: `${date} 不在 ${year} 年内` });
    else if (list === 'restDays' && isWeekend(date)) problems.push({ path, message: `${date} 是周末，无须调休` });
    else if (list === 'restDays' && statutory.has(date))
      problems.push({ path, message: `${date} 已是法定节假日，无须录入` });
    else if (list === 'makeUpWorkdays' && !isWeekend(date))
      problems.push({ path, message: `${date} 不是周末，不能作为调休上班日` });
  };
  for (const [i, d] of arrangement.restDays.entries()) check('restDays', d, i);
  for (const [i, d] of arrangement.makeUpWorkdays.entries()) check('makeUpWorkdays', d, i);
  const rest = new Set(arrangement.restDays);
  for (const [i, d] of arrangement.makeUpWorkdays.entries())
    if (rest.has(d)) problems.push({ path: `makeUpWorkdays.${i}`, message: `${d} 同时被录为休息日和上班日` });
  return problems;
}

/** Where a year's calendar comes from, as the console's 节假日安排 page lists it. */
export type CalendarYearSource = 'announced' | 'seeded' | 'statutory-only';

export interface CalendarYearView {
  year: number;
  source: CalendarYearSource;
  /** False when only the statutory days are known: deadlines in this year are provisional. */
  announced: boolean;
  notice?: string;
  restDays: string[];
  makeUpWorkdays: string[];
  statutoryHolidays: { date: string; name: string }[];
  /** Optimistic-concurrency version of the stored record (0 when none is stored). */
  version: number;
  updatedAt?: string;
  updatedBy?: string;
  /** After a save: how many open cases' deadlines were recounted with the new arrangement. */
  recalculatedCases?: number;
}

export interface CalendarOverview {
  years: CalendarYearView[];
  /** Last day covered by announced data without a gap from the current year. */
  announcedUntil: string;
  /** Set within 60 days of announcedUntil: the next notice should be entered. */
  warning?: string;
}
