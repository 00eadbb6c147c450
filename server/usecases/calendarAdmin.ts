/**
 * The admin's holiday calendar: read a year (the shipped `chinese-days`
 * dates, the admin's entries over them), and — for the admin of a top-level
 * station — set or clear a day. Every change is audited and reloads the
 * server's calendar at once (other instances follow within a job interval).
 */
import type { CalendarDayBody } from '../../contract/types'
import type { CalendarDay } from '../../domain/calendar'
import type { Staff } from '../../domain/staff'
import type { AppContext } from '../context'
import { fail, forbidden } from '../errors'
import { recordAudit } from '../repositories/audit'
import { calendarDayAt, deleteCalendarDay, upsertCalendarDay } from '../repositories/calendarAdmin'
import { loadCalendarDays, shippedCalendarDays, shippedThroughYear } from '../services/calendar'
import { storedStation } from '../repositories/stationAdmin'

interface Actor {
  staff: Staff
  name: string
}

/** Only the admin of a top-level station (a city's 指导中心) keeps the national calendar. */
async function canEditCalendar(ctx: AppContext, actor: Actor): Promise<boolean> {
  const own = await storedStation(ctx.db, actor.staff.stationId)
  return actor.staff.role === 'admin' && !!own && own.parentId === null
}

export async function calendarYear(ctx: AppContext, actor: Actor, year: number) {
  const prefix = `${year}-`
  const admin = (await loadCalendarDays(ctx.db)).filter((d) => d.date.startsWith(prefix))
  const byDate = new Map<string, CalendarDay & { source: 'package' | 'admin' }>()
  for (const day of shippedCalendarDays()) if (day.date.startsWith(prefix)) byDate.set(day.date, { ...day, source: 'package' })
  for (const day of admin) byDate.set(day.date, { ...day, source: 'admin' })
  return {
    year,
    shippedThroughYear: shippedThroughYear(),
    days: [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date)),
    canEdit: await canEditCalendar(ctx, actor),
  }
}

async function requireEditor(ctx: AppContext, actor: Actor) {
  if (!(await canEditCalendar(ctx, actor))) throw forbidden('节假日安排仅限市级指导中心的管理员录入')
}

export async function setCalendarDay(ctx: AppContext, actor: Actor, date: string, body: CalendarDayBody) {
  await requireEditor(ctx, actor)
  const now = ctx.clock()
  await ctx.db.transaction(async (tx) => {
    const before = await calendarDayAt(tx, date)
    await upsertCalendarDay(tx, { date, kind: body.kind, name: body.name.trim() }, actor.staff.id, now)
    await recordAudit(tx, {
      at: now,
      actor: { id: actor.staff.id, name: actor.name },
      stationId: actor.staff.stationId,
      entity: 'calendar',
      entityId: date,
      action: 'set',
      changes: [
        {
          field: date,
          before: before ? `${before.name}（${before.kind === 'holiday' ? '放假' : '调休上班'}）` : null,
          after: `${body.name.trim()}（${body.kind === 'holiday' ? '放假' : '调休上班'}）`,
        },
      ],
      summary: `节假日安排：${date} ${body.kind === 'holiday' ? '放假' : '调休上班'}（${body.name.trim()}）`,
    })
  })
  await ctx.calendar.reload(ctx.db)
  return calendarYear(ctx, actor, Number(date.slice(0, 4)))
}

export async function clearCalendarDay(ctx: AppContext, actor: Actor, date: string) {
  await requireEditor(ctx, actor)
  const now = ctx.clock()
  await ctx.db.transaction(async (tx) => {
    const before = await calendarDayAt(tx, date)
    if (!before) throw fail('NOT_FOUND', `${date} 没有管理员录入的安排`)
    await deleteCalendarDay(tx, date)
    await recordAudit(tx, {
      at: now,
      actor: { id: actor.staff.id, name: actor.name },
      stationId: actor.staff.stationId,
      entity: 'calendar',
      entityId: date,
      action: 'clear',
      changes: [{ field: date, before: `${before.name}（${before.kind === 'holiday' ? '放假' : '调休上班'}）`, after: null }],
      summary: `节假日安排：删除 ${date} 的录入`,
    })
  })
  await ctx.calendar.reload(ctx.db)
  return calendarYear(ctx, actor, Number(date.slice(0, 4)))
}
