/**
 * Notifications for staff (issue 16, item 7): the account's opt-in to
 * 「接收新求助提醒」 and the workbench's badge.
 */
import { Type } from '@sinclair/typebox'
import { closed } from './common'

export const StaffNotificationSettingsSchema = Type.Object(
  {
    /** Opted in to subscribe messages about requests entering the station's queue, assigned to them, or near their target. */
    enabled: Type.Boolean(),
    /** A WeChat user is linked (the opt-in came from the mini-program): messages reach a phone; otherwise they are only logged. */
    linked: Type.Boolean(),
  },
  closed,
)

export const StaffNotificationSettingsBodySchema = Type.Object(
  {
    enabled: Type.Boolean(),
    /** In the mini-program: Taro.login's code, so messages reach this WeChat user. */
    code: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
  },
  closed,
)

export const StaffBadgeSchema = Type.Object(
  {
    /** Requests that entered the worker's queue or were assigned to them since they last looked at the queue. */
    count: Type.Integer({ minimum: 0 }),
  },
  closed,
)
