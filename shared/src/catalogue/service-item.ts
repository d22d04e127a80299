import { z } from 'zod';
import { DepartmentCode } from './departments';

/** Who may apply: a natural person (个人) or a legal person / organisation (法人). */
export const ApplicantType = z.enum(['person', 'organisation']);
export type ApplicantType = z.infer<typeof ApplicantType>;
export const APPLICANT_TYPE_LABEL: Record<ApplicantType, string> = { person: '个人', organisation: '法人' };

/** Kind of administrative power (事项类型) as published in the standard guide. */
export const ItemCategory = z.enum([
  'licensing',
  'confirmation',
  'registration',
  'filing',
  'public-service',
  'inquiry',
]);
export type ItemCategory = z.infer<typeof ItemCategory>;
export const ITEM_CATEGORY_LABEL: Record<ItemCategory, string> = {
  licensing: '行政许可',
  confirmation: '行政确认',
  registration: '行政登记',
  filing: '备案',
  'public-service': '公共服务',
  inquiry: '查询',
};

export const Material = z.object({
  name: z.string().min(2),
  /** original = 原件核验, copy = 复印件/照片, electronic = 可用电子证照 */
  form: z.enum(['original', 'copy', 'electronic']),
  required: z.boolean(),
  note: z.string().optional(),
});
export type Material = z.infer<typeof Material>;

export const ServiceItemCode = z.string().regex(/^[A-Z]{2}-\d{3}$/, '事项编码格式应为两位字母加三位数字');

/** The standard guide (办事指南) of one service item; one definition drives every screen. */
export const ServiceItem = z
  .object({
    code: ServiceItemCode,
    name: z.string().min(2),
    department: DepartmentCode,
    applicantTypes: z.array(ApplicantType).min(1),
    category: ItemCategory,
    legalBasis: z.array(z.string().min(4)).min(1),
    conditions: z.array(z.string().min(2)).min(1),
    materials: z.array(Material),
    /** Fee in fen (分); 0 means free of charge. */
    feeFen: z.number().int().nonnegative(),
    feeNote: z.string().optional(),
    /** 法定办结时限, working days. */
    statutoryDays: z.number().int().nonnegative(),
    /** 承诺办结时限, working days; never longer than the statutory limit. */
    promisedDays: z.number().int().nonnegative(),
    /** 到现场次数: 0 = fully online, 1 = at most once. */
    visits: z.union([z.literal(0), z.literal(1)]),
    steps: z.array(z.string().min(2)).min(1),
    keywords: z.array(z.string()).default([]),
  })
  .refine((item) => item.promisedDays <= item.statutoryDays, {
    message: '承诺时限不能超过法定时限',
    path: ['promisedDays'],
  });
export type ServiceItem = z.infer<typeof ServiceItem>;
export type ServiceItemInput = z.input<typeof ServiceItem>;

/** What the catalogue list shows; the full guide is fetched per item. */
export type ServiceItemSummary = Pick<
  ServiceItem,
  'code' | 'name' | 'department' | 'applicantTypes' | 'category' | 'feeFen' | 'promisedDays' | 'visits'
>;

export const summarise = (item: ServiceItem): ServiceItemSummary => ({
  code: item.code,
  name: item.name,
  department: item.department,
  applicantTypes: item.applicantTypes,
  category: item.category,
  feeFen: item.feeFen,
  promisedDays: item.promisedDays,
  visits: item.visits,
});
