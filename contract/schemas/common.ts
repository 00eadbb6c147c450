/**
 * What every part of the API contract shares: the building blocks of the
 * schemas, the error body, ids, positions, the user and the session.
 */
import { Type, type TLiteral, type TSchema, type TUnion } from '@sinclair/typebox'
import { AREA_LEVELS, ERROR_CODES, SERVICE_CATEGORIES, STATION_KINDS, USER_ROLES } from '../enums'
import { LIMITS } from '../limits'

export function literalUnion<T extends string>(values: readonly T[], description?: string): TUnion<TLiteral<T>[]> {
  return Type.Union(
    values.map((v) => Type.Literal(v)),
    description ? { description } : {},
  )
}

/** Unknown fields are refused, never dropped. */
export const closed = { additionalProperties: false } as const

export const uuid = () => Type.String({ format: 'uuid' })
export const text = (maxLength: number, minLength = 0) => Type.String({ minLength, maxLength })
export const dateTime = () => Type.String({ format: 'date-time' })
export const date = () => Type.String({ format: 'date', description: 'YYYY-MM-DD' })
export const nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()])
/** Degrees of latitude and longitude (GCJ-02). */
export const latitude = (description?: string) => Type.Number({ minimum: -90, maximum: 90, ...(description ? { description } : {}) })
export const longitude = (description?: string) => Type.Number({ minimum: -180, maximum: 180, ...(description ? { description } : {}) })

export const StationKindSchema = literalUnion(STATION_KINDS, '站点类型')
export const ServiceCategorySchema = literalUnion(SERVICE_CATEGORIES, '服务类别')
export const AreaLevelSchema = literalUnion(AREA_LEVELS, '行政区划层级')
export const UserRoleSchema = literalUnion(USER_ROLES, '用户角色')

export const ErrorSchema = Type.Object(
  {
    code: literalUnion(ERROR_CODES, '错误码'),
    message: Type.String({ description: '给居民看的中文说明' }),
    field: Type.Optional(Type.String({ description: '出错的输入项（请求内容或查询参数中的路径，如 contactPhone、helped.phone）' })),
  },
  { ...closed, $id: 'Error' },
)

export const LatLngSchema = Type.Object(
  {
    lat: latitude('纬度（GCJ-02）'),
    lng: longitude('经度（GCJ-02）'),
  },
  closed,
)

export const IdParamsSchema = Type.Object({ id: uuid() }, closed)

export const UserSchema = Type.Object(
  {
    id: uuid(),
    nickname: Type.String(),
    role: UserRoleSchema,
  },
  closed,
)

export const WechatLoginBodySchema = Type.Object(
  { code: Type.String({ minLength: 1, maxLength: LIMITS.loginCode, description: 'Taro.login 返回的 code' }) },
  closed,
)

export const DevLoginBodySchema = Type.Object(
  { nickname: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.nickname })) },
  closed,
)

export const SessionSchema = Type.Object(
  {
    token: Type.String(),
    expiresAt: dateTime(),
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
