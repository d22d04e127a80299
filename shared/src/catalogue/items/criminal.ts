import type { ServiceItemInput } from '../service-item';

const LEGAL_BASIS = [
  '《公安机关办理犯罪记录查询工作规定》（公通字〔2021〕19号）',
  '《中华人民共和国刑事诉讼法》第二百八十六条',
];

/** 刑侦：犯罪记录查询。 */
export const criminalItems: ServiceItemInput[] = [
  {
    code: 'XZ-001',
    name: '无犯罪记录证明',
    department: 'criminal',
    applicantTypes: ['person'],
    category: 'public-service',
    legalBasis: LEGAL_BASIS,
    conditions: [
      '中国公民可查询本人犯罪记录，由户籍地或居住地派出所受理；也可委托具有完全民事行为能力的人代为申请。',
      '未发现犯罪记录的出具《无犯罪记录证明》；犯罪时不满十八周岁且被判处五年有期徒刑以下刑罚的记录依法封存，不予体现。',
    ],
    materials: [
      { name: '居民身份证', form: 'electronic', required: true },
      { name: '委托书及受托人居民身份证', form: 'original', required: false, note: '委托他人办理时提供' },
    ],
    feeFen: 0,
    statutoryDays: 3,
    promisedDays: 1,
    visits: 0,
    steps: ['网上申请', '查询核实', '出具电子证明', '下载或邮寄'],
    keywords: ['无犯罪', '无犯罪记录', '良民证', '政审', '出国证明'],
  },
  {
    code: 'XZ-002',
    name: '犯罪记录查询（单位申请）',
    department: 'criminal',
    applicantTypes: ['organisation'],
    category: 'public-service',
    legalBasis: LEGAL_BASIS,
    conditions: [
      '单位可查询本单位在职人员或拟招录人员的犯罪记录，须符合法律、行政法规关于从业禁止的规定。',
      '由单位住所地派出所受理，查询结果以《查询告知函》形式告知单位。',
    ],
    materials: [
      { name: '单位查询申请函', form: 'original', required: true, note: '写明查询事由及所依据的法律、行政法规条款' },
      { name: '被查询人员名单及身份信息', form: 'copy', required: true },
      { name: '营业执照或统一社会信用代码证明', form: 'electronic', required: true },
      { name: '经办人居民身份证', form: 'electronic', required: true },
    ],
    feeFen: 0,
    statutoryDays: 3,
    promisedDays: 3,
    visits: 1,
    steps: ['窗口申请', '审核查询依据', '查询核实', '出具查询告知函'],
    keywords: ['单位查询', '入职审查', '从业禁止', '犯罪记录', '背景调查'],
  },
];
