/**
 * The holiday calendar (法定节假日与调休) an admin keeps: a year's public
 * holidays and 调休 working days — the `chinese-days` package's, with the
 * admin's entries over them — and, for the admin of a top-level station
 * (a city's 指导中心), adding, correcting or removing a day once the State
 * Council (国务院办公厅) publishes the next year's dates.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import {
  CalendarDateParamsSchema,
  CalendarDayBodySchema,
  CalendarYearQuerySchema,
  CalendarYearSchema,
  ErrorSchema,
} from '../../contract/schemas'
import { calendarYear, clearCalendarDay, setCalendarDay } from '../usecases/calendarAdmin'

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema }

const adminCalendar: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app
  const admin = { onRequest: app.authorize('stations.admin') }
  const tags = ['站点管理']
  const security = [{ bearer: [] }]
  const actorOf = (request: FastifyRequest) => ({ staff: request.staff!, name: request.user!.nickname })

  app.get(
    '/api/admin/calendar',
    {
      ...admin,
      schema: {
        tags,
        summary: '某一年的法定节假日与调休上班日（chinese-days 数据，管理员录入的优先）',
        security,
        querystring: CalendarYearQuerySchema,
        response: { 200: CalendarYearSchema, ...errors },
      },
    },
    async (request) => calendarYear(ctx, actorOf(request), request.query.year),
  )

  app.put(
    '/api/admin/calendar/:date',
    {
      ...admin,
      schema: {
        tags,
        summary: '录入或更正一天（放假或调休上班），仅限市级指导中心的管理员',
        security,
        params: CalendarDateParamsSchema,
        body: CalendarDayBodySchema,
        response: { 200: CalendarYearSchema, ...errors },
      },
    },
    async (request) => setCalendarDay(ctx, actorOf(request), request.params.date, request.body),
  )

  app.delete(
    '/api/admin/calendar/:date',
    {
      ...admin,
      schema: {
        tags,
        summary: '删除管理员录入的一天（恢复 chinese-days 的数据）',
        security,
        params: CalendarDateParamsSchema,
        response: { 200: CalendarYearSchema, ...errors },
      },
    },
    async (request) => clearCalendarDay(ctx, actorOf(request), request.params.date),
  )
}

export default adminCalendar
