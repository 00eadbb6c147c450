import type {
  AdminStation,
  AdminStationCreate,
  AdminStationNode,
  AdminStationPatch,
  CalendarDayBody,
  CalendarYear,
  ImportReport,
} from '@contract/types'
import { staffClient, staffHttp } from './client'

export const fetchStationTree = () => staffHttp.get<{ items: AdminStationNode[] }>('/api/admin/stations').then((r) => r.data.items)
export const fetchAdminStation = (id: string) => staffHttp.get<AdminStation>(`/api/admin/stations/${id}`).then((r) => r.data)
export const createStation = (body: AdminStationCreate) => staffHttp.post<AdminStation>('/api/admin/stations', body).then((r) => r.data)
export const updateStation = (id: string, patch: AdminStationPatch) =>
  staffHttp.patch<AdminStation>(`/api/admin/stations/${id}`, patch).then((r) => r.data)
export const closeStation = (id: string, reason: string) =>
  staffHttp.post<AdminStation>(`/api/admin/stations/${id}/close`, { reason }).then((r) => r.data)
export const reopenStation = (id: string) => staffHttp.post<AdminStation>(`/api/admin/stations/${id}/reopen`, {}).then((r) => r.data)

export const STATION_TEMPLATE_PATH = '/api/admin/stations/template.xlsx'
export const STATION_EXPORT_PATH = '/api/admin/stations/export.xlsx'
/** Uploads a workbook or CSV: a dry run (nothing written) or the import itself. A refused file's report is the error's `details.report`. */
export const importStations = (filePath: string, dryRun: boolean) =>
  staffClient.upload<ImportReport>(`/api/admin/stations/import?dryRun=${dryRun}`, filePath)

export const fetchCalendarYear = (year: number) =>
  staffHttp.get<CalendarYear>('/api/admin/calendar', { params: { year } }).then((r) => r.data)
export const setCalendarDay = (date: string, body: CalendarDayBody) =>
  staffHttp.put<CalendarYear>(`/api/admin/calendar/${date}`, body).then((r) => r.data)
export const clearCalendarDay = (date: string) => staffHttp.delete<CalendarYear>(`/api/admin/calendar/${date}`).then((r) => r.data)
