import { addWorkingDays, isWorkingDay, workingDaysBetween } from '@minsheng/shared';
import { dueMark as dueMarkToday } from '../../functions/src/domain/deadlines';

describe('working days with the official calendar', () => {
  it('skips the National Day holiday and counts the Saturday make-up day', () => {
    expect(isWorkingDay('2026-10-01')).toBe(false);
    expect(isWorkingDay('2026-10-10')).toBe(true); // Saturday, make-up working day
    expect(addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
    expect(addWorkingDays('2026-09-30', 3)).toBe('2026-10-10');
  });

  it('skips Spring Festival 2026 and counts 14 and 28 February', () => {
    expect(isWorkingDay('2026-02-14')).toBe(true);
    expect(isWorkingDay('2026-02-16')).toBe(false);
    expect(addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    expect(addWorkingDays('2026-02-14', 1)).toBe('2026-02-24');
  });

  it('counts ordinary weekends out and the same day for zero days', () => {
    expect(addWorkingDays('2026-11-20', 1)).toBe('2026-11-23'); // Friday → Monday
    expect(addWorkingDays('2026-11-23', 0)).toBe('2026-11-23');
    expect(workingDaysBetween('2026-11-20', '2026-11-27')).toBe(5);
    expect(workingDaysBetween('2026-11-27', '2026-11-20')).toBe(0);
  });

  it('marks yellow with one working day left and red when overdue', () => {
    expect(dueMarkToday('2026-11-23', '2026-11-30', false)).toEqual({ mark: 'normal', workingDaysLeft: 5 });
    expect(dueMarkToday('2026-11-27', '2026-11-30', false)).toEqual({ mark: 'yellow', workingDaysLeft: 1 });
    expect(dueMarkToday('2026-12-01', '2026-11-30', false)).toMatchObject({ mark: 'red' });
    expect(dueMarkToday('2026-12-01', undefined, true)).toEqual({ mark: 'paused' });
  });
});
