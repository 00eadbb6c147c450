export default definePageConfig({ navigationBarTitleText: '有问题找社工' })
