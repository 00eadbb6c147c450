import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { ErrorSchema, HealthResponseSchema } from '../../contract/schemas'
import { version } from '../../package.json'

const health: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx
  const status = async () => {
    await db.query('SELECT 1')
    return { status: 'ok' as const, database: db.kind, version }
  }
  app.get(
    '/api/health',
    {
      schema: { tags: ['运维'], summary: '健康检查（含数据库）', response: { 200: HealthResponseSchema, 503: ErrorSchema } },
    },
    status,
  )
  app.get(
    '/api/health/ready',
    {
      schema: { tags: ['运维'], summary: '就绪：数据库可用', response: { 200: HealthResponseSchema, 503: ErrorSchema } },
    },
    status,
  )
  app.get(
    '/api/health/live',
    {
      schema: {
        tags: ['运维'],
        summary: '存活：进程在运行',
        response: { 200: Type.Object({ status: Type.Literal('ok') }, { additionalProperties: false }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  )
}

export default health
