/**
 * Everything the WeChat Pay stand-in remembers, in memory: orders, refunds, notification
 * attempts, and the misbehaviours tests have asked for. Nothing here holds personal data
 * beyond the payer's openid, which WeChat Pay itself echoes back.
 */
export type TradeState = 'NOTPAY' | 'SUCCESS' | 'CLOSED' | 'REFUND' | 'PAYERROR' | 'USERPAYING';
export type RefundStatus = 'PROCESSING' | 'SUCCESS' | 'CLOSED' | 'ABNORMAL';
export type SignerName = 'certificate' | 'publicKey';

export interface PayOrder {
  appid: string;
  mchid: string;
  outTradeNo: string;
  description: string;
  attach?: string;
  notifyUrl: string;
  timeExpire?: string;
  total: number;
  openid: string;
  prepayId: string;
  /** A prepay_id is valid for two hours. */
  prepayExpiresAt: number;
  /** The prepay request's parameters, to tell a retry from a reuse of out_trade_no. */
  fingerprint: string;
  tradeState: TradeState;
  transactionId?: string;
  successTime?: string;
  createdAt: string;
  closedAt?: string;
}

export interface PayRefund {
  refundId: string;
  outRefundNo: string;
  outTradeNo: string;
  transactionId: string;
  reason?: string;
  notifyUrl?: string;
  refund: number;
  total: number;
  status: RefundStatus;
  createTime: string;
  successTime?: string;
}

export type MisbehaviourMode =
  | 'duplicate-notifications'
  | 'forged-signature'
  | 'probe-signature'
  | 'stale-timestamp'
  | 'tampered-amount'
  | 'timeout'
  | 'forget-order'
  | 'drop-notifications'
  | 'refund-abnormal'
  | 'reset';

export const MISBEHAVIOUR_MODES: readonly MisbehaviourMode[] = [
  'duplicate-notifications',
  'forged-signature',
  'probe-signature',
  'stale-timestamp',
  'tampered-amount',
  'timeout',
  'forget-order',
  'drop-notifications',
  'refund-abnormal',
  'reset',
];

export interface PendingMisbehaviour {
  mode: Exclude<MisbehaviourMode, 'reset' | 'forget-order'>;
  /**
   * duplicate-notifications: copies of one notification; timeout: API calls; refund-abnormal:
   * refunds answered ABNORMAL (the payer's account cannot receive them); others: notifications affected.
   */
  count: number;
  /** Only notifications about this order (any order when absent). */
  outTradeNo?: string;
  /** forged/probe/stale: also the retries are defective (default: only the first attempt). */
  allAttempts: boolean;
  /** timeout: how long the API call sleeps. */
  delayMs: number;
}

/** How one notification attempt was made to misbehave ('genuine' when it was not). */
export type AttemptVariant = 'genuine' | 'forged-signature' | 'probe-signature' | 'stale-timestamp' | 'resend';

export interface NotificationAttempt {
  notificationId: string;
  eventType: 'TRANSACTION.SUCCESS' | 'REFUND.SUCCESS';
  outTradeNo: string;
  outRefundNo?: string;
  /** Which copy (duplicate-notifications sends several of one notification), from 1. */
  copy: number;
  /** From 1; retries count up. */
  attempt: number;
  variant: AttemptVariant;
  /** The plaintext was deliberately changed (tampered-amount). */
  tampered: boolean;
  /** The receiver's HTTP status, or null when there was none (timeout, refused). */
  status: number | null;
  error?: 'timeout' | 'network';
  durationMs: number;
  sentAt: string;
  delivered: boolean;
}

export interface NotificationDelivery {
  notificationId: string;
  copy: number;
  eventType: NotificationAttempt['eventType'];
  outTradeNo: string;
  outRefundNo?: string;
  /** dropped: never sent (drop-notifications); resend can still send it. */
  state: 'pending' | 'delivered' | 'gave-up' | 'dropped';
  attempts: number;
}

export class PayStandInState {
  readonly orders = new Map<string, PayOrder>();
  readonly ordersByPrepayId = new Map<string, PayOrder>();
  readonly refunds = new Map<string, PayRefund>();
  readonly attempts: NotificationAttempt[] = [];
  readonly deliveries: NotificationDelivery[] = [];
  readonly misbehaviours: PendingMisbehaviour[] = [];
  /** Orders the query API pretends not to know (forget-order). */
  readonly forgotten = new Set<string>();
  /** One-time sessions of the h5 pay screen: token → the order and where to return. */
  readonly paySessions = new Map<string, { outTradeNo: string; redirectUri: string }>();
  /** Counts of authenticated API calls, for tests that check the backend queried or retried. */
  readonly calls = { jsapi: 0, query: 0, close: 0, refund: 0, refundQuery: 0, rejected: 0 };
  activeSigner: SignerName;

  constructor(activeSigner: SignerName) {
    this.activeSigner = activeSigner;
  }

  findOrder(ref: { outTradeNo?: string; transactionId?: string }): PayOrder | undefined {
    if (ref.outTradeNo) return this.orders.get(ref.outTradeNo);
    if (ref.transactionId) return [...this.orders.values()].find((o) => o.transactionId === ref.transactionId);
    return undefined;
  }

  /** Refunded (or being refunded) amount of an order, in fen. */
  refundedAmount(outTradeNo: string): number {
    let sum = 0;
    for (const r of this.refunds.values()) {
      if (r.outTradeNo === outTradeNo && r.status !== 'CLOSED' && r.status !== 'ABNORMAL') sum += r.refund;
    }
    return sum;
  }

