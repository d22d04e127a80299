import { z } from 'zod';
import { Version } from '../schemas/bounds';

/**
 * The payment lifecycle as one graph of states and the events that move between them
 * (after GOV.UK Pay). The front end never decides a payment succeeded; only a verified
 * notification or a query of WeChat Pay does. An unknown outcome is resolved by querying.
 */
export const PaymentStatus = z.enum([
  'created',
  'prepay_requested',
  'awaiting_payment',
  'paid',
  'closed',
  'failed',
  'flagged',
  'refund_requested',
  'refunded',
  'refund_failed',
  'refund_abnormal',
]);
export type PaymentStatus = z.infer<typeof PaymentStatus>;

export const PAYMENT_STATUS_LABEL: Record<PaymentStatus, string> = {
  created: '待支付',
  prepay_requested: '正在下单',
  awaiting_payment: '待支付',
  paid: '已支付',
  closed: '已关闭',
  failed: '下单失败',
  flagged: '金额异常，待人工核查',
  refund_requested: '退款中',
  refunded: '已退款',
  refund_failed: '退款失败，将重试',
  refund_abnormal: '退款异常，待财务线下处理',
};

export const PaymentEvent = z.enum([
  'request_prepay',
  'prepay_succeeded',
  'prepay_failed',
  'notify_paid',
  'query_paid',
  'query_closed',
  'close',
  'amount_mismatch',
  'request_refund',
  'refund_succeeded',
  'refund_failed',
  'refund_abnormal',
  // A finance officer's resolutions (the finance queue): audited in the order's history.
  'finance_confirm_paid',
  'finance_refund',
  'finance_refunded_offline',
]);
export type PaymentEvent = z.infer<typeof PaymentEvent>;

export const PAYMENT_TRANSITIONS = {
  created: { request_prepay: 'prepay_requested' },
  // The prepay call's outcome may be unknown (timeout): only a query settles it.
  prepay_requested: {
    prepay_succeeded: 'awaiting_payment',
    prepay_failed: 'failed',
    query_paid: 'paid',
    query_closed: 'closed',
  },
  awaiting_payment: {
    notify_paid: 'paid',
    query_paid: 'paid',
    query_closed: 'closed',
    close: 'closed',
    amount_mismatch: 'flagged',
  },
  paid: { request_refund: 'refund_requested' },
  // WeChat answered ABNORMAL (e.g. the user's account is frozen): retrying cannot help, a
  // finance officer settles it offline and records that here.
  refund_requested: {
    refund_succeeded: 'refunded',
    refund_failed: 'refund_failed',
    refund_abnormal: 'refund_abnormal',
  },
  refund_failed: { request_refund: 'refund_requested' },
  refund_abnormal: { finance_refunded_offline: 'refunded' },
  closed: {},
  failed: {},
  // A genuinely signed payment that does not match the order: the money is taken, so the
  // order must leave. A query showing the ordered amount settles it (query_paid); otherwise a
  // finance officer confirms it after checking WeChat Pay, or refunds what WeChat Pay received.
  flagged: { query_paid: 'paid', finance_confirm_paid: 'paid', finance_refund: 'refund_requested' },
  refunded: {},
} as const satisfies Record<PaymentStatus, Partial<Record<PaymentEvent, PaymentStatus>>>;

export function nextPaymentStatus(status: PaymentStatus, event: PaymentEvent): PaymentStatus | undefined {
  return (PAYMENT_TRANSITIONS[status] as Partial<Record<PaymentEvent, PaymentStatus>>)[event];
}

/** Statuses a finance officer has to resolve (the console's 财务 queue). The reconcile job still queries flagged ones. */
export const FINANCE_QUEUE_STATUSES: readonly PaymentStatus[] = ['flagged', 'refund_abnormal'];

/** What a finance officer may do, per queued status. */
export const FINANCE_ACTIONS = {
  flagged: ['finance_confirm_paid', 'finance_refund'],
  refund_abnormal: ['finance_refunded_offline'],
} as const satisfies Partial<Record<PaymentStatus, readonly PaymentEvent[]>>;
export type FinanceAction = (typeof FINANCE_ACTIONS)[keyof typeof FINANCE_ACTIONS][number];

/** POST /officer/finance/payments/{outTradeNo}/resolve */
export const FinanceResolveRequest = z.object({
  action: z.enum(['finance_confirm_paid', 'finance_refund', 'finance_refunded_offline'], {
    errorMap: () => ({ message: '处理方式无效' }),
  }),
  expectedVersion: Version,
  /** What was checked or done (the WeChat Pay query, the offline transfer's reference). */
  note: z.string().trim().min(2, '请填写核查或处理情况').max(200),
});
export type FinanceResolveRequest = z.infer<typeof FinanceResolveRequest>;

/** Statuses the reconciliation job still has to look at. */
export const UNSETTLED_PAYMENT_STATUSES: readonly PaymentStatus[] = [
  'prepay_requested',
  'awaiting_payment',
  'refund_requested',
  'refund_failed',
];

export const PaymentPurpose = z.enum(['violation', 'application']);
export type PaymentPurpose = z.infer<typeof PaymentPurpose>;

/** The parameters the mini-app passes to wx.requestPayment. */
export interface RequestPaymentParams {
  appId: string;
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: 'RSA';
  paySign: string;
}

export interface PaymentView {
  outTradeNo: string;
  purpose: PaymentPurpose;
  subjectId: string;
  description: string;
  amountFen: number;
  status: PaymentStatus;
  statusLabel: string;
  expiresAt: string;
  paidAt?: string;
  /** Present while the payment can be made. */
  requestPayment?: RequestPaymentParams;
  refund?: { amountFen: number; status: PaymentStatus; refundedAt?: string };
}

/** A row of the finance queue (GET /officer/finance/payments). */
export interface FinanceQueueEntry {
  outTradeNo: string;
  purpose: PaymentPurpose;
  subjectId: string;
  description: string;
  amountFen: number;
  /** What WeChat Pay reported as paid, when it differs from the order. */
  receivedFen?: number;
  status: PaymentStatus;
  statusLabel: string;
  version: number;
  reason?: string;
  updatedAt: string;
  allowedActions: FinanceAction[];
  history: { at: string; event: PaymentEvent; from: PaymentStatus; to: PaymentStatus; note?: string; actor?: string }[];
}
