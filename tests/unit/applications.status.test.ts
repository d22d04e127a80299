import {
  ACTION_ACTOR,
  ApplicationAction,
  ApplicationStatus,
  allowedActions,
  isBadReview,
  isFeePayable,
  nextStatus,
  ROLE_ACTIONS,
  TERMINAL_STATUSES,
  TRANSITIONS,
} from '@minsheng/shared';

describe('the application state machine', () => {
  it('has a row for every status', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...ApplicationStatus.options].sort());
  });

  it.each(
    Object.entries(TRANSITIONS).flatMap(([from, actions]) =>
      Object.entries(actions).map(([action, to]) => [from, action, to]),
    ),
  )('%s --%s--> %s is a known transition to a known status', (from, action, to) => {
    expect(ApplicationStatus.options).toContain(to);
    expect(nextStatus(from as ApplicationStatus, action as ApplicationAction)).toBe(to);
  });

  it('uses every action somewhere and gives every action an actor', () => {
    const used = new Set(Object.values(TRANSITIONS).flatMap((a) => Object.keys(a)));
    expect([...used].sort()).toEqual([...ApplicationAction.options].sort());
    for (const action of ApplicationAction.options)
      expect(['citizen', 'officer', 'system']).toContain(ACTION_ACTOR[action]);
  });

  it('reaches every status from a draft', () => {
    const seen = new Set<string>(['draft']);
    const queue = ['draft'];
    while (queue.length) {
      const status = queue.shift() as ApplicationStatus;
      for (const to of Object.values(TRANSITIONS[status]) as string[])
        if (!seen.has(to)) queue.push(to) && seen.add(to);
    }
    expect([...seen].sort()).toEqual([...ApplicationStatus.options].sort());
  });

  it('ends in completed, refused, not accepted or withdrawn', () => {
    expect([...TERMINAL_STATUSES].sort()).toEqual(['completed', 'not_accepted', 'refused', 'withdrawn']);
  });

  it('lets citizens withdraw only before a decision', () => {
    expect(allowedActions('under_review', 'citizen')).toEqual(['withdraw']);
    expect(allowedActions('approved', 'citizen')).toEqual([]);
  });

  it('gives officer posts only officer actions, and inspectors none', () => {
    for (const actions of Object.values(ROLE_ACTIONS)) for (const a of actions) expect(ACTION_ACTOR[a]).toBe('officer');
    expect(ROLE_ACTIONS.inspector).toEqual([]);
  });
});

describe('the fee and review rules, defined once in shared', () => {
  it('lets a charged fee be paid from submission until the decision, once', () => {
    const payable = ApplicationStatus.options.filter((s) => isFeePayable(s, 2000));
    expect(payable).toEqual(['submitted', 'accepted', 'under_review', 'approved']);
    expect(isFeePayable('submitted', 0)).toBe(false);
    expect(isFeePayable('submitted', 2000, '2026-12-01T00:00:00.000Z')).toBe(false);
  });

  it('counts 1 and 2 of 5 as a bad review', () => {
    expect([1, 2, 3, 4, 5].filter(isBadReview)).toEqual([1, 2]);
  });
});
