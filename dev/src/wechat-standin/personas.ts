/**
 * Demo WeChat users the stand-in can log in. Their ID numbers are synthetic (valid checksum,
 * fictitious people) and are shown only on the stand-in's own pages, to type into the app.
 */
export interface Persona {
  openid: string;
  nickname: string;
  demoName: string;
  demoIdNumber: string;
  /** WeChat refuses this account at login with 40226 (risky user). */
  risky?: boolean;
}

export const PERSONAS: readonly Persona[] = [
  { openid: 'o_demo_zhangsan', nickname: '张三（演示）', demoName: '张三', demoIdNumber: '110105199003074210' },
  { openid: 'o_demo_lisi', nickname: '李四（演示）', demoName: '李四', demoIdNumber: '440305198512126616' },
  { openid: 'o_demo_wangwu', nickname: '王五（演示）', demoName: '王五', demoIdNumber: '350102197708083316' },
  {
    openid: 'o_demo_risky',
    nickname: '风险账号（演示）',
    demoName: '赵六',
    demoIdNumber: '320106200001015314',
    risky: true,
  },
];
