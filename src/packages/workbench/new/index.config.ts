export default definePageConfig({ navigationBarTitleText: '登记来电/来访' })
