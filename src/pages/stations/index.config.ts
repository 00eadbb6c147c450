export default definePageConfig({
  navigationBarTitleText: '找社工站',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
