import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  AreasResponseSchema,
  ErrorSchema,
  IdParamsSchema,
  NearbyQuerySchema,
  NearbyResponseSchema,
  StationDetailSchema,
  StationListQuerySchema,
  StationListResponseSchema,
} from '../../contract/schemas'
import { notFound } from '../errors'
import { getStation, listAreas, listStations } from '../repositories/stations'
import { withSpecialDays } from '../services/stationDays'
import { heldSpecialDays, nearbyStations, warmStationIndex } from '../services/stationIndex'

const errors = { 400: ErrorSchema, 404: ErrorSchema }

const stations: FastifyPluginAsyncTypebox = async (app) => {
  // The first resident's search should not be the one that reads every station.
  app.addHook('onReady', () => warmStationIndex(app.ctx.db))

  app.get(
    '/api/stations/nearby',
    {
      schema: {
        tags: ['社工站'],
        summary: '附近的社工站，按大圆距离由近到远（精确排序，内存中的最近点索引）',
        querystring: NearbyQuerySchema,
        response: { 200: NearbyResponseSchema, ...errors },
      },
    },
    async (request) => {
      const { lat, lng, limit = 20, kind, service } = request.query
      const now = app.ctx.clock()
      const found = await nearbyStations(app.ctx.db, { lat, lng, limit, kind, service })
      return {
        items: found.map(({ station, distanceMeters }) => ({
          ...station.summary,
          distanceMeters,
          specialDays: heldSpecialDays(app.ctx.calendar, now, station),
        })),
      }
    },
  )

  app.get(
    '/api/stations',
    {
      schema: {
        tags: ['社工站'],
        summary: '浏览层级（parent）与按名称、社区或地区搜索',
        querystring: StationListQuerySchema,
        response: { 200: StationListResponseSchema, ...errors },
      },
    },
    async (request) => {
      const { parent, q, area, kind, limit = 50 } = request.query
      const list = await listStations(app.ctx.db, { parent, q: q?.trim() || undefined, area, kind, limit })
      return { ...list, items: await withSpecialDays(app.ctx, list.items) }
    },
  )

  app.get(
    '/api/stations/:id',
    {
      schema: {
        tags: ['社工站'],
        summary: '站点详情，含上级站点（面包屑）与下级站点',
        params: IdParamsSchema,
        response: { 200: StationDetailSchema, ...errors },
      },
    },
    async (request) => {
      const station = await getStation(app.ctx.db, request.params.id)
      if (!station) throw notFound('没有找到这个社工站，它可能已调整或撤并')
      const [self] = await withSpecialDays(app.ctx, [station])
      return { ...self!, children: await withSpecialDays(app.ctx, station.children) }
    },
  )

  app.get(
    '/api/areas',
    {
      schema: {
        tags: ['社工站'],
        summary: '有社工站的行政区划（省 → 市 → 区县 → 街镇），供手动选择地区',
        response: { 200: AreasResponseSchema },
      },
    },
    async () => ({ items: await listAreas(app.ctx.db) }),
  )
}

export default stations
