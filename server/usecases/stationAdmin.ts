/**
 * 站点管理: an admin's stations (the subtree of their own station) and a
 * 站长's own station — read, create, edit, move, close, reopen — and the
 * import of a workbook or CSV (dry run, then all-or-nothing), the export and
 * the template. Every change is written to the audit log in the same
 * transaction; residents see it at once (the resident routes read the same rows).
 */
import { can, capabilityRefusal } from '../../domain/permissions'
import { closedStationMove } from '../../domain/requests'
import { normalizePhone } from '../../domain/phone'
import type { Staff } from '../../domain/staff'
import {
  planImport,
  SHEET_COLUMNS,
  stationRefusal,
  toCells,
  type ImportPlan,
  type ImportScope,
  type StationRecord,
} from '../../domain/stationSheet'
import type { AdminStationCreate, AdminStationPatch, ImportReport } from '../../contract/types'
import type { ErrorCode } from '../../contract/errors'
import type { AppContext } from '../context'
import type { Database, Queryable } from '../db'
import { fail, forbidden, notFound, reject } from '../errors'
import { recordAudit, type AuditChange } from '../repositories/audit'
import { enqueue } from '../repositories/outbox'
import { loadRequest, saveChange, scopeOf, stateOf } from '../repositories/requests'
import {
  activeEnrollmentsAt,
  analyzeStations,
  BULK,
  isInSubtree,
  openChildren,
  openRequestIdsAt,
  recordAuditBatch,
  replaceExceptions,
  saveStations,
  setClosed,
  stationExceptionsOf,
  storedStation,
  storedStationsByCode,
  storedSubtree,
  subtreeNodes,
  type StoredStation,
  type WritePace,
} from '../repositories/stationAdmin'
import { readStationFile, type FileRows } from '../services/stationSheet'
import { refreshStationIndex } from '../services/stationIndex'

const NOT_FOUND = '没有找到这个站点，或它不在您的管辖范围内'

/** A transaction that writes stations; the residents' search and routing see it at their next look (migration 026's station_writes). */
const changingStations = <T>(ctx: AppContext, fn: (tx: Queryable) => Promise<T>): Promise<T> => ctx.db.transaction(fn)

export interface Actor {
  staff: Staff
  name: string
}
const auditActor = (a: Actor) => ({ id: a.staff.id, name: a.name })

/** The station, if the account may act on it: an admin within their subtree, a 站长 their own station only. */
async function stationInScope(db: Queryable, actor: Actor, id: string, opts: { forUpdate?: boolean } = {}): Promise<StoredStation> {
  const scope = await scopeOf(db, actor.staff)
  if (!scope.includes(id)) throw notFound(NOT_FOUND)
  const found = await storedStation(db, id, opts)
  if (!found) throw notFound(NOT_FOUND)
  return found
}

export async function stationTree(ctx: AppContext, actor: Actor) {
  return { items: await subtreeNodes(ctx.db, actor.staff.stationId) }
}

export async function adminStation(ctx: AppContext, actor: Actor, id: string) {
  const station = await stationInScope(ctx.db, actor, id)
  return view(ctx.db, station)
}

async function view(db: Queryable, station: StoredStation) {
  const parent = station.parentId ? await storedStation(db, station.parentId) : null
  const { code, parentCode: _parentCode, ...fields } = station.record
  return {
    id: station.id,
    code,
    parentId: station.parentId,
    parentName: parent?.record.name ?? null,
    ...fields,
    closed: station.closedAt ? { at: station.closedAt.toISOString(), reason: station.closedReason ?? '' } : null,
    exceptions: await stationExceptionsOf(db, station.id),
    updatedAt: station.updatedAt.toISOString(),
  }
}

/** Audit changes between two records, column by column as the spreadsheet shows them. */
function recordChanges(before: StationRecord | null, after: StationRecord): AuditChange[] {
  const was = before ? toCells(before) : null
  const now = toCells(after)
  return SHEET_COLUMNS.filter((c) => !was || was[c] !== now[c]).map((c) => ({ field: c, before: was ? was[c] : null, after: now[c] }))
}

