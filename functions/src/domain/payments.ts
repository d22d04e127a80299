import { randomBytes } from 'node:crypto';
import {
  AppError,
  nextPaymentStatus,
  PAYMENT_STATUS_LABEL,
  type PaymentEvent,
  type PaymentPurpose,
  type PaymentView,
} from '@minsheng/shared';
import { isConditionFailure } from '../adapters/dynamo';
import {
  closeOrder,
  decryptResource,
  jsapiPrepay,
  PaymentProviderError,
  platformKeys,
  queryOrder,
  queryRefund,
  type Refund,
  requestPaymentFor,
  requestRefund,
  type Transaction,
} from '../adapters/wechatpay';
import { wechatPayConfig } from '../config';
import { checkWechatpaySignature, signedMessageFrom } from '../crypto/wechatpay-signature';
import { epochSeconds, nowIso, nowMs } from '../lib/clock';
import { log } from '../lib/log';
import { getApplication } from '../repositories/applications';
import {
  currentOrderOf,
  getPayment,
  insertPayment,
  listFinanceQueue,
  listUnsettled,
  type PaymentRecord,
  paymentWriteItems,
  writePayment,
} from '../repositories/payments';
import { violationPaidUpdate } from '../repositories/traffic';
import { getProfile } from '../repositories/users';
import { deliverAfterCommit, type Notice, paymentNotice } from './notifications';
import { writeAudited } from './transitions';

/**
 * Payments through WeChat Pay. The state graph lives in shared/; this module moves orders
 * along it, persisting each "requested" state before calling WeChat Pay and the result after.
 * A payment becomes "paid" only from a verified notification or a query, exactly once
 * (conditional write plus a marker keyed by WeChat's transaction id), in the same
 * transaction as its effect on the violation or the application.
 */
const SYSTEM = { type: 'system' as const, id: 'payments' };

/** 26 characters: MS + China date-time to the second + 10 random; unique per merchant. */
function newOutTradeNo(): string {
  const stamp = new Date(nowMs() + 8 * 3600_000).toISOString().replace(/\D/g, '').slice(0, 14);
  return `MS${stamp}${randomBytes(8)
    .toString('base64url')
    .replace(/[^0-9A-Za-z]/g, '0')
    .slice(0, 10)}`;
}

