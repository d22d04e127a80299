import { type AdministerOfficerRequest, AppError } from '@minsheng/shared';
import { nowIso } from '../lib/clock';
import { log } from '../lib/log';
import { chainEntry, GENESIS_HASH, readAuditTrailOf } from '../repositories/audit';
import { type AuthorityChange, changeAuthority, getOfficer, officerAuditSubject } from '../repositories/officers';
import type { Officer } from './officer-auth';
import { forgetCachedOfficer } from './officer-authority';

export interface OfficerAccountView extends Officer {
  active: boolean;
  secondFactorEnrolled: boolean;
}

/**
 * An administrator deactivates, reactivates, moves (department, post) or resets the second
 * factor of an officer. Every change raises the officer's session generation (open sessions end)
 * and appends a hash-chained audit record in the same transaction. Not idempotent: each call
 * is recorded, even one that changes nothing.
 * @throws AppError OFFICER_NOT_FOUND | FORBIDDEN (administrators cannot change themselves) | BUSY
 */
export async function administerOfficer(
  administrator: Officer,
  username: string,
  request: AdministerOfficerRequest,
): Promise<OfficerAccountView> {
  if (username === administrator.username) throw new AppError('FORBIDDEN');
  const before = await getOfficer(username);
  if (!before) throw new AppError('OFFICER_NOT_FOUND');
  const change: AuthorityChange = {
    active: request.active ?? before.active,
    department: request.department ?? before.department,
    role: request.role ?? before.role,
    resetSecondFactor: request.resetSecondFactor ?? false,
  };
  const entry = chainEntry(before.auditHead ?? GENESIS_HASH, {
    seq: (before.auditSeq ?? 0) + 1,
    at: nowIso(),
    action: 'officer.administer',
    actorType: 'officer',
    actorId: administrator.username,
    details: {
      before: { active: before.active, department: before.department, role: before.role },
      after: { active: change.active, department: change.department, role: change.role },
      resetSecondFactor: change.resetSecondFactor,
    },
  });
  if (!(await changeAuthority(before, change, entry))) throw new AppError('BUSY');
  forgetCachedOfficer(username);
  log.info('officer administered', { username, by: administrator.username, seq: entry.seq });
  return {
    username,
    name: before.name,
    department: change.department,
    role: change.role,
    active: change.active,
    secondFactorEnrolled: Boolean(before.totpSecretSealed) && !change.resetSecondFactor,
  };
}

/** The administrative history of one officer account, oldest first. */
export const officerAuditTrail = (username: string) => readAuditTrailOf(officerAuditSubject(username));
