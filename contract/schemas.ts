/**
 * The API contract as TypeBox schemas: the server validates requests and
 * serializes responses with them, and `types.ts` derives the TypeScript types
 * the mini-program uses (type-only, so none of this reaches the app bundle).
 */
import { Type, type TLiteral, type TSchema, type TUnion } from '@sinclair/typebox'
import { SERVICE_CATEGORIES, STATION_KINDS, AREA_LEVELS, USER_ROLES } from './enums'

function literalUnion<T extends string>(values: readonly T[], description?: string): TUnion<TLiteral<T>[]> {
  return Type.Union(
    values.map((v) => Type.Literal(v)),
    description ? { description } : {},
  )
}

const closed = { additionalProperties: false } as const

export const StationKindSchema = literalUnion(STATION_KINDS, '站点类型')
export const ServiceCategorySchema = literalUnion(SERVICE_CATEGORIES, '服务类别')
export const AreaLevelSchema = literalUnion(AREA_LEVELS, '行政区划层级')
export const UserRoleSchema = literalUnion(USER_ROLES, '用户角色')

export const ErrorSchema = Type.Object(
  {
    code: Type.String({ description: '机器可读的错误码' }),
    message: Type.String({ description: '给居民看的中文说明' }),
  },
  { ...closed, $id: 'Error' },
)

export const LatLngSchema = Type.Object(
  {
    lat: Type.Number({ minimum: -90, maximum: 90, description: '纬度（GCJ-02）' }),
    lng: Type.Number({ minimum: -180, maximum: 180, description: '经度（GCJ-02）' }),
  },
  closed,
)

export const AreaSchema = Type.Object(
  {
    province: Type.String(),
    city: Type.String(),
    district: Type.String(),
    street: Type.Union([Type.String(), Type.Null()]),
    community: Type.Union([Type.String(), Type.Null()]),
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

export const StationRefSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    code: Type.String(),
    name: Type.String(),
    kind: StationKindSchema,
  },
  closed,
)

const stationSummaryProperties = {
  id: Type.String({ format: 'uuid' }),
  code: Type.String(),
  name: Type.String(),
  kind: StationKindSchema,
  parentId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  area: AreaSchema,
  address: Type.String(),
  location: LatLngSchema,
  phone: Type.String(),
  openingHours: Type.Array(OpeningHoursSchema),
  hoursNote: Type.String(),
  services: Type.Array(ServiceCategorySchema),
  brandProjects: Type.Array(BrandProjectSchema),
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
    ancestors: Type.Array(StationRefSchema, { description: '上级站点，从市级到直接上级' }),
    children: Type.Array(StationSummarySchema),
  },
  closed,
)

export const NearbyQuerySchema = Type.Object(
  {
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    lng: Type.Number({ minimum: -180, maximum: 180 }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    kind: Type.Optional(StationKindSchema),
    service: Type.Optional(ServiceCategorySchema),
  },
  closed,
)

export const NearbyResponseSchema = Type.Object(
  { items: Type.Array(NearbyStationSchema) },
  closed,
)

export const StationListQuerySchema = Type.Object(
  {
    parent: Type.Optional(Type.String({ format: 'uuid' })),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
    area: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: '行政区划名称，如“金普新区”或“先进街道”' })),
    kind: Type.Optional(StationKindSchema),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  closed,
)

export const StationListResponseSchema = Type.Object(
  { items: Type.Array(StationSummarySchema), total: Type.Integer({ minimum: 0 }) },
  closed,
)

export const IdParamsSchema = Type.Object({ id: Type.String({ format: 'uuid' }) }, closed)

export interface AreaNodeShape {
  name: string
  level: 'province' | 'city' | 'district' | 'street'
  center: { lat: number; lng: number }
  stationCount: number
  children: AreaNodeShape[]
}

/** The area tree has a fixed depth (province → city → district → street), spelled out level by level. */
const areaNode = (level: 'province' | 'city' | 'district' | 'street', children: TSchema) =>
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

export const StreetAreaSchema = areaNode('street', Type.Never())
export const DistrictAreaSchema = areaNode('district', StreetAreaSchema)
export const CityAreaSchema = areaNode('city', DistrictAreaSchema)
export const ProvinceAreaSchema = areaNode('province', CityAreaSchema)

export const AreasResponseSchema = Type.Object(
  { items: Type.Array(ProvinceAreaSchema) },
  closed,
)

export const UserSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    nickname: Type.String(),
    role: UserRoleSchema,
  },
  closed,
)

export const WechatLoginBodySchema = Type.Object(
  { code: Type.String({ minLength: 1, maxLength: 128, description: 'Taro.login 返回的 code' }) },
  closed,
)

export const DevLoginBodySchema = Type.Object(
  { nickname: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })) },
  closed,
)

export const SessionSchema = Type.Object(
  {
    token: Type.String(),
    expiresAt: Type.String({ format: 'date-time' }),
    user: UserSchema,
  },
  closed,
)

export const MeResponseSchema = Type.Object({ user: UserSchema }, closed)

export const HealthResponseSchema = Type.Object(
  {
    status: Type.Literal('ok'),
    database: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]),
    version: Type.String(),
  },
  closed,
)

export const OkResponseSchema = Type.Object({ ok: Type.Literal(true) }, closed)
