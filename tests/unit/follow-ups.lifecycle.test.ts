import {
  FOLLOW_UP_STATUS_LABEL,
  FOLLOW_UP_STATUSES,
  FOLLOW_UP_TRANSITIONS,
  nextFollowUpStatus,
} from '@minsheng/shared';

describe('the 好差评 follow-up lifecycle table', () => {
  it('has a row and a label for every status, and every target is a status', () => {
    expect(Object.keys(FOLLOW_UP_TRANSITIONS).sort()).toEqual([...FOLLOW_UP_STATUSES].sort());
    for (const status of FOLLOW_UP_STATUSES) {
      expect(FOLLOW_UP_STATUS_LABEL[status]).toBeTruthy();
      for (const to of Object.values(FOLLOW_UP_TRANSITIONS[status])) expect(FOLLOW_UP_STATUSES).toContain(to);
    }
  });

  it('closes an open follow-up once: closed is terminal', () => {
    expect(nextFollowUpStatus('open', 'close')).toBe('closed');
    expect(nextFollowUpStatus('closed', 'close')).toBeUndefined();
    expect(Object.keys(FOLLOW_UP_TRANSITIONS.closed)).toEqual([]);
  });
});
