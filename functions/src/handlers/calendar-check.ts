import { checkAnnouncedCalendar } from '../domain/calendar';

/**
 * Scheduled daily: logs a warning (`calendar announced data ends soon`, with the metric field
 * `calendarAnnouncedDaysLeft`) from 60 days before the announced holiday data runs out, so
 * an administrator enters the State Council's next notice in time. Read-only; safe to re-run.
 */
export const handler = () => checkAnnouncedCalendar();
