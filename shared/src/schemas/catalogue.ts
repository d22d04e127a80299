import '../zod-chinese';
import { z } from 'zod';
import { DepartmentCode } from '../catalogue/departments';
import { ApplicantType } from '../catalogue/service-item';

export const CatalogueQuery = z.object({
  department: DepartmentCode.optional(),
  applicantType: ApplicantType.optional(),
  q: z.string().trim().max(40, { message: '搜索词不能超过 40 个字' }).optional(),
});
export type CatalogueQuery = z.infer<typeof CatalogueQuery>;