export async function createStation(ctx: AppContext, actor: Actor, body: AdminStationCreate) {
  const now = ctx.clock()
  return changingStations(ctx, async (tx) => {
    const parent = await stationInScope(tx, actor, body.parentId)
    const { parentId: _p, exceptions = [], ...fields } = body
    const record: StationRecord = {
      ...fields,
      coverage: fields.coverage ?? [],
      parentCode: parent.record.code,
      phone: normalizePhone(fields.phone),
    }
    reject(stationRefusal(record, exceptions))
    const taken = await tx.query('SELECT 1 FROM stations WHERE code = $1', [record.code])
    if (taken.rows.length > 0) throw fail('FIELD_INVALID', `站点编码 ${record.code} 已被使用`, 'code')
    const ids = await saveStations(tx, [record], now)
    const id = ids.get(record.code)!
    await replaceExceptions(tx, id, exceptions)
    await recordAudit(tx, {
      at: now,
      actor: auditActor(actor),
      stationId: id,
      entity: 'station',
      entityId: id,
      action: 'create',
      changes: recordChanges(null, record),
      summary: `新建站点「${record.name}」`,
    })
    return view(tx, (await storedStation(tx, id))!)
  })
}

export async function updateStation(ctx: AppContext, actor: Actor, id: string, patch: AdminStationPatch) {
  const now = ctx.clock()
  return changingStations(ctx, async (tx) => {
    const station = await stationInScope(tx, actor, id, { forUpdate: true })
    const { parentId, exceptions, ...fields } = patch
    let parentCode = station.record.parentCode
    if (parentId !== undefined && parentId !== station.parentId) {
      if (!can(actor.staff.role, 'stations.admin')) throw forbidden(capabilityRefusal('stations.admin'))
      if (id === actor.staff.stationId) throw fail('FIELD_INVALID', '您所在站点的上级只能由上级管理员调整', 'parentId')
      const parent = await stationInScope(tx, actor, parentId).catch(() => {
        throw fail('FIELD_INVALID', '上级站点不存在，或不在您的管辖范围内', 'parentId')
      })
      if (await isInSubtree(tx, id, parentId))
        throw fail('FIELD_INVALID', `「${parent.record.name}」在本站之下，不能作为本站的上级`, 'parentId')
      parentCode = parent.record.code
    }
    if (fields.kind !== undefined && fields.kind !== station.record.kind && !can(actor.staff.role, 'stations.admin'))
      throw forbidden(capabilityRefusal('stations.admin'))
    const record: StationRecord = { ...station.record, ...fields, parentCode, phone: normalizePhone(fields.phone ?? station.record.phone) }
    const oldExceptions = await stationExceptionsOf(tx, id)
    reject(stationRefusal(record, exceptions ?? oldExceptions))
    const changes = recordChanges(station.record, record)
    if (changes.length > 0) await saveStations(tx, [record], now)
    if (exceptions !== undefined && JSON.stringify(exceptions) !== JSON.stringify(oldExceptions)) {
      await replaceExceptions(tx, id, exceptions)
      changes.push({ field: '特殊日期', before: oldExceptions, after: exceptions })
    }
    if (changes.length > 0) {
      await recordAudit(tx, {
        at: now,
        actor: auditActor(actor),
        stationId: id,
        entity: 'station',
        entityId: id,
        action: 'update',
        changes,
        summary: `修改站点「${record.name}」`,
      })
    }
    return view(tx, (await storedStation(tx, id))!)
  })
}

/**
 * Closes a station: it leaves resident search and routing at once; its open
 * requests move to the parent's queue (the resident reads why in the
 * timeline); its activities stop taking enrollments and the families holding
 * a place are told through the outbox.
 */
export async function closeStation(ctx: AppContext, actor: Actor, id: string, reason: string) {
  const now = ctx.clock()
  return changingStations(ctx, async (tx) => {
    const station = await stationInScope(tx, actor, id, { forUpdate: true })
    if (station.closedAt) throw fail('CONFLICT', '该站点已经停止服务')
    if (id === actor.staff.stationId) throw fail('CONFLICT', '不能关闭您自己所在的站点')
    if (!station.parentId) throw fail('CONFLICT', '最上级的站点不能关闭')
    const children = await openChildren(tx, id)
    if (children > 0) throw fail('CONFLICT', `该站点下还有 ${children} 个在服务的站点：请先将它们移到其他站点之下，或先关闭它们`)
    const parent = (await storedStation(tx, station.parentId))!
    await setClosed(tx, id, { at: now, reason: reason.trim() }, now)
    const decisionContext = { now, targets: ctx.targets, calendar: ctx.calendar }
    const requests = await openRequestIdsAt(tx, id)
    for (const requestId of requests) {
      const row = (await loadRequest(tx, requestId, { forUpdate: true }))!
      await saveChange(
        tx,
        requestId,
        closedStationMove(
          stateOf(row),
          { name: station.record.name },
          { id: parent.id, name: parent.record.name },
          actor.staff.id,
          decisionContext,
        ),
      )
    }
    const enrollments = await activeEnrollmentsAt(tx, id, now)
    for (const enrollment of enrollments) {
      await enqueue(
        tx,
        enrollment.userId,
        'enrollment_status',
        {
          enrollmentId: enrollment.enrollmentId,
          activity: enrollment.activity,
          status: '站点暂停服务',
          note: '报名保留，活动安排请电话咨询',
        },
        now,
      )
    }
    await recordAudit(tx, {
      at: now,
      actor: auditActor(actor),
      stationId: id,
      entity: 'station',
      entityId: id,
      action: 'close',
      changes: [{ field: '状态', before: '服务中', after: `停止服务：${reason.trim()}` }],
      summary: `关闭站点「${station.record.name}」，${requests.length} 条进行中的求助转至「${parent.record.name}」，通知 ${enrollments.length} 个活动报名`,
    })
    return view(tx, (await storedStation(tx, id))!)
  })
}

