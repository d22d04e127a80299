import { z } from 'zod';
import { DepartmentCode } from './departments';
import { FormDefinition } from './forms';
import { LicenceType } from './licences';

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

export const Material = z
  .object({
    /** Stable key the application refers to (e.g. `idCard`, `photo`). */
    key: z.string().regex(/^[a-z][a-zA-Z0-9]*$/),
    name: z.string().min(2),
    required: z.boolean(),
    /** Photos or PDF the citizen may upload. */
    uploadable: z.boolean(),
    /** Electronic licences that satisfy this material instead of an upload. */
    acceptedLicences: z.array(LicenceType).default([]),
    /** The original must be shown at the window when the result is collected (先批后办). */
    originalCheckedAtPickup: z.boolean().default(false),
    note: z.string().optional(),
  })
  .refine((m) => m.uploadable || m.acceptedLicences.length > 0, {
    message: '每项材料必须可以上传或由电子证照替代',
  })
  .refine((m) => !(m.uploadable && m.acceptedLicences.length > 0), {
    message: '公安已掌握电子证照的材料不得再要求上传复印件',
  });
export type Material = z.infer<typeof Material>;

export const ServiceItemCode = z.string().regex(/^[A-Z]{2}-\d{3}$/, '事项编码格式应为两位字母加三位数字');

/** 送达方式: window pickup (with originals checked), postal delivery, electronic certificate. */
export const DeliveryMethod = z.enum(['window', 'post', 'electronic']);
export type DeliveryMethod = z.infer<typeof DeliveryMethod>;
export const DELIVERY_METHOD_LABEL: Record<DeliveryMethod, string> = {
  window: '窗口领取',
  post: '邮寄送达',
  electronic: '电子证照',
};

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
    /** The application form; one definition drives the mini-app form and server validation. */
    form: FormDefinition,
    /** How the result reaches the applicant. */
    deliveryMethods: z.array(DeliveryMethod).min(1),
    /** A named rule (see functions' auto-decision registry) that may approve without an officer. */
    autoDecisionRule: z.string().optional(),
    /**
     * For a report the citizen may make anonymously (匿名): the form field whose value means so,
     * and the form sections that identify the reporter. Officers' views honour it (no name, ID
     * number or phone of an anonymous reporter); the reporter still follows the case. A guide
     * that offers 匿名 must declare this (tests/unit/catalogue.promises.test.ts).
     */
    /**
     * At most this many submissions per citizen and China month (e.g. 挪车 5), enforced at
     * submission. A guide that states a monthly cap must declare it here.
     */
    monthlyLimit: z.number().int().positive().optional(),
    anonymity: z
      .object({
        section: z.string(),
        field: z.string(),
        value: z.string(),
        identifyingSections: z.array(z.string()).min(1),
      })
      .optional(),
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

/** What officers see instead of an anonymous reporter (see ServiceItem.anonymity). */
export const ANONYMOUS_REPORTER_LABEL = '匿名举报人';

/** True when the case's form chose 匿名 on an item that offers it. */
export function isAnonymousReport(item: ServiceItem | undefined, formData: Record<string, unknown>): boolean {
  const anonymity = item?.anonymity;
  if (!anonymity) return false;
  const section = formData[anonymity.section] as Record<string, unknown> | undefined;
  return section?.[anonymity.field] === anonymity.value;
}
