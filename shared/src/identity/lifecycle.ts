import type { ErrorCode } from '../errors';

/**
 * The identity-verification lifecycle (实名认证). A citizen states name and ID number (start,
 * again as often as the daily limit allows), then passes WeChat's face check within the
 * pending window; a pending verification not finished in time has expired. Verified is
 * final: the identity is bound to the account.
 */
export type IdentityStatus = 'unverified' | 'pending' | 'expired' | 'verified';
export const IDENTITY_STATUSES = [
  'unverified',
  'pending',
  'expired',
  'verified',
] as const satisfies readonly IdentityStatus[];

export type IdentityEvent = 'start' | 'expire' | 'face_passed';

export const IDENTITY_TRANSITIONS = {
  unverified: { start: 'pending' },
  pending: { start: 'pending', expire: 'expired', face_passed: 'verified' },
  expired: { start: 'pending' },
  verified: {},
} as const satisfies Record<IdentityStatus, Partial<Record<IdentityEvent, IdentityStatus>>>;

/** The error a citizen gets for an event the table refuses, by the status they are in. */
export const IDENTITY_REFUSAL = {
  unverified: 'VERIFICATION_NOT_STARTED',
  // Only the clock expires a pending verification; no request is refused here.
  pending: 'ACTION_NOT_ALLOWED',
  expired: 'VERIFICATION_EXPIRED',
  verified: 'IDENTITY_ALREADY_VERIFIED',
} as const satisfies Record<IdentityStatus, ErrorCode>;

export function nextIdentityStatus(status: IdentityStatus, event: IdentityEvent): IdentityStatus | undefined {
  return (IDENTITY_TRANSITIONS[status] as Partial<Record<IdentityEvent, IdentityStatus>>)[event];
}
