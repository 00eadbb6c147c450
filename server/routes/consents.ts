/** 我的 → 个人信息 → 授权与同意: what I agreed to, per purpose and version; agree to a new version; withdraw. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ConsentBodySchema, ConsentListSchema, ErrorSchema } from '../../contract/schemas'
import { listConsents } from '../repositories/consents'
import { recordConsent } from '../usecases/consents'

const consents: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app
  const auth = { onRequest: app.authenticate }
  const security = [{ bearer: [] }]

  app.get(
    '/api/me/consents',
    {
      ...auth,
      schema: {
        tags: ['个人信息'],
        summary:
          '我的授权与同意：每项用途（隐私政策、位置信息、求助信息、儿童个人信息、活动拍照）的当前版本、我最近同意的版本和时间、是否已撤回、是否需要重新同意',
        security,
        response: { 200: ConsentListSchema, 401: ErrorSchema },
      },
    },
    async (request, reply) => {
      const items = await listConsents(ctx.db, request.user!.id)
      return reply.header('cache-control', 'no-store').send({ items })
    },
  )

  app.post(
    '/api/me/consents',
    {
      ...auth,
      schema: {
        tags: ['个人信息'],
        summary:
          '记录一次同意（granted: true）或撤回（granted: false），带时间；版本必须是当前版本，否则 409 CONSENT_OUTDATED。' +
          '隐私政策、位置信息、求助信息可以在这里同意；位置信息、求助信息、活动拍照可以在这里撤回（撤回活动拍照时，已有报名的拍照同意一并取消）。' +
          '儿童个人信息只在“我的家人”中添加孩子时同意、删除孩子时撤回，活动拍照只在报名时同意，隐私政策不能单独撤回（可注销账号）：这些请求答 400 FIELD_INVALID（field: purpose）。' +
          '与最近一次相同的决定不再重复记录（200），新记录答 201；两者都返回全部用途的最新状态',
        security,
        body: ConsentBodySchema,
        response: {
          200: ConsentListSchema,
          201: ConsentListSchema,
          400: ErrorSchema,
          401: ErrorSchema,
          404: ErrorSchema,
          409: ErrorSchema,
        },
      },
    },
    async (request, reply) => {
      const r = await recordConsent(ctx, request.user!.id, request.body)
      return reply.status(r.recorded ? 201 : 200).send({ items: r.items })
    },
  )
}

export default consents