/** RFC 3339 with +08:00, as WeChat Pay expects for time_expire. */
const chinaTime = (ms: number) => `${new Date(ms + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;

export function paymentView(record: PaymentRecord, withRequestPayment = false): PaymentView {
  const refund = record.outRefundNo
    ? { amountFen: record.amountFen, status: record.status, refundedAt: record.refundedAt }
    : undefined;
  return {
    outTradeNo: record.outTradeNo,
    purpose: record.purpose,
    subjectId: record.subjectId,
    description: record.description,
    amountFen: record.amountFen,
    status: record.status,
    statusLabel: PAYMENT_STATUS_LABEL[record.status],
    expiresAt: record.expiresAt,
    paidAt: record.paidAt,
    requestPayment:
      withRequestPayment && record.status === 'awaiting_payment' && record.prepayId
        ? requestPaymentFor(record.prepayId)
        : undefined,
    refund,
  };
}

export function advance(
  record: PaymentRecord,
  event: PaymentEvent,
  changes: Partial<PaymentRecord> = {},
  note?: string,
  actor?: string,
): PaymentRecord | undefined {
  const to = nextPaymentStatus(record.status, event);
  if (!to) return undefined;
  const at = nowIso();
  return {
    ...record,
    ...changes,
    status: to,
    version: record.version + 1,
    updatedAt: at,
    history: [...record.history, { at, event, from: record.status, to, note, ...(actor ? { actor } : {}) }],
  };
}

/**
 * Applies an event if the graph allows it and nobody moved the order meanwhile; a refund
 * reaching the citizen queues a notification in the same transaction.
 */
async function apply(
  record: PaymentRecord,
  event: PaymentEvent,
  changes: Partial<PaymentRecord> = {},
  note?: string,
): Promise<PaymentRecord> {
  const next = advance(record, event, changes, note);
  if (!next) return record;
  const notice = paymentNotice(next);
  const outcome = await writePayment(next, record.version, notice ? [notice.item] : []);
  if (outcome !== 'written') return (await getPayment(record.outTradeNo)) as PaymentRecord;
  if (notice) await deliverAfterCommit([notice.eventKey]);
  return next;
}

/** Asks WeChat Pay for a prepay id; the order is already persisted as prepay_requested. */
async function prepay(record: PaymentRecord): Promise<PaymentRecord> {
  try {
    const { prepayId } = await jsapiPrepay({
      outTradeNo: record.outTradeNo,
      description: record.description,
      amountFen: record.amountFen,
      openid: record.openid,
      expiresAt: chinaTime(Date.parse(record.expiresAt)),
    });
    return apply(record, 'prepay_succeeded', { prepayId });
  } catch (error) {
    if (error instanceof PaymentProviderError && error.kind === 'rejected') {
      log.warn('prepay rejected', { outTradeNo: record.outTradeNo, code: error.code });
      await apply(record, 'prepay_failed', {}, error.code);
      throw new AppError('PAYMENT_PROVIDER_REJECTED');
    }
    // Unknown outcome: stay in prepay_requested; asking again with the same parameters is safe.
    log.warn('prepay outcome unknown', { outTradeNo: record.outTradeNo, error: String(error) });
    throw new AppError('PAYMENT_PROVIDER_UNAVAILABLE');
  }
}

/**
 * Returns the subject's open order, or creates one: at most one open order per subject
 * (conditional pointer), so two taps never make two charges.
 * @throws AppError PAYMENT_ALREADY_MADE | PAYMENT_PROVIDER_UNAVAILABLE | PAYMENT_PROVIDER_REJECTED
 */
export async function openOrder(input: {
  userId: string;
  purpose: PaymentPurpose;
  subjectId: string;
  description: string;
  amountFen: number;
}): Promise<PaymentView> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const currentNo = await currentOrderOf(input.purpose, input.subjectId);
    let current = currentNo ? await getPayment(currentNo) : undefined;
    if (current?.status === 'prepay_requested') current = await prepay(current);
    if (current?.status === 'awaiting_payment' && Date.parse(current.expiresAt) > nowMs() + 60_000)
      return paymentView(current, true);
    if (current && ['paid', 'refund_requested', 'refunded', 'refund_failed'].includes(current.status))
      throw new AppError('PAYMENT_ALREADY_MADE');

    const profile = await getProfile(input.userId);
    if (!profile) throw new AppError('UNAUTHENTICATED');
    const at = nowIso();
    const record: PaymentRecord = {
      outTradeNo: newOutTradeNo(),
      userId: input.userId,
      openid: profile.openid,
      purpose: input.purpose,
      subjectId: input.subjectId,
      description: input.description.slice(0, 40),
      amountFen: input.amountFen,
      status: 'prepay_requested',
      version: 1,
      createdAt: at,
      updatedAt: at,
      expiresAt: new Date(nowMs() + wechatPayConfig().orderTtlMinutes * 60_000).toISOString(),
      history: [{ at, event: 'request_prepay', from: 'created', to: 'prepay_requested' }],
    };
    if (!(await insertPayment(record, currentNo))) continue; // another tap won: use its order
    return paymentView(await prepay(record), true);
  }
  throw new AppError('PAYMENT_PROVIDER_UNAVAILABLE');
}

/** The subject's effect of being paid, as transaction items (or via the application's audited write), with the citizen's notice. */
export async function writePaid(
  next: PaymentRecord,
  expectedVersion: number,
  transactionId: string,
  notice: Notice | undefined,
): Promise<'written' | 'conflict' | 'duplicate-transaction'> {
  const noticeItems = notice ? [notice.item] : [];
  if (next.purpose === 'violation') {
    return writePayment(
      next,
      expectedVersion,
      [violationPaidUpdate(next.subjectId, next.outTradeNo, next.paidAt as string), ...noticeItems],
      transactionId,
    );
  }
  const application = await getApplication(next.subjectId);
  if (!application) return writePayment(next, expectedVersion, noticeItems, transactionId);
  const [paymentItem, markerItem] = paymentWriteItems(next, expectedVersion, transactionId);
  try {
    await writeAudited(
      application,
      { feePaidAt: next.paidAt },
      'fee_paid',
      SYSTEM,
      { outTradeNo: next.outTradeNo, amountFen: next.amountFen },
      true,
      [paymentItem, markerItem, ...noticeItems] as NonNullable<Parameters<typeof writeAudited>[6]>,
    );
    return 'written';
  } catch (error) {
    if (error instanceof AppError || isConditionFailure(error)) return 'conflict';
    throw error;
  }
}

/**
 * Marks an order paid from a verified transaction. Idempotent: a second notification, or a
 * query racing a notification, changes nothing. A transaction that does not match the order
 * (merchant, app, amount) flags the order instead of paying it.
 */
export async function settlePaid(
  outTradeNo: string,
  txn: Transaction,
  event: 'notify_paid' | 'query_paid',
): Promise<PaymentRecord | undefined> {
  const cfg = wechatPayConfig();
  for (let attempt = 0; attempt < 5; attempt++) {
    const record = await getPayment(outTradeNo);
    if (!record) {
      log.error('payment for an unknown order', { outTradeNo });
      return undefined;
    }
    if (record.transactionId) return record; // already settled (same or earlier notification)
    if (txn.mchid !== cfg.mchid || txn.appid !== cfg.appId || txn.out_trade_no !== outTradeNo) {
      log.error('payment does not belong to us', { outTradeNo });
      return record;
    }
    if (txn.amount.total !== record.amountFen) {
      log.error('payment amount mismatch', { outTradeNo, expected: record.amountFen, received: txn.amount.total });
      return apply(record, 'amount_mismatch', {
        flaggedReason: `通知金额 ${txn.amount.total} 分与订单金额 ${record.amountFen} 分不符`,
      });
    }
    const next = advance(record, event, {
      transactionId: txn.transaction_id,
      paidAt: txn.success_time ? new Date(txn.success_time).toISOString() : nowIso(),
    });
    if (!next) return record;
    const notice = paymentNotice(next);
    const outcome = await writePaid(next, record.version, txn.transaction_id as string, notice);
    if (outcome === 'written') {
      log.info('payment settled', { outTradeNo, event, purpose: record.purpose });
      if (notice) await deliverAfterCommit([notice.eventKey]);
      return next;
    }
  }
  return getPayment(outTradeNo);
}

export class NotificationRejected extends Error {}

/**
 * A WeChat Pay notification: verified on the raw body (signature by a known platform key,
 * timestamp within ±300 s, no probe signature), decrypted, then settled idempotently.
 * @throws NotificationRejected when it cannot be trusted (WeChat Pay will retry)
 */
export async function handleNotification(headers: Record<string, string | undefined>, rawBody: string): Promise<void> {
  const problem = checkWechatpaySignature(signedMessageFrom(headers, rawBody), platformKeys(), epochSeconds());
  if (problem) throw new NotificationRejected(problem);
  const body = JSON.parse(rawBody) as {
    event_type?: string;
    resource?: { ciphertext: string; associated_data?: string; nonce: string };
  };
  if (!body.resource) throw new NotificationRejected('no resource');
  let plain: Transaction & Refund & { refund_status?: string };
  try {
    plain = decryptResource(body.resource);
  } catch {
    throw new NotificationRejected('undecryptable');
  }
  if (body.event_type === 'TRANSACTION.SUCCESS' && plain.trade_state === 'SUCCESS') {
    await settlePaid(plain.out_trade_no, plain, 'notify_paid');
  } else if (body.event_type?.startsWith('REFUND.')) {
    await settleRefund(
      plain.out_trade_no,
      (plain.refund_status ?? plain.status) as Refund['status'],
      plain.success_time,
    );
  } else {
    log.info('notification ignored', { eventType: body.event_type });
  }
}

/**
 * Finds out what happened to an unsettled order by asking WeChat Pay, and settles it:
 * paid, closed (and closes expired unpaid orders), or failed (never created there).
 */
export async function syncPayment(outTradeNo: string): Promise<PaymentRecord | undefined> {
  let record = await getPayment(outTradeNo);
  if (!record) return undefined;
  try {
    if (record.status === 'refund_requested' || record.status === 'refund_failed') return await syncRefund(record);
    if (record.status === 'flagged') return await recheckFlagged(record);
    if (record.status !== 'prepay_requested' && record.status !== 'awaiting_payment') return record;
    const txn = await queryOrder(outTradeNo);
    const expired = Date.parse(record.expiresAt) <= nowMs();
    if (txn && (txn.trade_state === 'SUCCESS' || txn.trade_state === 'REFUND'))
      return settlePaid(outTradeNo, txn, 'query_paid');
    if (txn && ['CLOSED', 'REVOKED', 'PAYERROR'].includes(txn.trade_state))
      return apply(record, 'query_closed', {}, txn.trade_state);
    if (!txn) {
      // WeChat Pay does not know it: a prepay that never happened, or an order it lost.
      if (record.status === 'prepay_requested') return apply(record, 'prepay_failed', {}, 'ORDER_NOT_EXIST');
      return expired ? apply(record, 'close', {}, 'ORDER_NOT_EXIST after expiry') : record;
    }
    if (expired) {
      const closed = await closeOrder(outTradeNo);
      if (closed === 'paid') return syncPayment(outTradeNo);
      record = (await getPayment(outTradeNo)) as PaymentRecord;
      return apply(record, record.status === 'prepay_requested' ? 'query_closed' : 'close', {}, 'expired');
    }
    return record;
  } catch (error) {
    if (error instanceof PaymentProviderError) {
      log.warn('payment sync deferred', { outTradeNo, kind: error.kind, code: error.code });
      return record;
    }
    throw error;
  }
}

/**
 * A flagged order asked about again: if WeChat Pay now reports the ordered amount paid, it
 * settles as paid; otherwise it stays for a finance officer.
 */
async function recheckFlagged(record: PaymentRecord): Promise<PaymentRecord | undefined> {
  const txn = await queryOrder(record.outTradeNo);
  if (txn?.trade_state === 'SUCCESS' && txn.amount.total === record.amountFen)
    return settlePaid(record.outTradeNo, txn, 'query_paid');
  return record;
}

/** The citizen's own order; `refresh` asks WeChat Pay when it is not settled yet. @throws AppError PAYMENT_NOT_FOUND */
export async function getMyPayment(userId: string, outTradeNo: string, refresh: boolean): Promise<PaymentView> {
  let record = await getPayment(outTradeNo);
  if (!record || record.userId !== userId) throw new AppError('PAYMENT_NOT_FOUND');
  if (refresh) record = (await syncPayment(outTradeNo)) ?? record;
  return paymentView(record, true);
}

/**
 * The transaction item that moves a paid order to refund_requested, for the transaction of the
 * decision that causes the refund (refusal, withdrawal). The order itself is the outbox: the
 * reconciliation job (re)sends the refund until it settles.
 */
export async function refundRequestItem(purpose: PaymentPurpose, subjectId: string) {
  const outTradeNo = await currentOrderOf(purpose, subjectId);
  const record = outTradeNo ? await getPayment(outTradeNo) : undefined;
  if (!record || record.status !== 'paid') return undefined;
  const next = advance(record, 'request_refund', { outRefundNo: `R${record.outTradeNo}`.slice(0, 64) });
  if (!next) return undefined;
  const [item] = paymentWriteItems(next, record.version);
  return item ? { outTradeNo: record.outTradeNo, item } : undefined;
}

/** Sends (or re-sends) the refund of an order in refund_requested / refund_failed. Same out_refund_no each time. */
export async function sendRefund(outTradeNo: string): Promise<PaymentRecord | undefined> {
  let record = await getPayment(outTradeNo);
  if (!record) return undefined;
  if (record.status === 'refund_failed') record = await apply(record, 'request_refund');
  if (record.status !== 'refund_requested' || !record.outRefundNo) return record;
  try {
    const refund = await requestRefund({
      outTradeNo,
      outRefundNo: record.outRefundNo,
      refundFen: record.receivedFen ?? record.amountFen,
      totalFen: record.receivedFen ?? record.amountFen,
      reason: record.purpose === 'application' ? '申请未获批准或已撤回，全额退款' : '退款',
    });
    return refund.status === 'SUCCESS' || refund.status === 'CLOSED' || refund.status === 'ABNORMAL'
      ? settleRefund(outTradeNo, refund.status, refund.success_time)
      : record;
  } catch (error) {
    if (error instanceof PaymentProviderError && error.kind === 'rejected')
      return apply(record, 'refund_failed', {}, error.code);
    log.warn('refund outcome unknown', { outTradeNo, error: String(error) });
    return record;
  }
}

async function syncRefund(record: PaymentRecord): Promise<PaymentRecord | undefined> {
  if (record.status === 'refund_failed' || !record.outRefundNo) return sendRefund(record.outTradeNo);
  const refund = await queryRefund(record.outRefundNo);
  if (!refund) return sendRefund(record.outTradeNo);
  return refund.status === 'PROCESSING' ? record : settleRefund(record.outTradeNo, refund.status, refund.success_time);
}

/** Idempotent: refund notifications and queries may both arrive. */
export async function settleRefund(
  outTradeNo: string,
  status: Refund['status'],
  successTime?: string,
): Promise<PaymentRecord | undefined> {
  const record = await getPayment(outTradeNo);
  if (!record || record.status !== 'refund_requested') return record;
  if (status === 'SUCCESS')
    return apply(record, 'refund_succeeded', {
      refundedAt: successTime ? new Date(successTime).toISOString() : nowIso(),
    });
  // ABNORMAL (the citizen's account cannot receive it) is not retried: it goes to the finance queue.
  if (status === 'ABNORMAL') return apply(record, 'refund_abnormal', {}, status);
  if (status === 'CLOSED') return apply(record, 'refund_failed', {}, status);
  return record;
}

/** Sends a refund whose request has committed; if this fails, the reconciliation job resends it. */
export async function sendRefundAfterCommit(outTradeNo: string): Promise<void> {
  try {
    await sendRefund(outTradeNo);
  } catch (error) {
    log.warn('refund send deferred to the reconciliation job', { outTradeNo, error: String(error) });
  }
}

/**
 * One reconciliation run: settles orders whose outcome we do not know yet — asks WeChat Pay
 * about unanswered prepays and unnotified payments, closes expired unpaid orders, (re)sends or
 * checks refunds, and asks again about flagged orders (they settle if WeChat Pay reports the
 * ordered amount; otherwise they wait for a finance officer). Each order is handled on its own;
 * a failure is retried next run. Reads only the unsettled and finance index partitions, never
 * the whole table. Abnormal refunds are not retried: finance settles them. Idempotent.
 */
export async function reconcilePayments(): Promise<{ examined: number; settled: number }> {
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
}
