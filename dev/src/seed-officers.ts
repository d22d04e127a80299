import type { Officer } from '../../functions/src/domain/officer-auth';

/**
 * Demo officer accounts (there is no public sign-up for officers). Created through the same
 * domain function a provisioning tool would use, so passwords are hashed the real way.
 * The password is public demo data and is never used outside a local stack.
 */
export const DEMO_OFFICER_PASSWORD = 'Police@2026';

export const DEMO_OFFICERS: readonly Officer[] = [
  { username: 'xz_reception', name: '刑侦窗口 王警官', department: 'criminal', role: 'reception' },
  { username: 'xz_approver', name: '刑侦审批 李警官', department: 'criminal', role: 'approver' },
  { username: 'xz_head', name: '刑侦科 陈科长', department: 'criminal', role: 'head' },
  { username: 'hz_reception', name: '户政窗口 赵警官', department: 'household', role: 'reception' },
  { username: 'hz_approver', name: '户政审批 孙警官', department: 'household', role: 'approver' },
  { username: 'crj_reception', name: '出入境窗口 周警官', department: 'exit-entry', role: 'reception' },
  { username: 'crj_approver', name: '出入境审批 郑警官', department: 'exit-entry', role: 'approver' },
  { username: 'inspector', name: '督察支队 吴督察', department: 'supervision', role: 'inspector' },
  { username: 'finance', name: '财务科 钱会计', department: 'finance', role: 'finance' },
];

/** Idempotent: existing accounts are left as they are. */
export async function seedOfficers(): Promise<void> {
  // Loaded lazily: the domain reads its configuration, which the stack sets just before.
  const { provisionOfficer } = await import('../../functions/src/domain/officer-auth');
  const { getOfficer } = await import('../../functions/src/repositories/officers');
  const at = new Date().toISOString();
  for (const officer of DEMO_OFFICERS) {
    if (!(await getOfficer(officer.username)))
      await provisionOfficer({ ...officer, password: DEMO_OFFICER_PASSWORD }, at);
  }
}
