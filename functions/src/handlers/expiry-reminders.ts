import { withSecrets } from '../adapters/secrets';
import { runExpiryReminders } from '../domain/reminders';

/**
 * Scheduled daily: queues the expiry reminders due on the day of the scheduled event (and on
 * days an earlier run did not finish); the notification worker sends them. Re-running it, or
 * running it after a crash, queues nothing twice.
 */
export const handler = withSecrets((event: { time?: string } = {}) => runExpiryReminders({ asOf: event.time }));
