import { z } from 'zod';

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
  refund_requested: { refund_succeeded: 'refunded', refund_failed: 'refund_failed' },
  refund_failed: { request_refund: 'refund_requested' },
  closed: {},
  failed: {},
  flagged: {},
  refunded: {},
} as const satisfies Record<PaymentStatus, Partial<Record<PaymentEvent, PaymentStatus>>>;

export function nextPaymentStatus(status: PaymentStatus, event: PaymentEvent): PaymentStatus | undefined {
  return (PAYMENT_TRANSITIONS[status] as Partial<Record<PaymentEvent, PaymentStatus>>)[event];
}

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
