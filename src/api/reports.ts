import type { ReportTrends, StationReportQuery } from '@contract/types'
import { staffHttp } from './client'

/** The supervisors' report's pictures: week by week and by category, for the same period, scope and drill-down as the figures. */
export const fetchReportTrends = (query: StationReportQuery) =>
  staffHttp.get<ReportTrends>('/api/staff/reports/trends', { params: query }).then((r) => r.data)
