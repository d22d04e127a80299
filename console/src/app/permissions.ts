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

/** Closing a 好差评 follow-up needs a head or an inspector. */
export const mayCloseFollowUps = (role: OfficerRole): boolean => role === 'inspector' || role === 'head';
