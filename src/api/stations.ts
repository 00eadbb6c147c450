import type { AreasResponse, NearbyResponse, ServiceCategory, StationDetail, StationKind, StationListResponse } from '@contract/types'
import { http } from './client'

export interface NearbyParams {
  lat: number
  lng: number
  limit?: number
  kind?: StationKind
  service?: ServiceCategory
}

export const fetchNearby = (params: NearbyParams) => http.get<NearbyResponse>('/api/stations/nearby', { params }).then((r) => r.data.items)

export const fetchStation = (id: string) => http.get<StationDetail>(`/api/stations/${id}`).then((r) => r.data)

export const searchStations = (params: { parent?: string; q?: string; area?: string; limit?: number }) =>
  http.get<StationListResponse>('/api/stations', { params }).then((r) => r.data)

export const fetchAreas = () => http.get<AreasResponse>('/api/areas').then((r) => r.data.items)
