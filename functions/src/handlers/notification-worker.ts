import { withSecrets } from '../adapters/secrets';
import { runNotificationWorker } from '../domain/notifications';

/**
 * Scheduled every minute: sends the outbox records that are due — those whose immediate
 * attempt after commit failed or never happened, and retries after WeChat errors. Reads only
 * the pending index partition. Each record is claimed before sending, so overlapping runs
 * (or a run racing an immediate attempt) never send a message twice.
 */
export const handler = withSecrets(() => runNotificationWorker());
