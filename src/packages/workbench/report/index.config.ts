export default definePageConfig({ navigationBarTitleText: '站点服务报表', enablePullDownRefresh: true })