export async function reopenStation(ctx: AppContext, actor: Actor, id: string) {
  const now = ctx.clock()
  return changingStations(ctx, async (tx) => {
    const station = await stationInScope(tx, actor, id, { forUpdate: true })
    if (!station.closedAt) throw fail('CONFLICT', '该站点正在服务，无需重新开放')
    if (station.parentId && (await storedStation(tx, station.parentId))?.closedAt)
      throw fail('CONFLICT', '上级站点已停止服务：请先重新开放上级站点')
    await setClosed(tx, id, null, now)
    await recordAudit(tx, {
      at: now,
      actor: auditActor(actor),
      stationId: id,
      entity: 'station',
      entityId: id,
      action: 'reopen',
      changes: [{ field: '状态', before: `停止服务：${station.closedReason ?? ''}`, after: '服务中' }],
      summary: `重新开放站点「${station.record.name}」`,
    })
    return view(tx, (await storedStation(tx, id))!)
  })
}

// ───────────────────────── import and export ─────────────────────────

export type ImportOutcome =
  { ok: true; report: ImportReport } | { ok: false; code: ErrorCode; message: string; report: ImportReport; cause?: string }

/** Reads an uploaded file into its rows: the API's worker thread (services/stationFileReader.ts), or readStationFile here. */
export type StationFileRead = (content: Buffer, filename: string) => Promise<FileRows>

const emptyReport = (dryRun: boolean, problems: string[]): ImportReport => ({
  dryRun,
  applied: false,
  summary: { created: 0, changed: 0, unchanged: 0, errors: 0 },
  problems,
  rows: [],
})

function reportOf(plan: ImportPlan, dryRun: boolean, applied: boolean): ImportReport {
  return { dryRun, applied, summary: plan.summary, problems: [], rows: plan.rows.filter((r) => r.action !== 'unchanged') }
}

/** Reads and plans a file; null scope: the seed (no actor, may create top-level stations). */
export async function planFile(
  db: Queryable,
  content: Buffer,
  filename: string,
  scope: ImportScope | null,
): Promise<{ ok: true; plan: ImportPlan } | { ok: false; code: ErrorCode; problems: string[] }> {
  const read = await readStationFile(content, filename)
  if (!read.ok) return read
  return { ok: true, plan: planImport(read.rows, await storedStationsByCode(db), scope) }
}

/**
 * How the apply's writes are cut. On PGlite the database is WebAssembly
 * running in the API's own thread, and a transaction's statements follow each
 * other without a turn of the event loop: a statement holds the thread for
 * its whole length. So the import writes IMPORT_ROWS_PGLITE rows a statement
 * and lets the event loop turn between two — residents' nearby searches,
 * which read no table, are answered meanwhile — still in one transaction (all
 * or nothing). On PostgreSQL the statements run in another process: few big ones.
 */
const IMPORT_ROWS_PGLITE = 75
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))
const importPace = (db: Database): WritePace => (db.kind === 'pglite' ? { rows: IMPORT_ROWS_PGLITE, between: nextTurn } : BULK)

/** The importing admin's subtree, from every station by code (no second read of the stations). */
function importScope(known: ReadonlyMap<string, StoredStation>, staff: Staff): ImportScope {
  const children = new Map<string, string[]>()
  let rootCode = ''
  for (const station of known.values()) {
    if (station.id === staff.stationId) rootCode = station.record.code
    const parent = station.record.parentCode
    if (!parent) continue
    const siblings = children.get(parent)
    if (siblings) siblings.push(station.record.code)
    else children.set(parent, [station.record.code])
  }
  // A Set visits what is added while it is iterated: every level below the root, once.
  const codes = new Set([rootCode])
  for (const code of codes) for (const child of children.get(code) ?? []) codes.add(child)
  return { rootCode, codes }
}

/**
 * Writes a plan's stations and their audit rows (one per station, one for the
 * import). `before`: the stations by code as the plan saw them, read in the
 * same transaction (read again when not given).
 */
