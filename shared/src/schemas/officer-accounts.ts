import '../zod-chinese';
import { z } from 'zod';
import { OfficerRole, TotpCode } from '../applications/schemas';
import { DepartmentCode } from '../catalogue/departments';

/** Confirms second-factor enrolment with the first code from the authenticator app. */
export const OfficerEnrolmentRequest = z.object({
  enrolmentToken: z.string().min(16).max(2000),
  code: TotpCode,
});
export type OfficerEnrolmentRequest = z.infer<typeof OfficerEnrolmentRequest>;

/** Departments an officer can belong to: the service departments and supervision (督察). */
export const OfficerDepartment = z.union([DepartmentCode, z.literal('supervision')]);

/** An administrator's change to an officer account; at least one field. */
export const AdministerOfficerRequest = z
  .object({
    active: z.boolean().optional(),
    department: OfficerDepartment.optional(),
    role: OfficerRole.optional(),
    resetSecondFactor: z.boolean().optional(),
  })
  .strict()
  .refine((r) => Object.values(r).some((v) => v !== undefined), { message: '请至少指定一项变更' });
export type AdministerOfficerRequest = z.infer<typeof AdministerOfficerRequest>;
