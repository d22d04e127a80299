export default definePageConfig({ navigationBarTitleText: '民生警务' });