  /** Consumes one use of the first pending misbehaviour of `mode` that applies to the order. */
  take(mode: PendingMisbehaviour['mode'], outTradeNo?: string): PendingMisbehaviour | undefined {
    const index = this.misbehaviours.findIndex(
      (m) => m.mode === mode && (!m.outTradeNo || m.outTradeNo === outTradeNo),
    );
    if (index < 0) return undefined;
    const found = this.misbehaviours[index] as PendingMisbehaviour;
    // duplicate-notifications' count is the number of copies of one notification: used up at once.
    if (mode === 'duplicate-notifications' || found.count <= 1) this.misbehaviours.splice(index, 1);
    else found.count--;
    return found;
  }

  reset(): void {
    this.misbehaviours.length = 0;
    this.forgotten.clear();
  }
}

const TRADE_STATE_DESC: Record<TradeState, string> = {
  NOTPAY: '订单未支付',
  SUCCESS: '支付成功',
  CLOSED: '订单已关闭',
  REFUND: '订单发生过退款',
  PAYERROR: '支付失败，请重新下单支付',
  USERPAYING: '用户支付中',
};

/**
 * The transaction as the query API answers it. Like WeChat Pay, an unpaid or closed order
 * has no payer, trade_type, transaction_id or payer_total, and its amount no currency.
 */
export function transactionJson(o: PayOrder, overrides: { total?: number } = {}): Record<string, unknown> {
  const total = overrides.total ?? o.total;
  if (o.tradeState !== 'SUCCESS' && o.tradeState !== 'REFUND') {
    return {
      amount: { payer_currency: 'CNY', total },
      appid: o.appid,
      mchid: o.mchid,
      out_trade_no: o.outTradeNo,
      promotion_detail: [],
      scene_info: { device_id: '' },
      trade_state: o.tradeState,
      trade_state_desc: TRADE_STATE_DESC[o.tradeState],
    };
  }
  return {
    amount: { currency: 'CNY', payer_currency: 'CNY', payer_total: total, total },
    appid: o.appid,
    attach: o.attach ?? '',
    bank_type: 'OTHERS',
    mchid: o.mchid,
    out_trade_no: o.outTradeNo,
    payer: { openid: o.openid },
    promotion_detail: [],
    success_time: o.successTime,
    trade_state: o.tradeState,
    trade_state_desc: TRADE_STATE_DESC[o.tradeState],
    trade_type: 'JSAPI',
    transaction_id: o.transactionId,
  };
}

/** The plaintext of a TRANSACTION.SUCCESS notification's resource. */
export function transactionNotificationPlaintext(o: PayOrder, total = o.total): Record<string, unknown> {
  return {
    mchid: o.mchid,
    appid: o.appid,
    out_trade_no: o.outTradeNo,
    transaction_id: o.transactionId,
    trade_type: 'JSAPI',
    trade_state: 'SUCCESS',
    trade_state_desc: TRADE_STATE_DESC.SUCCESS,
    bank_type: 'OTHERS',
    attach: o.attach ?? '',
    success_time: o.successTime,
    payer: { openid: o.openid },
    amount: { total, payer_total: total, currency: 'CNY', payer_currency: 'CNY' },
  };
}

/** The refund as the refund APIs answer it. */
export function refundJson(r: PayRefund): Record<string, unknown> {
  return {
    refund_id: r.refundId,
    out_refund_no: r.outRefundNo,
    transaction_id: r.transactionId,
    out_trade_no: r.outTradeNo,
    channel: 'ORIGINAL',
    user_received_account: '支付用户零钱',
    ...(r.successTime ? { success_time: r.successTime } : {}),
    create_time: r.createTime,
    status: r.status,
    funds_account: 'AVAILABLE',
    amount: {
      total: r.total,
      refund: r.refund,
      from: [],
      payer_total: r.total,
      payer_refund: r.refund,
      settlement_refund: r.refund,
      settlement_total: r.total,
      discount_refund: 0,
      currency: 'CNY',
      refund_fee: 0,
    },
    promotion_detail: [],
  };
}

/** The plaintext of a REFUND.SUCCESS notification's resource. */
export function refundNotificationPlaintext(r: PayRefund, mchid: string, total = r.total): Record<string, unknown> {
  return {
    mchid,
    out_trade_no: r.outTradeNo,
    transaction_id: r.transactionId,
    out_refund_no: r.outRefundNo,
    refund_id: r.refundId,
    refund_status: 'SUCCESS',
    success_time: r.successTime,
    user_received_account: '支付用户零钱',
    amount: { total, refund: r.refund, payer_total: total, payer_refund: r.refund },
  };
}

/** An attempt as the control panel shows it (snake_case, like WeChat Pay's own JSON). */
export const attemptJson = (a: NotificationAttempt): Record<string, unknown> => ({
  notification_id: a.notificationId,
  event_type: a.eventType,
  out_trade_no: a.outTradeNo,
  ...(a.outRefundNo ? { out_refund_no: a.outRefundNo } : {}),
  copy: a.copy,
  attempt: a.attempt,
  variant: a.variant,
  tampered: a.tampered,
  status: a.status,
  ...(a.error ? { error: a.error } : {}),
  duration_ms: a.durationMs,
  sent_at: a.sentAt,
  delivered: a.delivered,
});

export const deliveryJson = (d: NotificationDelivery): Record<string, unknown> => ({
  notification_id: d.notificationId,
  copy: d.copy,
  event_type: d.eventType,
  out_trade_no: d.outTradeNo,
  ...(d.outRefundNo ? { out_refund_no: d.outRefundNo } : {}),
  state: d.state,
  attempts: d.attempts,
});