export async function applyPlan(
  tx: Queryable,
  plan: ImportPlan,
  actor: Actor | null,
  at: Date,
  filename: string,
  before?: ReadonlyMap<string, StoredStation>,
  pace: WritePace = BULK,
): Promise<void> {
  if (plan.writes.length === 0) return
  const known = before ?? (await storedStationsByCode(tx))
  const ids = await saveStations(
    tx,
    plan.writes.map((w) => w.record),
    at,
    pace,
  )
  if (!actor) return
  // The audit rows a statement's worth at a time: each station's fields before and after are computed as they are written.
  for (let i = 0; i < plan.writes.length; i += pace.rows) {
    await pace.between()
    await recordAuditBatch(
      tx,
      plan.writes.slice(i, i + pace.rows).map((w) => {
        const id = ids.get(w.record.code)!
        return {
          at,
          actor: auditActor(actor),
          stationId: id,
          entity: 'station' as const,
          entityId: id,
          action: w.action === 'new' ? 'import.create' : 'import.update',
          changes: recordChanges(known.get(w.record.code)?.record ?? null, w.record),
          summary: `导入「${filename}」：${w.action === 'new' ? '新建' : '修改'}站点「${w.record.name}」`,
        }
      }),
      pace,
    )
  }
  await pace.between()
  const summary = plan.summary
  await recordAudit(tx, {
    at,
    actor: auditActor(actor),
    stationId: actor.staff.stationId,
    entity: 'import',
    entityId: null,
    action: 'import',
    summary: `导入「${filename}」：新建 ${summary.created} 个、修改 ${summary.changed} 个、未变 ${summary.unchanged} 个站点`,
  })
}

/**
 * The import: the file is parsed once, before any transaction (thousands of
 * rows are seconds of CPU), by `read` (the API's worker thread); the check
 * plans it against the stations as they are; applying plans it again inside
 * the one transaction that writes it all or nothing, so the transaction holds
 * only the reads, the plan and the writes (on PGlite, its single session is
 * busy only that long).
 */
export async function importStations(
  ctx: AppContext,
  actor: Actor,
  file: { content: Buffer; filename: string },
  dryRun: boolean,
  read: StationFileRead = readStationFile,
): Promise<ImportOutcome> {
  const refusedWith = (code: ErrorCode, problems: string[], report = emptyReport(dryRun, problems)): ImportOutcome & { ok: false } => ({
    ok: false,
    code,
    message: problems[0] ?? '文件有误',
    report,
  })
  const fileRows = await read(file.content, file.filename)
  if (!fileRows.ok) return { ...refusedWith(fileRows.code, fileRows.problems), cause: fileRows.cause }
  const rows = fileRows.rows
  const pace = importPace(ctx.db)
  const planned = async (db: Queryable) => {
    const known = await storedStationsByCode(db, pace)
    await pace.between()
    return { known, plan: planImport(rows, known, importScope(known, actor.staff)) }
  }
  const errorsOf = (plan: ImportPlan) =>
    refusedWith('IMPORT_INVALID', [`${plan.summary.errors} 行有错误，未写入任何站点：请改正后重新上传`], reportOf(plan, dryRun, false))
  // A check, or a file with a wrong row: planned without a transaction (nothing is written).
  if (dryRun || rows.some((r) => r.errors.length > 0)) {
    const { plan } = await planned(ctx.db)
    if (plan.summary.errors > 0) return errorsOf(plan)
    return { ok: true, report: reportOf(plan, dryRun, false) }
  }
  // Apply: planned inside the transaction, against the stations as they are now.
  const outcome = await changingStations(ctx, async (tx) => {
    const { known, plan } = await planned(tx)
    if (plan.summary.errors > 0) return { outcome: errorsOf(plan), wrote: 0 }
    await pace.between()
    await applyPlan(tx, plan, actor, ctx.clock(), file.filename, known, pace)
    return { outcome: { ok: true, report: reportOf(plan, false, true) } as const, wrote: plan.writes.length }
  })
  if (outcome.wrote > 0) {
    await analyzeStations(ctx.db, ctx.db.kind === 'pglite' ? pace : undefined)
    // This instance's residents find the new stations once the admin sees "done" (searches meanwhile: the previous ones).
    await refreshStationIndex(ctx.db)
  }
  return outcome.outcome
}

/** The subtree's stations, parents first, as template rows. */
export async function exportRecords(ctx: AppContext, actor: Actor): Promise<StationRecord[]> {
  return (await storedSubtree(ctx.db, actor.staff.stationId)).map((station) => station.record)
}
