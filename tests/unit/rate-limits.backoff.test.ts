import { type BackoffRule, backoffWaitSeconds } from '../../functions/src/domain/rate-limits';

const rule: BackoffRule = {
  name: 'test',
  allowance: 5,
  firstWaitSeconds: 60,
  maxWaitSeconds: 900,
  resetAfterSeconds: 86_400,
  code: 'OFFICER_LOGIN_LOCKED',
};

describe('back-off waits', () => {
  it('imposes no wait within the allowance, then doubles up to the cap', () => {
    const waits = Array.from({ length: 10 }, (_, i) => backoffWaitSeconds(rule, i + 1));
    expect(waits).toEqual([0, 0, 0, 0, 60, 120, 240, 480, 900, 900]);
  });
});
