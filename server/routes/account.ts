/** 我的 → 个人信息: export everything held about me, and delete my account. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { AccountExportSchema, ErrorSchema, OkResponseSchema } from '../../contract/schemas'
import { deleteAccount, exportAccount } from '../usecases/account'

const account: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app
  const auth = { onRequest: app.authenticate }
  const security = [{ bearer: [] }]

  app.get(
    '/api/me/export',
    {
      ...auth,
      schema: {
        tags: ['个人信息'],
        summary: '导出平台保存的关于我和我管理的家人的全部个人信息（JSON）',
        security,
        response: { 200: AccountExportSchema, 401: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request, reply) => {
      const data = await exportAccount(ctx, request.user!.id)
      return reply.header('cache-control', 'no-store').send(data)
    },
  )

  app.delete(
    '/api/me',
    {
      ...auth,
      schema: {
        tags: ['个人信息'],
        summary: '注销账号：未开始的报名取消、未办结的求助撤回，个人信息全部删除或匿名化（同一事务内完成）',
        security,
        response: { 200: OkResponseSchema, 401: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request) => {
      await deleteAccount(ctx, request.user!.id)
      return { ok: true as const }
    },
  )
}

export default account
