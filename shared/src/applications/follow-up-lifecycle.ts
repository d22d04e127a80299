/**
 * The 好差评 follow-up lifecycle: a bad review (isBadReview) opens one, a head of section or
 * an inspector closes it once with what was done. Closed follow-ups have no exits.
 */
export type FollowUpStatus = 'open' | 'closed';
export const FOLLOW_UP_STATUSES = ['open', 'closed'] as const satisfies readonly FollowUpStatus[];

export type FollowUpEvent = 'close';

export const FOLLOW_UP_STATUS_LABEL = { open: '待整改', closed: '已办结' } as const satisfies Record<
  FollowUpStatus,
  string
>;

export const FOLLOW_UP_TRANSITIONS = {
  open: { close: 'closed' },
  closed: {},
} as const satisfies Record<FollowUpStatus, Partial<Record<FollowUpEvent, FollowUpStatus>>>;

export function nextFollowUpStatus(status: FollowUpStatus, event: FollowUpEvent): FollowUpStatus | undefined {
  return (FOLLOW_UP_TRANSITIONS[status] as Partial<Record<FollowUpEvent, FollowUpStatus>>)[event];
}
