import { withSecrets } from '../adapters/secrets';
import { reconcilePayments } from '../domain/payments';

/** Scheduled every few minutes (serverless.yml): one reconciliation run of unsettled payments. */
export const handler = withSecrets(reconcilePayments);
