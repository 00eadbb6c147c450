/** Stations: the nearby search, the list and the hierarchy, one station's page, the areas a resident picks from. */
import { Type, type TSchema } from '@sinclair/typebox'
import { LIMITS } from '../limits'
import { closed, latitude, LatLngSchema, longitude, nullable, ServiceCategorySchema, StationKindSchema, uuid } from './common'

export const AreaSchema = Type.Object(
  {
    province: Type.String(),
    city: Type.String(),
    district: Type.String(),
    street: nullable(Type.String()),
    community: nullable(Type.String()),
  },
  closed,
)

export const OpeningHoursSchema = Type.Object(
  {
    /** ISO weekdays, 1 = Monday … 7 = Sunday. */
    weekdays: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { minItems: 1, maxItems: 7 }),
    open: Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' }),
    close: Type.String({ pattern: '^([01]\\d|2[0-4]):[0-5]\\d$' }),
  },
  closed,
)

export const BrandProjectSchema = Type.Object(
  {
    name: Type.String(),
    summary: Type.String(),
    items: Type.Array(Type.String(), { description: '项目下的课堂或子项目' }),
  },
  closed,
)

/** A day that differs from the station's ordinary week: a public holiday, a 调休 working day, or the station's own exception. */
export const DayHoursSchema = Type.Object(
  {
    date: Type.String({ description: 'YYYY-MM-DD（北京时间）' }),
    hours: Type.Array(Type.Object({ open: Type.String(), close: Type.String() }, closed), { description: '当天开放时段；空：休息' }),
    note: nullable(Type.String(), { description: '为什么不同：国庆节休息、春节调休上班、本站的原因' }),
  },
  closed,
)

export const StationRefSchema = Type.Object(
  {
    id: uuid(),
    code: Type.String(),
    name: Type.String(),
    kind: StationKindSchema,
  },
  closed,
)

const stationSummaryProperties = {
  id: uuid(),
  code: Type.String(),
  name: Type.String(),
  kind: StationKindSchema,
  parentId: nullable(uuid()),
  area: AreaSchema,
  address: Type.String(),
  location: LatLngSchema,
  phone: Type.String(),
  openingHours: Type.Array(OpeningHoursSchema),
  hoursNote: Type.String(),
  services: Type.Array(ServiceCategorySchema),
  brandProjects: Type.Array(BrandProjectSchema),
  /** The next 14 days that differ from the weekly hours (开放中 / 已休息 follows them). */
  specialDays: Type.Optional(
    Type.Array(DayHoursSchema, { description: '今后 14 天里与每周时间不同的日子（法定节假日、调休、本站的闭站或调整）' }),
  ),
}

export const StationSummarySchema = Type.Object(stationSummaryProperties, closed)

export const NearbyStationSchema = Type.Object(
  {
    ...stationSummaryProperties,
    distanceMeters: Type.Number({ minimum: 0, description: '到所给位置的大圆距离（米）' }),
  },
  closed,
)

export const StationDetailSchema = Type.Object(
  {
    ...stationSummaryProperties,
    intro: Type.String(),
    coverage: Type.Array(Type.String(), { description: '服务范围：站点覆盖的社区和街道（求助按它分派）' }),
    ancestors: Type.Array(StationRefSchema, { description: '上级站点，从市级到直接上级' }),
    children: Type.Array(StationSummarySchema),
  },
  closed,
)

export const NearbyQuerySchema = Type.Object(
  {
    lat: latitude(),
    lng: longitude(),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.nearbyResults, default: LIMITS.nearbyResultsDefault })),
    kind: Type.Optional(StationKindSchema),
    service: Type.Optional(ServiceCategorySchema),
  },
  closed,
)

export const NearbyResponseSchema = Type.Object({ items: Type.Array(NearbyStationSchema) }, closed)

export const StationListQuerySchema = Type.Object(
  {
    parent: Type.Optional(uuid()),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.stationSearch })),
    area: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.areaSearch, description: '行政区划名称，如“金普新区”或“先进街道”' })),
    kind: Type.Optional(StationKindSchema),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.stationResults, default: LIMITS.stationResultsDefault })),
  },
  closed,
)

export const StationListResponseSchema = Type.Object(
  { items: Type.Array(StationSummarySchema), total: Type.Integer({ minimum: 0 }) },
  closed,
)

export interface AreaNodeShape {
  name: string
  level: 'province' | 'city' | 'district' | 'street' | 'community'
  center: { lat: number; lng: number }
  stationCount: number
  children: AreaNodeShape[]
}

/** The area tree has a fixed depth (province → city → district → street → community), spelled out level by level. */
const areaNode = (level: 'province' | 'city' | 'district' | 'street' | 'community', children: TSchema) =>
  Type.Object(
    {
      name: Type.String(),
      level: Type.Literal(level),
      center: LatLngSchema,
      stationCount: Type.Integer({ minimum: 0, description: '该地区内的站点数' }),
      children: Type.Array(children),
    },
    closed,
  )

export const CommunityAreaSchema = areaNode('community', Type.Never())
export const StreetAreaSchema = areaNode('street', CommunityAreaSchema)
export const DistrictAreaSchema = areaNode('district', StreetAreaSchema)
export const CityAreaSchema = areaNode('city', DistrictAreaSchema)
export const ProvinceAreaSchema = areaNode('province', CityAreaSchema)

export const AreasResponseSchema = Type.Object({ items: Type.Array(ProvinceAreaSchema) }, closed)
