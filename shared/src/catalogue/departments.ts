import { z } from 'zod';

/** Police departments (警种) that own service items, in the order the home page shows them. */
export const DepartmentCode = z.enum([
  'household',
  'exit-entry',
  'traffic',
  'public-order',
  'narcotics',
  'fire',
  'criminal',
  'cyber',
  'tech-defence',
]);
export type DepartmentCode = z.infer<typeof DepartmentCode>;

export interface Department {
  code: DepartmentCode;
  name: string;
  summary: string;
}

export const DEPARTMENTS: readonly Department[] = [
  { code: 'household', name: '户政', summary: '户口登记、迁移、变更更正、身份证、户籍证明' },
  { code: 'exit-entry', name: '出入境', summary: '护照、港澳台通行证及签注、外国人签证居留' },
  { code: 'traffic', name: '交管', summary: '驾驶证、机动车登记与检验、交通违法与事故' },
  { code: 'public-order', name: '治安', summary: '居住证、特种行业、保安、枪爆物品、大型活动' },
  { code: 'narcotics', name: '禁毒', summary: '易制毒化学品购买、运输与备案' },
  { code: 'fire', name: '消防', summary: '公众聚集场所消防安全检查、火灾事故认定' },
  { code: 'criminal', name: '刑侦', summary: '无犯罪记录证明、犯罪记录查询、报案与进度' },
  { code: 'cyber', name: '网安', summary: '上网服务场所审核、网站联网备案、等级保护' },
  { code: 'tech-defence', name: '技防', summary: '技防企业资格与备案' },
];

export const departmentName = (code: DepartmentCode): string => DEPARTMENTS.find((d) => d.code === code)?.name ?? code;
