import { randomUUID } from 'node:crypto'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  DevLoginBodySchema,
  ErrorSchema,
  MeResponseSchema,
  OkResponseSchema,
  SessionSchema,
  WechatLoginBodySchema,
} from '../../contract/schemas'
import { createSession, revokeSession, upsertUserByOpenid } from '../repositories/sessions'
import { code2Session } from '../services/wechat'

const auth: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app
  const { config } = ctx

  app.post(
    '/api/auth/wechat',
    {
      config: { limit: 'login' },
      schema: {
        tags: ['登录'],
        summary: '微信登录：用 Taro.login 的 code 换取本服务的会话令牌',
        body: WechatLoginBodySchema,
        response: { 200: SessionSchema, 400: ErrorSchema, 401: ErrorSchema, 429: ErrorSchema, 502: ErrorSchema, 503: ErrorSchema },
      },
    },
    async (request) => {
      const { openid } = await code2Session(config.wechat, request.body.code)
      return ctx.db.transaction(async (tx) => {
        const user = await upsertUserByOpenid(tx, openid, '微信用户')
        return createSession(tx, user, config.sessionTtlHours, ctx.clock())
      })
    },
  )

  // The demo login exists only outside production: in production the route is not even registered.
  if (config.nodeEnv !== 'production') {
    app.post(
      '/api/auth/dev',
      {
        config: { limit: 'login' },
        schema: {
          tags: ['登录'],
          summary: '演示登录（仅开发与测试环境；生产环境不存在此接口）',
          body: DevLoginBodySchema,
          response: { 200: SessionSchema, 400: ErrorSchema },
        },
      },
      async (request) => {
        // A nickname names a stable demo account (tests use it); without one, each browser gets an account of its own.
        const nickname = request.body?.nickname ?? '演示居民'
        const openid = request.body?.nickname ? `dev:${nickname}` : `dev:anon:${randomUUID()}`
        return ctx.db.transaction(async (tx) => {
          const user = await upsertUserByOpenid(tx, openid, nickname)
          return createSession(tx, user, config.sessionTtlHours, ctx.clock())
        })
      },
    )
  }

  app.post(
    '/api/auth/logout',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['登录'],
        summary: '退出登录：吊销当前令牌',
        security: [{ bearer: [] }],
        response: { 200: OkResponseSchema, 401: ErrorSchema },
      },
    },
    async (request) => {
      await revokeSession(ctx.db, request.sessionToken!, ctx.clock())
      return { ok: true as const }
    },
  )

  app.get(
    '/api/me',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['登录'],
        summary: '当前登录的用户',
        security: [{ bearer: [] }],
        response: { 200: MeResponseSchema, 401: ErrorSchema },
      },
    },
    async (request) => ({ user: request.user! }),
  )
}

export default auth
