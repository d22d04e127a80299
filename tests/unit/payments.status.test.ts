import {
  FINANCE_ACTIONS,
  FINANCE_QUEUE_STATUSES,
  nextPaymentStatus,
  PAYMENT_STATUS_LABEL,
  PAYMENT_TRANSITIONS,
  PaymentEvent,
  PaymentStatus,
  UNSETTLED_PAYMENT_STATUSES,
} from '@minsheng/shared';

describe('the payment state graph', () => {
  it('has every state in the graph, each with a label', () => {
    expect(Object.keys(PAYMENT_TRANSITIONS).sort()).toEqual([...PaymentStatus.options].sort());
    for (const status of PaymentStatus.options) expect(PAYMENT_STATUS_LABEL[status]).toBeTruthy();
  });

  it('reaches every state from created, and uses every event', () => {
    const seen = new Set<string>(['created']);
    const events = new Set<string>();
    const queue: PaymentStatus[] = ['created'];
    while (queue.length) {
      const from = queue.shift() as PaymentStatus;
      for (const [event, to] of Object.entries(PAYMENT_TRANSITIONS[from]) as [string, PaymentStatus][]) {
        events.add(event);
        if (!seen.has(to)) {
          seen.add(to);
          queue.push(to);
        }
      }
    }
    expect([...seen].sort()).toEqual([...PaymentStatus.options].sort());
    expect([...events].sort()).toEqual([...PaymentEvent.options].sort());
  });

  it('pays only from an open order, and only a paid order can be refunded', () => {
    expect(nextPaymentStatus('closed', 'notify_paid')).toBeUndefined();
    expect(nextPaymentStatus('paid', 'notify_paid')).toBeUndefined();
    expect(nextPaymentStatus('awaiting_payment', 'request_refund')).toBeUndefined();
    expect(nextPaymentStatus('paid', 'request_refund')).toBe('refund_requested');
  });

  it('resolves an unknown prepay outcome only through a query', () => {
    expect(Object.keys(PAYMENT_TRANSITIONS.prepay_requested).sort()).toEqual([
      'prepay_failed',
      'prepay_succeeded',
      'query_closed',
      'query_paid',
    ]);
    expect(UNSETTLED_PAYMENT_STATUSES).toContain('prepay_requested');
  });

  it('gives every status an exit unless it is final: flagged and abnormal refunds leave through finance', () => {
    const final = ['closed', 'failed', 'refunded'];
    for (const status of PaymentStatus.options) {
      expect(Object.keys(PAYMENT_TRANSITIONS[status]).length === 0).toBe(final.includes(status));
    }
    for (const status of FINANCE_QUEUE_STATUSES) {
      const actions = FINANCE_ACTIONS[status as keyof typeof FINANCE_ACTIONS];
      expect(actions.length).toBeGreaterThan(0);
      for (const action of actions) expect(nextPaymentStatus(status, action)).toBeDefined();
    }
  });

  it('does not retry an abnormal refund: it waits for finance, not the reconcile job', () => {
    expect(nextPaymentStatus('refund_requested', 'refund_abnormal')).toBe('refund_abnormal');
    expect(UNSETTLED_PAYMENT_STATUSES).not.toContain('refund_abnormal');
    expect(nextPaymentStatus('refund_abnormal', 'request_refund')).toBeUndefined();
    expect(nextPaymentStatus('refund_abnormal', 'finance_refunded_offline')).toBe('refunded');
  });
});
