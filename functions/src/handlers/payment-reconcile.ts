import { withSecrets } from '../adapters/secrets';
import { syncPayment } from '../domain/payments';
import { log } from '../lib/log';
import { listFinanceQueue, listUnsettled } from '../repositories/payments';

/**
 * Scheduled every few minutes: settles orders whose outcome we do not know yet — asks WeChat
 * Pay about unanswered prepays and unnotified payments, closes expired unpaid orders, and
 * (re)sends or checks refunds, and asks again about flagged orders (they settle if WeChat Pay
 * reports the ordered amount; otherwise they wait for a finance officer). Each order is
 * handled independently; a failure is retried next run. Reads only the unsettled and finance
 * index partitions, never the whole table. Abnormal refunds are not retried: finance settles them.
 */
export const handler = withSecrets(async (): Promise<{ examined: number; settled: number }> => {
  const [unsettled, finance] = await Promise.all([listUnsettled('9999-12-31'), listFinanceQueue()]);
  const orders = [...unsettled, ...finance.filter((o) => o.status === 'flagged')];
  let settled = 0;
  for (const order of orders) {
    try {
      const after = await syncPayment(order.outTradeNo);
      if (after && after.status !== order.status) settled++;
    } catch (error) {
      log.warn('reconcile failed for an order', { outTradeNo: order.outTradeNo, error: String(error) });
    }
  }
  log.info('payment reconciliation run', { examined: orders.length, settled });
  return { examined: orders.length, settled };
});
