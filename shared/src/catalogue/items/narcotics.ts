import type { ServiceItemInput } from '../service-item';

const BUSINESS_LICENCE = { name: '营业执照', form: 'electronic', required: true } as const;
const AGENT_ID = { name: '经办人居民身份证', form: 'electronic', required: true } as const;
const PURCHASE_RULES = '《易制毒化学品购销和运输管理办法》（公安部令第87号）';

/**
 * 禁毒：易制毒化学品购买与运输管理。
 * 个人不得购买第一类、第二类易制毒化学品，相关事项只面向单位。
 */
export const narcoticsItems: ServiceItemInput[] = [
  {
    code: 'JD-001',
    name: '第一类非药品类易制毒化学品购买许可',
    department: 'narcotics',
    applicantTypes: ['organisation'],
    category: 'licensing',
    legalBasis: ['《易制毒化学品管理条例》第十四条、第十五条、第十六条', PURCHASE_RULES],
    conditions: [
      '经营企业或其他依法成立的单位，因生产、科研等合法用途需购买第一类非药品类易制毒化学品。',
      '由所在地省级公安机关审批，必要时实地核查；个人不得购买。',
    ],
    materials: [
      { name: '第一类易制毒化学品购买许可申请表', form: 'original', required: true },
      { ...BUSINESS_LICENCE, note: '其他组织提供登记证书或成立批准文件' },
      {
        name: '合法使用需要证明',
        form: 'original',
        required: true,
        note: '写明用途、品种、数量，附生产工艺或科研项目说明',
      },
      { name: '上一次购买的使用情况说明', form: 'copy', required: false, note: '非首次购买的提供' },
      AGENT_ID,
    ],
    feeFen: 0,
    statutoryDays: 10,
    promisedDays: 7,
    visits: 0,
    steps: ['网上申请', '受理', '审查及实地核查', '审批', '签发购买许可证'],
    keywords: ['易制毒', '第一类', '购买许可', '麻黄素', '化学品'],
  },
  {
    code: 'JD-002',
    name: '第二类、第三类易制毒化学品购买备案',
    department: 'narcotics',
    applicantTypes: ['organisation'],
    category: 'filing',
    legalBasis: ['《易制毒化学品管理条例》第十六条、第十七条', PURCHASE_RULES],
    conditions: [
      '单位购买第二类、第三类易制毒化学品的，应在购买前将品种、数量向所在地县级公安机关备案。',
      '个人不得购买第二类易制毒化学品；个人自用购买少量高锰酸钾的无须备案。',
    ],
    materials: [
      { name: '易制毒化学品购买备案申请表', form: 'original', required: true },
      BUSINESS_LICENCE,
      { name: '合法使用需要证明', form: 'copy', required: true },
      AGENT_ID,
    ],
    feeFen: 0,
    statutoryDays: 1,
    promisedDays: 0,
    visits: 0,
    steps: ['网上备案', '公安机关审核', '当日出具备案证明'],
    keywords: ['易制毒', '第二类', '第三类', '购买备案', '丙酮', '硫酸', '盐酸'],
  },
  {
    code: 'JD-003',
    name: '第一类、第二类易制毒化学品运输许可',
    department: 'narcotics',
    applicantTypes: ['organisation'],
    category: 'licensing',
    legalBasis: ['《易制毒化学品管理条例》第二十条', PURCHASE_RULES],
    conditions: [
      '跨设区的市运输第一类易制毒化学品，由运出地设区的市级公安机关审批；运输第二类的由运出地县级公安机关审批。',
      '第一类自受理之日起十日内、第二类三日内作出决定；取得运输许可证后方可运输。',
    ],
    materials: [
      { name: '易制毒化学品运输许可申请表', form: 'original', required: true },
      BUSINESS_LICENCE,
      { name: '购销合同或购买许可证明', form: 'copy', required: true },
      {
        name: '承运单位资质及车辆、驾驶人、押运人员信息',
        form: 'copy',
        required: true,
        note: '危险货物运输的提供道路危险货物运输许可',
      },
      AGENT_ID,
    ],
    feeFen: 0,
    statutoryDays: 10,
    promisedDays: 3,
    visits: 0,
    steps: ['网上申请', '受理', '审查', '审批', '签发运输许可证'],
    keywords: ['易制毒', '运输许可', '运输证', '化学品运输'],
  },
  {
    code: 'JD-004',
    name: '第三类易制毒化学品运输备案',
    department: 'narcotics',
    applicantTypes: ['organisation'],
    category: 'filing',
    legalBasis: ['《易制毒化学品管理条例》第二十条', PURCHASE_RULES],
    conditions: ['运输第三类易制毒化学品的，应在运输前向运出地县级公安机关备案，公安机关当日发给备案证明。'],
    materials: [
      { name: '第三类易制毒化学品运输备案申请表', form: 'original', required: true },
      BUSINESS_LICENCE,
      { name: '购销合同或购买备案证明', form: 'copy', required: true },
      { name: '承运单位及车辆、驾驶人信息', form: 'copy', required: true },
      AGENT_ID,
    ],
    feeFen: 0,
    statutoryDays: 1,
    promisedDays: 0,
    visits: 0,
    steps: ['网上备案', '公安机关审核', '当日出具备案证明'],
    keywords: ['易制毒', '第三类', '运输备案', '甲苯', '丙酮', '硫酸'],
  },
  {
    code: 'JD-005',
    name: '易制毒化学品年度购买、运输情况报告',
    department: 'narcotics',
    applicantTypes: ['organisation'],
    category: 'filing',
    legalBasis: ['《易制毒化学品管理条例》', PURCHASE_RULES],
    conditions: ['购买、运输易制毒化学品的单位，应于每年3月31日前报告上年度购买、运输、使用及库存情况。'],
    materials: [
      { name: '易制毒化学品年度情况报告表', form: 'original', required: true },
      { name: '购销台账', form: 'copy', required: true, note: '记录品种、数量、日期、流向' },
      BUSINESS_LICENCE,
    ],
    feeFen: 0,
    statutoryDays: 1,
    promisedDays: 0,
    visits: 0,
    steps: ['网上填报', '公安机关接收', '生成报告回执'],
    keywords: ['易制毒', '年度报告', '台账', '年报'],
  },
];
