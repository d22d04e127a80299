import { addWorkingDays, type DueMark, type WorkingDayCalendar, workingDaysBetween } from '@minsheng/shared';

/**
 * Time limits in working days (official holiday calendar). The clock starts when the case
 * is submitted, stops while the citizen owes a supplement, and resumes with what was left.
 * The calendar comes from domain/calendar (workingDayCalendar), never a compiled-in default.
 */
export interface Deadlines {
  dueDate?: string;
  statutoryDueDate?: string;
  pausedWorkingDaysLeft?: number;
  pausedStatutoryDaysLeft?: number;
}

export const startClock = (
  today: string,
  promisedDays: number,
  statutoryDays: number,
  calendar: WorkingDayCalendar,
): Deadlines => ({
  dueDate: addWorkingDays(today, promisedDays, calendar),
  statutoryDueDate: addWorkingDays(today, statutoryDays, calendar),
  pausedWorkingDaysLeft: undefined,
  pausedStatutoryDaysLeft: undefined,
});

export function pauseClock(today: string, current: Deadlines, calendar: WorkingDayCalendar): Deadlines {
  return {
    dueDate: undefined,
    statutoryDueDate: undefined,
    pausedWorkingDaysLeft: current.dueDate ? workingDaysBetween(today, current.dueDate, calendar) : 0,
    pausedStatutoryDaysLeft: current.statutoryDueDate
      ? workingDaysBetween(today, current.statutoryDueDate, calendar)
      : 0,
  };
}

export const resumeClock = (today: string, paused: Deadlines, calendar: WorkingDayCalendar): Deadlines => ({
  dueDate: addWorkingDays(today, paused.pausedWorkingDaysLeft ?? 0, calendar),
  statutoryDueDate: addWorkingDays(today, paused.pausedStatutoryDaysLeft ?? 0, calendar),
  pausedWorkingDaysLeft: undefined,
  pausedStatutoryDaysLeft: undefined,
});

export const stopClock = (): Deadlines => ({
  dueDate: undefined,
  statutoryDueDate: undefined,
  pausedWorkingDaysLeft: undefined,
  pausedStatutoryDaysLeft: undefined,
});

/** Electronic supervision (电子监察): red when overdue, yellow with at most one working day left. */
export function dueMark(
  today: string,
  dueDate: string | undefined,
  paused: boolean,
  calendar: WorkingDayCalendar,
): { mark: DueMark; workingDaysLeft?: number } {
  if (paused) return { mark: 'paused' };
  if (!dueDate) return { mark: 'normal' };
  if (today > dueDate) return { mark: 'red', workingDaysLeft: -workingDaysBetween(dueDate, today, calendar) };
  const left = workingDaysBetween(today, dueDate, calendar);
  return { mark: left <= 1 ? 'yellow' : 'normal', workingDaysLeft: left };
}
