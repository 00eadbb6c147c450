/**
 * 站点管理 for admins (stations.admin: the subtree of their station) and
 * 站长 (station.edit: their own station's details): the tree, one station,
 * create, edit, move, close, reopen; the template, the import (multipart,
 * part `file`, .xlsx or .csv; dry run by default) and the export.
 */
import multipart from '@fastify/multipart'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { LIMITS } from '../../contract/limits'
import {
  AdminStationCreateSchema,
  AdminStationPatchSchema,
  AdminStationSchema,
  AdminStationTreeSchema,
  ErrorSchema,
  IdParamsSchema,
  ImportErrorSchema,
  ImportReportSchema,
  StationCloseBodySchema,
  StationImportQuerySchema,
} from '../../contract/schemas'
import { badRequest, fail, HTTP_STATUS } from '../errors'
import { createStationFileReader } from '../services/stationFileReader'
import { stationWorkbook, templateWorkbook } from '../services/stationSheet'
import {
  adminStation,
  closeStation,
  createStation,
  exportRecords,
  importStations,
  reopenStation,
  stationTree,
  updateStation,
  type Actor,
} from '../usecases/stationAdmin'

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema }
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const MB = LIMITS.importBytes / 1024 / 1024

const actorOf = (request: FastifyRequest): Actor => ({ staff: request.staff!, name: request.user!.nickname })
/** RFC 5987: a Chinese file name for the download. */
const attachment = (name: string) => `attachment; filename="stations.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`

