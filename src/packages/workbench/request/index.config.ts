export default definePageConfig({ navigationBarTitleText: '处理求助' })
