import { type ApplicationAction, type OfficerRole, ROLE_ACTIONS } from '../shared';

/**
 * What the screen offers an officer. The server enforces the same table (shared ROLE_ACTIONS);
 * the console only avoids showing buttons that would be refused.
 */
export type OfficerAction = Exclude<ApplicationAction, 'submit' | 'supply' | 'withdraw' | 'auto_approve'>;

export const roleActions = (role: OfficerRole): readonly OfficerAction[] => ROLE_ACTIONS[role];

/** The case's allowed actions that this officer's role may take, in the case's order. */
export const actionsFor = (role: OfficerRole, allowed: readonly ApplicationAction[]): OfficerAction[] =>
  allowed.filter((action): action is OfficerAction => (roleActions(role) as readonly string[]).includes(action));

/** 全局督察 (scope=all) is for inspectors only: heads see their own department, like their staff. */
export const maySupervise = (role: OfficerRole): boolean => role === 'inspector';

/** 节假日安排 is kept by administrators, who handle no cases. */
export const mayManageCalendar = (role: OfficerRole): boolean => role === 'admin';

/** Closing a 好差评 follow-up needs a head or an inspector. */
export const mayCloseFollowUps = (role: OfficerRole): boolean => role === 'inspector' || role === 'head';

/** 到号 is for the department's own officers: inspectors see every department's appointments, read-only. */
export const mayCheckIn = (role: OfficerRole): boolean => role !== 'inspector' && role !== 'finance';

/** 财务: finance officers resolve flagged payments and abnormal refunds; inspectors may look. */
export const mayViewFinance = (role: OfficerRole): boolean => role === 'finance' || role === 'inspector';

/** 办件统计: inspectors see every department (scope all); everyone else their own department only. */
export const statisticsScope = (role: OfficerRole): 'department' | 'all' => (maySupervise(role) ? 'all' : 'department');
