/** The pictures of the supervisors' report (issue 16, item 8): week by week, and the mix of categories. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorSchema, ReportTrendsSchema, StationReportQuerySchema } from '../../contract/schemas'
import { stationTrends } from '../usecases/reportTrends'

const reportTrendRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app
  app.get(
    '/api/staff/reports/trends',
    {
      onRequest: app.authorize('reports.view'),
      schema: {
        tags: ['工作台·报表'],
        summary: '督导报表的趋势图：所辖站点每周收到与办结的求助、按时受理率、满意度，以及求助类别构成',
        security: [{ bearer: [] }],
        querystring: StationReportQuerySchema,
        response: { 200: ReportTrendsSchema, 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request) => stationTrends(ctx, request.staff!, request.query),
  )
}

export default reportTrendRoutes
