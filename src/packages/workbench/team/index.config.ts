export default definePageConfig({ navigationBarTitleText: '团队负责量', enablePullDownRefresh: true })
