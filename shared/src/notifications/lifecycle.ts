/**
 * The notification outbox's delivery lifecycle. A record is queued pending in the same
 * transaction as its event; one worker claims it (a conditional write) and either records it
 * sent or puts it back pending with a later due time. A worker whose lease ran out loses the
 * record to the next (take_over). Sent records have no exits.
 */
export type OutboxStatus = 'pending' | 'sending' | 'sent';
export const OUTBOX_STATUSES = ['pending', 'sending', 'sent'] as const satisfies readonly OutboxStatus[];

export type OutboxEvent = 'claim' | 'take_over' | 'mark_sent' | 'retry_later';

export const OUTBOX_TRANSITIONS = {
  pending: { claim: 'sending' },
  sending: { take_over: 'sending', mark_sent: 'sent', retry_later: 'pending' },
  sent: {},
} as const satisfies Record<OutboxStatus, Partial<Record<OutboxEvent, OutboxStatus>>>;

export function nextOutboxStatus(status: OutboxStatus, event: OutboxEvent): OutboxStatus | undefined {
  return (OUTBOX_TRANSITIONS[status] as Partial<Record<OutboxEvent, OutboxStatus>>)[event];
}
