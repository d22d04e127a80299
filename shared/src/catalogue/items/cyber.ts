import type { ServiceItemInput } from '../service-item';

/** 网安：上网服务营业场所安全审核、互联网联网备案。 */
export const cyberItems: ServiceItemInput[] = [
  {
    code: 'WA-001',
    name: '互联网上网服务营业场所信息网络安全审核',
    department: 'cyber',
    applicantTypes: ['organisation'],
    category: 'licensing',
    legalBasis: ['《互联网上网服务营业场所管理条例》第十一条'],
    conditions: [
      '已取得文化和旅游部门同意筹建的批准文件，完成场所筹建。',
      '安装符合要求的上网用户实名登记和信息网络安全管理技术措施，配备网络安全管理人员。',
    ],
    materials: [
      { name: '信息网络安全审核申请表', form: 'original', required: true },
      { name: '文化和旅游部门同意筹建的批准文件', form: 'copy', required: true },
      { name: '营业执照', form: 'electronic', required: true },
      { name: '信息网络安全管理制度', form: 'copy', required: true },
      { name: '安全技术措施安装说明及场所平面图', form: 'copy', required: true, note: '标明计算机终端、监控设施位置' },
      { name: '网络安全管理人员名单及身份证明', form: 'copy', required: true },
    ],
    feeFen: 0,
    statutoryDays: 20,
    promisedDays: 10,
    visits: 1,
    steps: ['网上申请', '受理', '实地检查', '审核', '发放批准文件'],
    keywords: ['网吧', '网咖', '上网服务', '安全审核'],
  },
  {
    code: 'WA-002',
    name: '网站、APP公安联网备案',
    department: 'cyber',
    applicantTypes: ['organisation', 'person'],
    category: 'filing',
    legalBasis: [
      '《计算机信息网络国际联网安全保护管理办法》（公安部令第33号）第十二条',
      '《中华人民共和国网络安全法》',
    ],
    conditions: [
      '开办网站、移动互联网应用程序的单位或个人，应自网络正式联通之日起三十日内办理公安联网备案。',
      '已取得工业和信息化部门ICP备案号；单位网站向办公地、个人网站向居住地公安机关备案。',
    ],
    materials: [
      { name: 'ICP备案信息', form: 'electronic', required: true },
      { name: '主体证件', form: 'electronic', required: true, note: '单位为营业执照等，个人为居民身份证' },
      { name: '网站负责人身份证明及联系方式', form: 'electronic', required: true },
      { name: '网络安全管理制度及技术措施说明', form: 'copy', required: false, note: '提供交互式服务的提供' },
    ],
    feeFen: 0,
    statutoryDays: 20,
    promisedDays: 10,
    visits: 0,
    steps: ['全国互联网安全管理服务平台申请', '网安部门审核', '发放公安备案号'],
    keywords: ['网站备案', '公安备案', 'APP备案', '联网备案', '网安'],
  },
];
