import type { ServiceItemInput } from '../service-item';

const LEGAL_BASIS = [
  '《企业事业单位内部治安保卫条例》',
  '所在省（自治区、直辖市）安全技术防范管理地方性法规',
  '《安全防范工程技术标准》（GB 50348-2018）',
];

/** 技防：安全技术防范企业与技防系统管理。 */
export const techDefenceItems: ServiceItemInput[] = [
  {
    code: 'JF-001',
    name: '技防企业资格证变更',
    department: 'tech-defence',
    applicantTypes: ['organisation'],
    category: 'filing',
    legalBasis: LEGAL_BASIS,
    conditions: [
      '已取得安全技术防范系统设计、施工、维修资格的企业，名称、地址、法定代表人或技术负责人等事项发生变化。',
      '应在变化之日起三十日内申请变更。',
    ],
    materials: [
      { name: '技防企业资格变更申请表', form: 'original', required: true },
      { name: '营业执照', form: 'electronic', required: true },
      { name: '原技防企业资格证书', form: 'original', required: true },
      { name: '变更事项证明材料', form: 'copy', required: true, note: '如市场监管部门变更登记通知、新任人员任职文件' },
    ],
    feeFen: 0,
    statutoryDays: 20,
    promisedDays: 5,
    visits: 1,
    steps: ['网上申请', '受理', '审核', '换发证书'],
    keywords: ['技防', '安防企业', '资格证', '变更'],
  },
  {
    code: 'JF-002',
    name: '技防系统设计方案备案',
    department: 'tech-defence',
    applicantTypes: ['organisation'],
    category: 'filing',
    legalBasis: LEGAL_BASIS,
    conditions: [
      '金融营业场所、文博单位、易燃易爆剧毒物品仓库等按规定应当安装技防系统的单位，在施工前将设计方案报公安机关备案。',
      '设计方案应符合国家和行业技术标准。',
    ],
    materials: [
      { name: '技防系统设计方案备案表', form: 'original', required: true },
      { name: '技防系统设计方案及图纸', form: 'copy', required: true, note: '含系统构成、设备清单、点位布置图' },
      { name: '设计单位资格证明', form: 'copy', required: true },
      { name: '建设单位营业执照或法人登记证书', form: 'electronic', required: true },
    ],
    feeFen: 0,
    statutoryDays: 10,
    promisedDays: 5,
    visits: 0,
    steps: ['网上申请', '材料审核', '方案论证', '出具备案回执'],
    keywords: ['技防', '安防系统', '监控', '设计方案', '报警'],
  },
  {
    code: 'JF-003',
    name: '技防系统竣工验收备案',
    department: 'tech-defence',
    applicantTypes: ['organisation'],
    category: 'filing',
    legalBasis: LEGAL_BASIS,
    conditions: [
      '技防系统施工完成并经验收合格后，建设单位将验收情况报公安机关备案；未经验收或验收不合格的不得投入使用。',
    ],
    materials: [
      { name: '技防系统竣工验收备案表', form: 'original', required: true },
      { name: '竣工验收报告', form: 'copy', required: true },
      { name: '系统检测报告', form: 'copy', required: true },
      { name: '竣工图纸及设备清单', form: 'copy', required: true },
    ],
    feeFen: 0,
    statutoryDays: 10,
    promisedDays: 5,
    visits: 0,
    steps: ['网上申请', '材料审核', '现场核查', '出具备案回执'],
    keywords: ['技防', '竣工验收', '安防工程', '备案'],
  },
];
