import {
  AppError,
  FINANCE_ACTIONS,
  type FinanceAction,
  type FinanceQueueEntry,
  type FinanceResolveRequest,
  PAYMENT_STATUS_LABEL,
  type PaymentStatus,
} from '@minsheng/shared';
import { PaymentProviderError, queryOrder, type Transaction } from '../adapters/wechatpay';
import { nowIso } from '../lib/clock';
import { log } from '../lib/log';
import { getPayment, listFinanceQueue, type PaymentRecord, writePayment } from '../repositories/payments';
import { deliverAfterCommit, paymentNotice } from './notifications';
import type { Officer } from './officer-auth';
import { advance, sendRefundAfterCommit, writePaid } from './payments';

/**
 * The finance queue (财务): orders the automatic flow cannot settle — a genuinely signed
 * payment that does not match its order (flagged) and refunds WeChat Pay answered ABNORMAL.
 * A finance officer resolves each one; the resolution, with the officer and their note, is a
 * move in the order's state graph and so in its history.
 */
const mayRead = (officer: Officer) => officer.role === 'finance' || officer.role === 'inspector';

const actionsFor = (status: PaymentStatus): FinanceAction[] => [
  ...((FINANCE_ACTIONS as Partial<Record<PaymentStatus, readonly FinanceAction[]>>)[status] ?? []),
];

function queueEntry(record: PaymentRecord, officer: Officer): FinanceQueueEntry {
  return {
    outTradeNo: record.outTradeNo,
    purpose: record.purpose,
    subjectId: record.subjectId,
    description: record.description,
    amountFen: record.amountFen,
    receivedFen: record.receivedFen,
    status: record.status,
    statusLabel: PAYMENT_STATUS_LABEL[record.status],
    version: record.version,
    reason: record.flaggedReason ?? record.history.at(-1)?.note,
    updatedAt: record.updatedAt,
    allowedActions: officer.role === 'finance' ? actionsFor(record.status) : [],
    history: record.history,
  };
}

/** @throws AppError ROLE_NOT_ALLOWED */
export async function financeQueue(officer: Officer): Promise<FinanceQueueEntry[]> {
  if (!mayRead(officer)) throw new AppError('ROLE_NOT_ALLOWED');
  return (await listFinanceQueue()).map((r) => queueEntry(r, officer));
}

/**
 * Resolves one queued order. Confirming a flagged payment first asks WeChat Pay: only a
 * transaction it reports as SUCCESS can be accepted (and its effect — the fee or fine paid —
 * is applied in the same transaction). Refunding returns what was actually received.
 * Recording an offline refund closes an abnormal refund. Not idempotent: a second call on a
 * resolved order is refused.
 * @throws AppError ROLE_NOT_ALLOWED | PAYMENT_NOT_FOUND | PAYMENT_CHANGED | ACTION_NOT_ALLOWED |
 *   PAYMENT_NOT_CONFIRMED | PAYMENT_PROVIDER_UNAVAILABLE
 */
export async function resolveFinanceItem(
  officer: Officer,
  outTradeNo: string,
  request: FinanceResolveRequest,
): Promise<FinanceQueueEntry> {
  if (officer.role !== 'finance') throw new AppError('ROLE_NOT_ALLOWED');
  const record = await getPayment(outTradeNo);
  if (!record) throw new AppError('PAYMENT_NOT_FOUND');
  if (record.version !== request.expectedVersion) throw new AppError('PAYMENT_CHANGED');
  if (!actionsFor(record.status).includes(request.action)) {
    throw new AppError(
      'ACTION_NOT_ALLOWED',
      undefined,
      `订单当前为“${PAYMENT_STATUS_LABEL[record.status]}”，不能进行该处理`,
    );
  }
  const next = await resolvedState(record, request, officer.username);
  log.info('finance resolution', { outTradeNo, action: request.action, officer: officer.username });
  if (next.status === 'refund_requested') await sendRefundAfterCommit(outTradeNo);
  return queueEntry((await getPayment(outTradeNo)) ?? next, officer);
}

/** WeChat Pay's own record of the order (the check a finance officer's resolution rests on). */
async function paidTransaction(outTradeNo: string): Promise<Transaction & { transaction_id: string }> {
  let txn: Transaction | undefined;
  try {
    txn = await queryOrder(outTradeNo);
  } catch (error) {
    if (error instanceof PaymentProviderError) throw new AppError('PAYMENT_PROVIDER_UNAVAILABLE');
    throw error;
  }
  if (!txn || txn.trade_state !== 'SUCCESS' || !txn.transaction_id) throw new AppError('PAYMENT_NOT_CONFIRMED');
  return txn as Transaction & { transaction_id: string };
}

async function resolvedState(
  record: PaymentRecord,
  request: FinanceResolveRequest,
  actor: string,
): Promise<PaymentRecord> {
  const { action, note } = request;
  if (action === 'finance_confirm_paid') {
    const txn = await paidTransaction(record.outTradeNo);
    const paidAt = txn.success_time ? new Date(txn.success_time).toISOString() : nowIso();
    const next = advance(
      record,
      action,
      { transactionId: txn.transaction_id, paidAt, receivedFen: txn.amount.total },
      note,
      actor,
    ) as PaymentRecord;
    const notice = paymentNotice(next);
    const outcome = await writePaid(next, record.version, txn.transaction_id, notice);
    if (outcome !== 'written') throw new AppError('PAYMENT_CHANGED');
    if (notice) await deliverAfterCommit([notice.eventKey]);
    return next;
  }
  const changes: Partial<PaymentRecord> =
    action === 'finance_refund'
      ? {
          outRefundNo: `R${record.outTradeNo}`.slice(0, 64),
          // Refund what WeChat Pay says it received, not what the order or a notification said.
          receivedFen: (await paidTransaction(record.outTradeNo)).amount.total,
        }
      : { refundedAt: nowIso() };
  const next = advance(record, action, changes, note, actor) as PaymentRecord;
  const notice = paymentNotice(next);
  const outcome = await writePayment(next, record.version, notice ? [notice.item] : []);
  if (outcome !== 'written') throw new AppError('PAYMENT_CHANGED');
  if (notice) await deliverAfterCommit([notice.eventKey]);
  return next;
}
