import type { ServiceItemInput } from '../service-item';

const BUSINESS_LICENCE = { name: '营业执照', form: 'electronic', required: true } as const;

/** 消防：公众聚集场所检查、重点单位备案、火灾事故认定复核（由消防救援机构办理）。 */
export const fireItems: ServiceItemInput[] = [
  {
    code: 'XF-001',
    name: '公众聚集场所投入使用、营业前消防安全检查',
    department: 'fire',
    applicantTypes: ['organisation'],
    category: 'licensing',
    legalBasis: ['《中华人民共和国消防法》第十五条'],
    conditions: [
      '宾馆、饭店、商场、集贸市场、公共娱乐场所等公众聚集场所，在投入使用、营业前由建设单位或使用单位申请。',
      '选择告知承诺方式的，材料齐全即作出许可决定，事后核查；不选择承诺的，自受理之日起十个工作日内现场检查。',
      '场所依法通过建设工程消防验收或已备案，消防设施符合标准。',
    ],
    materials: [
      { name: '消防安全检查申请表', form: 'original', required: true },
      BUSINESS_LICENCE,
      { name: '消防安全告知承诺书', form: 'original', required: false, note: '选择告知承诺方式时提交' },
      { name: '建设工程消防验收或备案凭证', form: 'copy', required: true },
      { name: '场所平面布置图及消防设施平面图', form: 'copy', required: true },
      { name: '消防安全制度、灭火和应急疏散预案', form: 'copy', required: true },
    ],
    feeFen: 0,
    statutoryDays: 10,
    promisedDays: 0,
    visits: 0,
    steps: ['网上申请', '受理', '告知承诺即时许可或现场检查', '作出许可决定', '事后核查'],
    keywords: ['消防检查', '开业', '消防许可', '饭店', '商场', '告知承诺'],
  },
  {
    code: 'XF-002',
    name: '消防安全重点单位消防安全责任人、管理人备案',
    department: 'fire',
    applicantTypes: ['organisation'],
    category: 'filing',
    legalBasis: [
      '《中华人民共和国消防法》第十七条',
      '《机关、团体、企业、事业单位消防安全管理规定》（公安部令第61号）',
    ],
    conditions: [
      '被确定为消防安全重点单位的，应将消防安全责任人、管理人信息报消防救援机构备案。',
      '人员发生变更的，应及时变更备案。',
    ],
    materials: [
      { name: '消防安全重点单位备案表', form: 'original', required: true },
      BUSINESS_LICENCE,
      { name: '消防安全责任人、管理人居民身份证', form: 'electronic', required: true },
      { name: '消防安全管理人员任命文件', form: 'copy', required: true },
    ],
    feeFen: 0,
    statutoryDays: 5,
    promisedDays: 1,
    visits: 0,
    steps: ['网上申报', '消防救援机构审核', '完成备案'],
    keywords: ['重点单位', '消防安全责任人', '消防管理人', '备案'],
  },
  {
    code: 'XF-003',
    name: '火灾事故认定复核',
    department: 'fire',
    applicantTypes: ['person', 'organisation'],
    category: 'confirmation',
    legalBasis: ['《中华人民共和国消防法》第五十一条', '《火灾事故调查规定》'],
    conditions: [
      '火灾事故当事人对火灾事故认定有异议的，可自认定书送达之日起十五日内向上一级消防救援机构申请复核。',
      '同一火灾事故认定只受理一次复核申请。',
    ],
    materials: [
      { name: '火灾事故认定复核申请书', form: 'original', required: true, note: '写明复核请求、理由和主要证据' },
      { name: '火灾事故认定书', form: 'copy', required: true },
      { name: '申请人身份证明', form: 'electronic', required: true, note: '个人为居民身份证，单位为营业执照' },
    ],
    feeFen: 0,
    statutoryDays: 30,
    promisedDays: 20,
    visits: 0,
    steps: ['提交复核申请', '受理', '复核审查', '作出复核决定', '送达'],
    keywords: ['火灾', '事故认定', '复核', '着火'],
  },
];
