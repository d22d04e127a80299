export default defineAppConfig({
  pages: ['pages/index/index', 'pages/item/index', 'pages/login/index', 'pages/verify/index', 'pages/me/index'],
  /**
   * Applying, my applications and the case page live in a subpackage: WeChat limits the main
   * package to 2 MB, and these pages (form renderer, uploads) are only needed once logged in.
   */
  subPackages: [
    {
      root: 'packageApply',
      pages: ['pages/apply/index', 'pages/list/index', 'pages/case/index'],
    },
    /** 我的车辆与违法 (交管): driving licence, bound vehicles, violations. */
    { root: 'packageTraffic', pages: ['pages/index'] },
    /** The payment waiting / result page, shared by traffic fines and application fees. */
    { root: 'packagePay', pages: ['pages/result/index'] },
    /** 我的证照 (licence wallet, QR codes to show) and 消息中心. */
    { root: 'packageWallet', pages: ['pages/index', 'pages/qr', 'pages/messages'] },
    /** 预约办理 (window appointments: hall, day, slot) and 我的预约. */
    { root: 'packageAppointment', pages: ['pages/index', 'pages/book'] },
    /** 我的单位 (法人办事): organisations the citizen acts for, and the 经办人 a legal representative authorised. */
    { root: 'packageOrg', pages: ['pages/index'] },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#0b4f9c',
    navigationBarTitleText: '民生警务',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f4f6f9',
  },
});
