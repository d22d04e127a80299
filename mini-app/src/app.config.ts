export default defineAppConfig({
  pages: ['pages/index/index', 'pages/item/index', 'pages/login/index', 'pages/verify/index', 'pages/me/index'],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#0b4f9c',
    navigationBarTitleText: '民生警务',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f4f6f9',
  },
});
