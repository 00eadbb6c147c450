export default definePageConfig({
  navigationBarTitleText: '社工站活动',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
