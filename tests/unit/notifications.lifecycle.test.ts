import { nextOutboxStatus, OUTBOX_STATUSES, OUTBOX_TRANSITIONS } from '@minsheng/shared';

describe('the outbox delivery lifecycle table', () => {
  it('has a row for every status, and every target is a status', () => {
    expect(Object.keys(OUTBOX_TRANSITIONS).sort()).toEqual([...OUTBOX_STATUSES].sort());
    for (const status of OUTBOX_STATUSES) {
      for (const to of Object.values(OUTBOX_TRANSITIONS[status])) expect(OUTBOX_STATUSES).toContain(to);
    }
  });

  it('reaches every status from pending, and only sent is terminal', () => {
    const seen = new Set<string>(['pending']);
    const queue: (typeof OUTBOX_STATUSES)[number][] = ['pending'];
    while (queue.length) {
      const from = queue.shift() as (typeof OUTBOX_STATUSES)[number];
      for (const to of Object.values(OUTBOX_TRANSITIONS[from])) {
        if (!seen.has(to)) {
          seen.add(to);
          queue.push(to);
        }
      }
    }
    expect([...seen].sort()).toEqual([...OUTBOX_STATUSES].sort());
    for (const status of OUTBOX_STATUSES) {
      expect(Object.keys(OUTBOX_TRANSITIONS[status]).length === 0).toBe(status === 'sent');
    }
  });

  it('sends only a claimed record, and never re-sends a sent one', () => {
    expect(nextOutboxStatus('pending', 'mark_sent')).toBeUndefined();
    expect(nextOutboxStatus('sending', 'mark_sent')).toBe('sent');
    expect(nextOutboxStatus('sent', 'claim')).toBeUndefined();
    expect(nextOutboxStatus('sending', 'retry_later')).toBe('pending');
  });
});
