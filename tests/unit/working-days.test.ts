import {
  addWorkingDays,
  buildChinaCalendar,
  seededChinaCalendar,
  statutoryHolidays,
  workingDaysBetween,
} from '@minsheng/shared';
import announced from 'chinese-days/dist/chinese-days.json';
import { dueMark as dueMarkToday } from '../../functions/src/domain/deadlines';

const calendar = seededChinaCalendar();

describe('working days with the official calendar', () => {
  it('skips the National Day holiday and counts the Saturday make-up day', () => {
    expect(calendar.isWorkingDay('2026-10-01')).toBe(false);
    expect(calendar.isWorkingDay('2026-10-10')).toBe(true); // Saturday, make-up working day
    expect(addWorkingDays('2026-09-30', 1, calendar)).toBe('2026-10-08');
    expect(addWorkingDays('2026-09-30', 3, calendar)).toBe('2026-10-10');
  });

  it('skips Spring Festival 2026 and counts 14 and 28 February', () => {
    expect(calendar.isWorkingDay('2026-02-14')).toBe(true);
    expect(calendar.isWorkingDay('2026-02-16')).toBe(false);
    expect(addWorkingDays('2026-02-13', 1, calendar)).toBe('2026-02-14');
    expect(addWorkingDays('2026-02-14', 1, calendar)).toBe('2026-02-24');
  });

  it('counts ordinary weekends out and the same day for zero days', () => {
    expect(addWorkingDays('2026-11-20', 1, calendar)).toBe('2026-11-23'); // Friday → Monday
    expect(addWorkingDays('2026-11-23', 0, calendar)).toBe('2026-11-23');
    expect(workingDaysBetween('2026-11-20', '2026-11-27', calendar)).toBe(5);
    expect(workingDaysBetween('2026-11-27', '2026-11-20', calendar)).toBe(0);
  });

  it('marks yellow with one working day left and red when overdue', () => {
    expect(dueMarkToday('2026-11-23', '2026-11-30', false, calendar)).toEqual({ mark: 'normal', workingDaysLeft: 5 });
    expect(dueMarkToday('2026-11-27', '2026-11-30', false, calendar)).toEqual({ mark: 'yellow', workingDaysLeft: 1 });
    expect(dueMarkToday('2026-12-01', '2026-11-30', false, calendar)).toMatchObject({ mark: 'red' });
    expect(dueMarkToday('2026-12-01', undefined, true, calendar)).toEqual({ mark: 'paused' });
  });
});

describe('deadlines past the announced data (clock at 2026-12-04)', () => {
  const today = '2026-12-04';

  it('never lands a 20-working-day deadline on 元旦 2027', () => {
    const due = addWorkingDays(today, 20, calendar);
    expect(due).not.toBe('2027-01-01');
    expect(calendar.isWorkingDay('2027-01-01')).toBe(false);
    // 19 working days reach Thursday 31 December; the 20th is Monday 4 January.
    expect(due).toBe('2027-01-04');
    expect(calendar.isProvisional(due)).toBe(true);
  });

  it('skips 除夕 to 初三 2027 (5–8 February) in a 60-working-day deadline', () => {
    for (const date of ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08'])
      expect(calendar.isWorkingDay(date)).toBe(false);
    // Counted with weekends only, the 60th working day would be 2027-02-26; the statutory
    // days on Friday 5 and Monday 8 February push it two working days on.
    const weekendsOnly = { isWorkingDay: (d: string) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()) };
    expect(addWorkingDays(today, 60, weekendsOnly)).toBe('2027-02-26');
    expect(addWorkingDays(today, 60, calendar)).toBe('2027-03-03');
  });

  it('knows where the announced data ends', () => {
    expect(calendar.announcedUntil(today)).toBe('2026-12-31');
    expect(calendar.isProvisional('2026-12-31')).toBe(false);
    expect(calendar.isProvisional('2027-01-04')).toBe(true);
  });
});

describe('statutory holidays computed from the law and the lunar calendar', () => {
  it.each([2025, 2026])('are all rest days in chinese-days’ announced data for %i', (year) => {
    const computed = statutoryHolidays(year);
    expect(computed).toHaveLength(13);
    for (const { date } of computed) expect([date, Object.hasOwn(announced.holidays, date)]).toEqual([date, true]);
  });

  it('match the announced 2025 and 2026 calendars day by day once the seed is applied', () => {
    for (
      let d = new Date('2025-01-01T00:00:00Z');
      d < new Date('2027-01-01T00:00:00Z');
      d.setUTCDate(d.getUTCDate() + 1)
    ) {
      const date = d.toISOString().slice(0, 10);
      const weekday = ![0, 6].includes(d.getUTCDay());
      const work = Object.hasOwn(announced.workdays, date) || (weekday && !Object.hasOwn(announced.holidays, date));
      expect([date, calendar.isWorkingDay(date)]).toEqual([date, work]);
    }
  });

  it.each([
    // year, 除夕, 清明, 端午, 中秋 (lunar dates from the published almanac)
    [2025, '2025-01-28', '2025-04-04', '2025-05-31', '2025-10-06'],
    [2026, '2026-02-16', '2026-04-05', '2026-06-19', '2026-09-25'],
    [2027, '2027-02-05', '2027-04-05', '2027-06-09', '2027-09-15'],
    [2028, '2028-01-25', '2028-04-04', '2028-05-28', '2028-10-03'],
    [2030, '2030-02-02', '2030-04-05', '2030-06-05', '2030-09-12'],
  ])('for %i: 除夕 %s, 清明 %s, 端午 %s, 中秋 %s', (year, eve, qingming, duanwu, zhongqiu) => {
    const days = statutoryHolidays(year as number);
    const dates = (name: string) => days.filter((h) => h.name === name).map((h) => h.date);
    expect(dates('元旦')).toEqual([`${year}-01-01`]);
    expect(dates('春节')[0]).toBe(eve);
    expect(dates('春节')).toHaveLength(4);
    expect(dates('清明')).toEqual([qingming]);
    expect(dates('劳动节')).toEqual([`${year}-05-01`, `${year}-05-02`]);
    expect(dates('端午')).toEqual([duanwu]);
    expect(dates('中秋')).toEqual([zhongqiu]);
    expect(dates('国庆')).toEqual([`${year}-10-01`, `${year}-10-02`, `${year}-10-03`]);
  });

  it('lets an announced arrangement shift the weekend and end the provisional mark', () => {
    const with2027 = buildChinaCalendar([
      { year: 2027, notice: '国办发明电〔2026〕1号', restDays: ['2027-02-09'], makeUpWorkdays: ['2027-02-20'] },
    ]);
    expect(with2027.isWorkingDay('2027-02-09')).toBe(false);
    expect(with2027.isWorkingDay('2027-02-20')).toBe(true);
    expect(with2027.isWorkingDay('2027-02-05')).toBe(false); // statutory days stay
    expect(with2027.isProvisional('2027-03-01')).toBe(false);
    expect(with2027.announcedUntil('2027-01-10')).toBe('2027-12-31');
  });
});
