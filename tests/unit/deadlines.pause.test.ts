import { seededChinaCalendar } from '@minsheng/shared';
import { pauseClock, resumeClock, startClock } from '../../functions/src/domain/deadlines';

const calendar = seededChinaCalendar();

describe('the legal clock', () => {
  it('pauses for a supplement and resumes with the working days that were left, across a holiday', () => {
    // 7 working days from Monday 21 September skip Mid-Autumn (25th) and National Day.
    const started = startClock('2026-09-21', 7, 20, calendar);
    expect(started.dueDate).toBe('2026-10-08');
    const paused = pauseClock('2026-09-24', started, calendar);
    expect(paused).toMatchObject({ dueDate: undefined, pausedWorkingDaysLeft: 4 });
    // Supplied on the last day before National Day: the 4 days left fall after the holiday,
    // counting Saturday 10 October, a make-up working day.
    const resumed = resumeClock('2026-09-30', paused, calendar);
    expect(resumed.dueDate).toBe('2026-10-12');
    expect(resumed.pausedWorkingDaysLeft).toBeUndefined();
  });
});
