import type { Officer } from '../../functions/src/domain/officer-auth';

/**
 * Demo officer accounts (there is no public sign-up for officers). Created through the same
 * domain function a provisioning tool would use, so passwords are hashed the real way.
 * The password and the TOTP secret are public demo data and are never used outside a local
 * stack: add the secret to an authenticator app (or compute the code with `otpauth`) to log in.
 */
export const DEMO_OFFICER_PASSWORD = 'Police@2026';
/** Base32 TOTP secret shared by the demo accounts (SHA-1, 6 digits, 30 s). */
export const DEMO_OFFICER_TOTP_SECRET = 'KVKFKRCPNZQUYMLXOVYDSQKJKZDTSRLD';

export const DEMO_OFFICERS: readonly Officer[] = [
  { username: 'xz_reception', name: '刑侦窗口 王警官', department: 'criminal', role: 'reception' },
  { username: 'xz_approver', name: '刑侦审批 李警官', department: 'criminal', role: 'approver' },
  { username: 'xz_head', name: '刑侦科 陈科长', department: 'criminal', role: 'head' },
  { username: 'hz_reception', name: '户政窗口 赵警官', department: 'household', role: 'reception' },
  { username: 'hz_approver', name: '户政审批 孙警官', department: 'household', role: 'approver' },
  { username: 'crj_reception', name: '出入境窗口 周警官', department: 'exit-entry', role: 'reception' },
  { username: 'crj_approver', name: '出入境审批 郑警官', department: 'exit-entry', role: 'approver' },
  { username: 'inspector', name: '督察支队 吴督察', department: 'supervision', role: 'inspector' },
  { username: 'admin', name: '科技信息化 林管理员', department: 'administration', role: 'admin' },
  { username: 'finance', name: '财务科 钱会计', department: 'finance', role: 'finance' },
];

/** Idempotent: existing accounts are left as they are. */
export async function seedOfficers(): Promise<void> {
  // Loaded lazily: the domain reads its configuration, which the stack sets just before.
  const { provisionOfficer } = await import('../../functions/src/domain/officer-auth');
  const { hashPassword } = await import('../../functions/src/crypto/password');
  const { getOfficer } = await import('../../functions/src/repositories/officers');
  const at = new Date().toISOString();
  let passwordHash: string | undefined;
  for (const officer of DEMO_OFFICERS) {
    if (await getOfficer(officer.username)) continue;
    // One memory-hard hash for the shared demo password, not one per account.
    passwordHash ??= await hashPassword(DEMO_OFFICER_PASSWORD);
    await provisionOfficer({ ...officer, passwordHash, totpSecret: DEMO_OFFICER_TOTP_SECRET }, at);
  }
}
