/**
 * Notifications for staff (issue 16, item 7): the account's opt-in to
 * 「接收新求助提醒」, and the workbench's badge (what entered the queue since
 * the worker last looked). For accounts that work a queue (queue.view).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  ErrorSchema,
  OkResponseSchema,
  StaffBadgeSchema,
  StaffNotificationSettingsBodySchema,
  StaffNotificationSettingsSchema,
} from '../../contract/schemas'
import { badgeCount, markQueueSeen, notificationSettingsOf, saveNotificationSettings } from '../repositories/staffAlerts'
import { code2Session } from '../services/wechat'

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema }

const staffAlertRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app
  const security = [{ bearer: [] }]
  const tags = ['工作台']

  app.get(
    '/api/staff/notification-settings',
    {
      onRequest: app.authorize('queue.view'),
      schema: { tags, summary: '我的新求助提醒设置', security, response: { 200: StaffNotificationSettingsSchema, ...errors } },
    },
    async (request) => notificationSettingsOf(ctx.db, request.staff!.id),
  )

  app.put(
    '/api/staff/notification-settings',
    {
      onRequest: app.authorize('queue.view'),
      schema: {
        tags,
        summary:
          '开启或关闭新求助提醒：本站队列有新求助（新提交、转入、升级、退回）、分派给我、或即将超时时，发订阅消息。小程序中附 Taro.login 的 code，消息才能送到本人微信',
        security,
        body: StaffNotificationSettingsBodySchema,
        response: { 200: StaffNotificationSettingsSchema, ...errors, 429: ErrorSchema, 502: ErrorSchema, 503: ErrorSchema },
      },
    },
    async (request) => {
      const { enabled, code } = request.body
      const wechat = ctx.config.wechat
      // Without WeChat configured (development, h5), the opt-in is kept and the messages are logged.
      const openid = enabled && code && wechat.appId && wechat.secret ? (await code2Session(wechat, code)).openid : null
      await saveNotificationSettings(ctx.db, request.staff!.id, enabled, openid, ctx.clock())
      return notificationSettingsOf(ctx.db, request.staff!.id)
    },
  )

  app.get(
    '/api/staff/badge',
    {
      onRequest: app.authorize('queue.view'),
      schema: {
        tags,
        summary: '工作台角标：上次查看队列以来，进入本站队列（未分配）或分派给我的求助数',
        security,
        response: { 200: StaffBadgeSchema, ...errors },
      },
    },
    async (request) => ({ count: await badgeCount(ctx.db, request.staff!) }),
  )

  app.post(
    '/api/staff/badge/seen',
    {
      onRequest: app.authorize('queue.view'),
      schema: { tags, summary: '我已查看队列：角标清零', security, response: { 200: OkResponseSchema, ...errors } },
    },
    async (request) => {
      await markQueueSeen(ctx.db, request.staff!.id, ctx.clock())
      return { ok: true as const }
    },
  )
}

export default staffAlertRoutes
