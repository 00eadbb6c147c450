export default definePageConfig({ navigationBarTitleText: '求助队列', enablePullDownRefresh: true })
