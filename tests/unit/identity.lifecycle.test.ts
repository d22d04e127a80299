import {
  ErrorCatalog,
  IDENTITY_REFUSAL,
  IDENTITY_STATUSES,
  IDENTITY_TRANSITIONS,
  nextIdentityStatus,
} from '@minsheng/shared';

describe('the identity-verification lifecycle table', () => {
  it('has a row and a refusal for every status, and every target is a status', () => {
    expect(Object.keys(IDENTITY_TRANSITIONS).sort()).toEqual([...IDENTITY_STATUSES].sort());
    for (const status of IDENTITY_STATUSES) {
      expect(ErrorCatalog[IDENTITY_REFUSAL[status]].status).toBeGreaterThanOrEqual(400);
      for (const to of Object.values(IDENTITY_TRANSITIONS[status])) expect(IDENTITY_STATUSES).toContain(to);
    }
  });

  it('reaches verified only through a passed face check on a pending verification, and verified is final', () => {
    for (const status of IDENTITY_STATUSES) {
      expect(Object.keys(IDENTITY_TRANSITIONS[status]).length === 0).toBe(status === 'verified');
      const target = nextIdentityStatus(status, 'face_passed');
      expect(target).toBe(status === 'pending' ? 'verified' : undefined);
    }
    expect(nextIdentityStatus('expired', 'start')).toBe('pending');
    expect(nextIdentityStatus('verified', 'start')).toBeUndefined();
  });
});
