/**
 * What every part of the API contract shares: the building blocks of the
 * schemas, the error body, ids, positions, the user and the session.
 */
import { Type, type SchemaOptions, type Static, type TSchema, type TUnsafe } from '@sinclair/typebox'
import { AREA_LEVELS, ERROR_CODES, SERVICE_CATEGORIES, STATION_KINDS, USER_ROLES } from '../enums'
import { LIMITS } from '../limits'

/**
 * One of `values`, as `{ type: 'string', enum }`. Not an anyOf of literals: for an anyOf, fast-json-stringify
 * runs an ajv validator per branch on every value it writes (and compiles each on its first use), so every
 * status and category in every answer cost a validation; a plain enum is written as a string.
 */
export function literalUnion<const T extends string>(values: readonly T[], description?: string): TUnsafe<T> {
  return Type.Unsafe<T>({ type: 'string', enum: [...values], ...(description ? { description } : {}) })
}

/**
 * `t` or null, as `type: [t's type, 'null']` rather than an anyOf with null, for the same reason as
 * literalUnion: fast-json-stringify writes a type list with `typeof` checks, an anyOf with a validator.
 */
export function nullable<T extends TSchema>(t: T, options: SchemaOptions = {}): TUnsafe<Static<T> | null> {
  const { $id: _id, ...schema } = t as TSchema & { type?: unknown; enum?: unknown[] }
  if (typeof schema.type !== 'string') return Type.Unsafe<Static<T> | null>(Type.Union([t, Type.Null()], options))
  return Type.Unsafe<Static<T> | null>({
    ...schema,
    ...options,
    type: [schema.type, 'null'],
    ...(schema.enum ? { enum: [...schema.enum, null] } : {}),
  })
}

/** Unknown fields are refused, never dropped. */
export const closed = { additionalProperties: false } as const

export const uuid = () => Type.String({ format: 'uuid' })
export const text = (maxLength: number, minLength = 0) => Type.String({ minLength, maxLength })
export const dateTime = () => Type.String({ format: 'date-time' })
export const date = () => Type.String({ format: 'date', description: 'YYYY-MM-DD' })
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
    database: literalUnion(['pglite', 'postgres']),
    version: Type.String(),
  },
  closed,
)

export const OkResponseSchema = Type.Object({ ok: Type.Literal(true) }, closed)
