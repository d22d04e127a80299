import { withSecrets } from '../adapters/secrets';
import { runAppointmentSweep } from '../domain/appointments';

/**
 * Scheduled daily (early morning, China time): records the past week's missed appointments
 * as no-shows and queues tomorrow's reminders. Safe to re-run.
 */
export const handler = withSecrets((event: { time?: string } = {}) => runAppointmentSweep({ asOf: event.time }));
