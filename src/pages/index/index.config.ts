export default definePageConfig({ navigationBarTitleText: '社工站居民服务' })
