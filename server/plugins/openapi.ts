/** The OpenAPI 3 document, built from the routes' TypeBox schemas, at GET /api/openapi.json. */
import fp from 'fastify-plugin'
import swagger from '@fastify/swagger'
import { version } from '../../package.json'

export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: '社工站居民服务 API',
          description:
            '找社工站、有问题找社工、活动报名与服务评价。错误统一为 { code, message, field? }：code 为 ERROR_CODES 之一，field 为出错的输入项（请求内容或查询参数中的路径）。',
          version,
        },
        components: {
          securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
        },
      },
      hideUntagged: false,
    })
    app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger())
  },
  { name: 'openapi' },
)
