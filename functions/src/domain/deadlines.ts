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
  /** What the running clock's dates were counted from, so they can be recounted with a newer calendar. */
  clockBasis?: ClockBasis;
}

export interface ClockBasis {
  /** The China date the clock (re)started. */
  from: string;
  promisedDays: number;
  statutoryDays: number;
}

const running = (basis: ClockBasis, calendar: WorkingDayCalendar): Deadlines => ({
  dueDate: addWorkingDays(basis.from, basis.promisedDays, calendar),
  statutoryDueDate: addWorkingDays(basis.from, basis.statutoryDays, calendar),
  pausedWorkingDaysLeft: undefined,
  pausedStatutoryDaysLeft: undefined,
  clockBasis: basis,
});

export const startClock = (
  today: string,
  promisedDays: number,
  statutoryDays: number,
  calendar: WorkingDayCalendar,
): Deadlines => running({ from: today, promisedDays, statutoryDays }, calendar);

export function pauseClock(today: string, current: Deadlines, calendar: WorkingDayCalendar): Deadlines {
  return {
    dueDate: undefined,
    statutoryDueDate: undefined,
    pausedWorkingDaysLeft: current.dueDate ? workingDaysBetween(today, current.dueDate, calendar) : 0,
    pausedStatutoryDaysLeft: current.statutoryDueDate
      ? workingDaysBetween(today, current.statutoryDueDate, calendar)
      : 0,
    clockBasis: undefined,
  };
}

export const resumeClock = (today: string, paused: Deadlines, calendar: WorkingDayCalendar): Deadlines =>
  running(
    {
      from: today,
      promisedDays: paused.pausedWorkingDaysLeft ?? 0,
      statutoryDays: paused.pausedStatutoryDaysLeft ?? 0,
    },
    calendar,
  );

/**
 * The running clock's dates recounted with `calendar` (e.g. after a year's 调休 was entered),
 * or undefined when they do not change or the clock is not running from a recorded basis.
 */
export function recalculatedDeadlines(current: Deadlines, calendar: WorkingDayCalendar): Deadlines | undefined {
  if (!current.clockBasis || !current.dueDate) return undefined;
  const next = running(current.clockBasis, calendar);
  return next.dueDate === current.dueDate && next.statutoryDueDate === current.statutoryDueDate ? undefined : next;
}

export const stopClock = (): Deadlines => ({
  dueDate: undefined,
  statutoryDueDate: undefined,
  pausedWorkingDaysLeft: undefined,
  pausedStatutoryDaysLeft: undefined,
  clockBasis: undefined,
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