const adminStations: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app
  await app.register(multipart, { limits: { fileSize: LIMITS.importBytes, files: 1, fields: 2, parts: 3 } })
  // Uploaded files are parsed in a worker thread, so residents' calls go on meanwhile.
  const reader = createStationFileReader({ timeoutMs: ctx.config.importParseTimeoutMs })
  app.addHook('onClose', () => reader.close())
  const admin = { onRequest: app.authorize('stations.admin') }
  const edit = { onRequest: app.authorize('station.edit') }
  const tags = ['站点管理']
  const security = [{ bearer: [] }]

  app.get(
    '/api/admin/stations',
    {
      ...admin,
      schema: {
        tags,
        summary: '管辖范围内的站点（树，父站点在前），含工作人员数和进行中的求助数',
        security,
        response: { 200: AdminStationTreeSchema, ...errors },
      },
    },
    async (request) => stationTree(ctx, actorOf(request)),
  )

  app.post(
    '/api/admin/stations',
    {
      ...admin,
      schema: {
        tags,
        summary: '新建站点（挂在管辖范围内的上级站点之下）',
        security,
        body: AdminStationCreateSchema,
        response: { 201: AdminStationSchema, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await createStation(ctx, actorOf(request), request.body)),
  )

  app.get(
    '/api/admin/stations/template.xlsx',
    {
      ...admin,
      schema: { tags, summary: '站点导入模板（.xlsx，中文列名，一行示例）', security, response: { ...errors } },
    },
    async (_request, reply) => {
      return reply
        .type(XLSX)
        .header('content-disposition', attachment('站点导入模板.xlsx'))
        .send((await templateWorkbook()) as never)
    },
  )

  app.get(
    '/api/admin/stations/export.xlsx',
    {
      ...admin,
      schema: { tags, summary: '导出管辖范围内的站点（与导入模板同一格式）', security, response: { ...errors } },
    },
    async (request, reply) => {
      const records = await exportRecords(ctx, actorOf(request))
      return reply
        .type(XLSX)
        .header('content-disposition', attachment(`站点-${records[0]?.name ?? '导出'}.xlsx`))
        .send((await stationWorkbook(records)) as never)
    },
  )

  app.post(
    '/api/admin/stations/import',
    {
      ...admin,
      schema: {
        tags,
        summary: `导入站点（multipart/form-data，字段名 file；.xlsx 或 UTF-8 的 .csv，不超过 ${MB} MB）：dryRun=true 只检查（默认），dryRun=false 全部写入或全不写入`,
        security,
        querystring: StationImportQuerySchema,
        response: {
          200: ImportReportSchema,
          400: ErrorSchema,
          401: ErrorSchema,
          403: ErrorSchema,
          413: ImportErrorSchema,
          415: ImportErrorSchema,
          422: ImportErrorSchema,
          503: ImportErrorSchema,
        },
      },
    },
    async (request, reply) => {
      const dryRun = request.query.dryRun !== false
      // Every refusal of this route carries the (empty) report, as its schema says.
      const refuseFile = (
        status: 413 | 415 | 422,
        code: 'PAYLOAD_TOO_LARGE' | 'UNSUPPORTED_MEDIA_TYPE' | 'IMPORT_INVALID',
        message: string,
      ) =>
        reply.status(status).send({
          code,
          message,
          field: 'file',
          report: { dryRun, applied: false, summary: { created: 0, changed: 0, unchanged: 0, errors: 0 }, problems: [message], rows: [] },
        })
      if (!request.isMultipart()) return refuseFile(415, 'UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传文件（字段名 file）')
      const file = await request.file().catch((err: Error & { statusCode?: number }) => {
        throw err.statusCode ? err : badRequest('上传的内容格式不正确，请以 multipart/form-data 上传文件')
      })
      if (!file || file.fieldname !== 'file') throw fail('FIELD_INVALID', '没有收到文件（字段名 file）', 'file')
      let content: Buffer
      try {
        content = await file.toBuffer()
      } catch {
        return refuseFile(413, 'PAYLOAD_TOO_LARGE', `文件不能超过 ${MB} MB`)
      }
      const outcome = await importStations(ctx, actorOf(request), { content, filename: file.filename || 'stations' }, dryRun, reader.read)
      if (!outcome.ok) {
        // The reader failed (busy, too slow, its worker lost): 503, try again shortly; the log says why.
        if (outcome.code === 'UNAVAILABLE') {
          request.log.warn({ cause: outcome.cause }, 'station file not read')
          void reply.header('retry-after', '5')
        }
        return reply
          .status(HTTP_STATUS[outcome.code] as 413 | 415 | 422 | 503)
          .send({ code: outcome.code, message: outcome.message, field: 'file', report: outcome.report })
      }
      return outcome.report
    },
  )

  app.get(
    '/api/admin/stations/:id',
    {
      ...edit,
      schema: {
        tags,
        summary: '一个站点的全部信息（管理员：管辖范围内；站长：本站）',
        security,
        params: IdParamsSchema,
        response: { 200: AdminStationSchema, ...errors },
      },
    },
    async (request) => adminStation(ctx, actorOf(request), request.params.id),
  )

  app.patch(
    '/api/admin/stations/:id',
    {
      ...edit,
      schema: {
        tags,
        summary: '修改站点（居民立即看到）；改上级站点或层级仅限管理员',
        security,
        params: IdParamsSchema,
        body: AdminStationPatchSchema,
        response: { 200: AdminStationSchema, ...errors },
      },
    },
    async (request) => updateStation(ctx, actorOf(request), request.params.id, request.body),
  )

  app.post(
    '/api/admin/stations/:id/close',
    {
      ...admin,
      schema: {
        tags,
        summary: '关闭站点：从居民搜索和分派中移除，进行中的求助转至上级站点，活动停止报名并通知已报名的家庭',
        security,
        params: IdParamsSchema,
        body: StationCloseBodySchema,
        response: { 200: AdminStationSchema, ...errors },
      },
    },
    async (request) => closeStation(ctx, actorOf(request), request.params.id, request.body.reason),
  )

  app.post(
    '/api/admin/stations/:id/reopen',
    {
      ...admin,
      schema: { tags, summary: '重新开放站点', security, params: IdParamsSchema, response: { 200: AdminStationSchema, ...errors } },
    },
    async (request) => reopenStation(ctx, actorOf(request), request.params.id),
  )
}

export default adminStations
