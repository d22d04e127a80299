import { z } from 'zod';

/**
 * The application lifecycle: one transition table, checked by the compiler to cover every
 * status. Each action says who may take it; the domain refuses anything not in the table.
 */
export const ApplicationStatus = z.enum([
  'draft',
  'submitted',
  'supplement_requested',
  'accepted',
  'not_accepted',
  'under_review',
  'approved',
  'refused',
  'completed',
  'withdrawn',
]);
export type ApplicationStatus = z.infer<typeof ApplicationStatus>;

export const APPLICATION_STATUS_LABEL: Record<ApplicationStatus, string> = {
  draft: '草稿',
  submitted: '已提交，待受理',
  supplement_requested: '待补正材料',
  accepted: '已受理',
  not_accepted: '不予受理',
  under_review: '审批中',
  approved: '已批准，待送达',
  refused: '不予许可',
  completed: '已办结',
  withdrawn: '已撤回',
};

export const ApplicationAction = z.enum([
  'submit',
  'supply',
  'withdraw',
  'accept',
  'not_accept',
  'request_supplement',
  'start_review',
  'approve',
  'refuse',
  'deliver',
  'auto_approve',
]);
export type ApplicationAction = z.infer<typeof ApplicationAction>;

export const ACTION_LABEL: Record<ApplicationAction, string> = {
  submit: '提交申请',
  supply: '补正材料',
  withdraw: '撤回申请',
  accept: '受理',
  not_accept: '不予受理',
  request_supplement: '一次性告知补正',
  start_review: '开始审批',
  approve: '批准',
  refuse: '不予许可',
  deliver: '送达办结',
  auto_approve: '自动审批通过',
};

export type Actor = 'citizen' | 'officer' | 'system';

/** Who may take each action. */
export const ACTION_ACTOR = {
  submit: 'citizen',
  supply: 'citizen',
  withdraw: 'citizen',
  accept: 'officer',
  not_accept: 'officer',
  request_supplement: 'officer',
  start_review: 'officer',
  approve: 'officer',
  refuse: 'officer',
  deliver: 'officer',
  auto_approve: 'system',
} as const satisfies Record<ApplicationAction, Actor>;

/** status → action → next status. Terminal statuses map to no actions. */
export const TRANSITIONS = {
  draft: { submit: 'submitted', withdraw: 'withdrawn' },
  submitted: {
    accept: 'accepted',
    not_accept: 'not_accepted',
    request_supplement: 'supplement_requested',
    withdraw: 'withdrawn',
    auto_approve: 'approved',
  },
  supplement_requested: { supply: 'submitted', withdraw: 'withdrawn' },
  accepted: { start_review: 'under_review', request_supplement: 'supplement_requested', withdraw: 'withdrawn' },
  under_review: { approve: 'approved', refuse: 'refused', withdraw: 'withdrawn' },
  approved: { deliver: 'completed' },
  not_accepted: {},
  refused: {},
  completed: {},
  withdrawn: {},
} as const satisfies Record<ApplicationStatus, Partial<Record<ApplicationAction, ApplicationStatus>>>;

export const TERMINAL_STATUSES: readonly ApplicationStatus[] = ApplicationStatus.options.filter(
  (s) => Object.keys(TRANSITIONS[s]).length === 0,
);

/** Statuses in which a charged fee can be paid: once submitted, until decided (approved included). */
const FEE_PAYABLE_STATUSES: readonly ApplicationStatus[] = ['submitted', 'accepted', 'under_review', 'approved'];

/** The one rule for "may the citizen pay this case's fee now"; clients read it from ApplicationView.feePayable. */
export const isFeePayable = (status: ApplicationStatus, feeFen: number, paidAt?: string): boolean =>
  feeFen > 0 && !paidAt && FEE_PAYABLE_STATUSES.includes(status);

export function nextStatus(status: ApplicationStatus, action: ApplicationAction): ApplicationStatus | undefined {
  return (TRANSITIONS[status] as Partial<Record<ApplicationAction, ApplicationStatus>>)[action];
}

export function allowedActions(status: ApplicationStatus, actor?: Actor): ApplicationAction[] {
  return (Object.keys(TRANSITIONS[status]) as ApplicationAction[]).filter((a) => !actor || ACTION_ACTOR[a] === actor);
}

/**
 * Officer roles (岗位) and the officer actions each may take. Inspectors (督察) only read;
 * administrators (系统管理员) maintain reference data such as the holiday calendar, no cases;
 * finance officers (财务) take no case actions, they resolve payments (the finance queue).
 */
export type OfficerRoleName = 'reception' | 'approver' | 'head' | 'inspector' | 'admin' | 'finance';
export const ROLE_ACTIONS = {
  reception: ['accept', 'not_accept', 'request_supplement', 'deliver'],
  approver: ['start_review', 'approve', 'refuse'],
  head: ['accept', 'not_accept', 'request_supplement', 'deliver', 'start_review', 'approve', 'refuse'],
  inspector: [],
  admin: [],
  finance: [],
} as const satisfies Record<OfficerRoleName, readonly ApplicationAction[]>;

export const roleMayTake = (role: OfficerRoleName, action: ApplicationAction): boolean =>
  (ROLE_ACTIONS[role] as readonly ApplicationAction[]).includes(action);
