/**
 * The workbench's 站点管理 (admins; a 站长 edits their own station): the tree
 * of the subtree, one station with every field, create, edit, move, close and
 * reopen; the import's report; the holiday calendar an admin maintains.
 */
import { Type } from '@sinclair/typebox'
import { LIMITS } from '../limits'
import {
  closed,
  date,
  dateTime,
  ErrorSchema,
  LatLngSchema,
  literalUnion,
  nullable,
  ServiceCategorySchema,
  StationKindSchema,
  text,
  uuid,
} from './common'
import { AreaSchema, BrandProjectSchema, OpeningHoursSchema } from './stations'

const code = () =>
  Type.String({
    minLength: 1,
    maxLength: LIMITS.stationCode,
    pattern: '^[A-Za-z0-9][A-Za-z0-9_-]*$',
    description: '站点编码（导入按它匹配站点）',
  })

const HoursRangeSchema = Type.Object(
  { open: Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' }), close: Type.String({ pattern: '^([01]\\d|2[0-4]):[0-5]\\d$' }) },
  closed,
)

/** A station closed, or open at other hours, for a date range (春节闭站): `hours` empty means closed. */
export const StationExceptionSchema = Type.Object(
  {
    from: date(),
    to: date(),
    hours: Type.Array(HoursRangeSchema, { maxItems: 4 }),
    reason: text(LIMITS.exceptionReason, 1),
  },
  closed,
)

/** 服务范围: communities and streets of the station's district it also covers; routing sends their requests to it. */
const coverage = () =>
  Type.Array(text(LIMITS.streetName, 1), {
    maxItems: LIMITS.coverageAreas,
    uniqueItems: true,
    description: '服务范围：本站还负责的本区县社区、街道名称；这些地方的求助先交给本站',
  })

/** Everything a resident sees of a station, as the admin edits it. */
const stationFields = {
  name: text(LIMITS.stationName, 1),
  kind: StationKindSchema,
  area: AreaSchema,
  address: text(LIMITS.address, 1),
  location: LatLngSchema,
  phone: text(LIMITS.phone, 1),
  services: Type.Array(ServiceCategorySchema, { minItems: 1, uniqueItems: true }),
  intro: text(LIMITS.stationIntro),
  openingHours: Type.Array(OpeningHoursSchema, { maxItems: 14 }),
  hoursNote: text(LIMITS.hoursNote),
  brandProjects: Type.Array(BrandProjectSchema, { maxItems: 5 }),
}

/** One station as the spreadsheet holds it: what server/seed/stations.csv is checked against. */
export const StationRecordSchema = Type.Object(
  { code: code(), parentCode: nullable(code()), ...stationFields, coverage: coverage() },
  closed,
)

export const AdminStationSchema = Type.Object(
  {
    id: uuid(),
    code: Type.String(),
    parentId: nullable(uuid()),
    parentName: nullable(Type.String()),
    ...stationFields,
    coverage: coverage(),
    closed: nullable(Type.Object({ at: dateTime(), reason: Type.String() }, closed)),
    exceptions: Type.Array(StationExceptionSchema),
    updatedAt: dateTime(),
  },
  closed,
)

export const AdminStationCreateSchema = Type.Object(
  {
    code: code(),
    parentId: uuid(),
    ...stationFields,
    coverage: Type.Optional(coverage()),
    exceptions: Type.Optional(Type.Array(StationExceptionSchema, { maxItems: 20 })),
  },
  closed,
)

export const AdminStationPatchSchema = Type.Partial(
  Type.Object({
    parentId: uuid(),
    ...stationFields,
    coverage: coverage(),
    exceptions: Type.Array(StationExceptionSchema, { maxItems: 20 }),
  }),
  { ...closed, minProperties: 1 },
)

export const StationCloseBodySchema = Type.Object({ reason: text(LIMITS.exceptionReason, 1) }, closed)

export const AdminStationNodeSchema = Type.Object(
  {
    id: uuid(),
    code: Type.String(),
    name: Type.String(),
    kind: StationKindSchema,
    parentId: nullable(uuid()),
    depth: Type.Integer({ minimum: 0, description: '在管辖范围内的层数，本站为 0' }),
    closed: Type.Boolean(),
    staffCount: Type.Integer({ minimum: 0 }),
    openRequests: Type.Integer({ minimum: 0 }),
  },
  closed,
)

export const AdminStationTreeSchema = Type.Object(
  { items: Type.Array(AdminStationNodeSchema, { description: '管辖范围内的站点，父站点在前' }) },
  closed,
)

export const StationImportQuerySchema = Type.Object(
  { dryRun: Type.Optional(Type.Boolean({ default: true, description: 'true：只检查，不写入（默认）' })) },
  closed,
)

export const ImportRowSchema = Type.Object(
  {
    row: Type.Integer({ minimum: 2, description: '文件中的行号（表头是第 1 行）' }),
    code: Type.String(),
    name: Type.String(),
    action: literalUnion(['new', 'changed', 'unchanged', 'error'] as const),
    changes: Type.Array(Type.String(), { description: '有变化的列' }),
    errors: Type.Array(Type.String()),
  },
  closed,
)

export const ImportReportSchema = Type.Object(
  {
    dryRun: Type.Boolean(),
    applied: Type.Boolean(),
    summary: Type.Object({ created: Type.Integer(), changed: Type.Integer(), unchanged: Type.Integer(), errors: Type.Integer() }, closed),
    /** Problems with the file as a whole (not a spreadsheet, headers, formulas…). */
    problems: Type.Array(Type.String()),
    /** Every row that is new, changed or wrong (unchanged rows are only counted). */
    rows: Type.Array(ImportRowSchema),
  },
  closed,
)

/** A refused import: the error, and the report saying what is wrong. */
export const ImportErrorSchema = Type.Object({ ...ErrorSchema.properties, report: ImportReportSchema }, closed)

// ───────────────────────── the holiday calendar ─────────────────────────

export const CalendarDayEntrySchema = Type.Object(
  {
    date: date(),
    kind: literalUnion(['holiday', 'workday'] as const, 'holiday：放假；workday：调休上班'),
    name: Type.String(),
    source: literalUnion(['package', 'admin'] as const, 'package：chinese-days 数据；admin：管理员录入'),
  },
  closed,
)

export const CalendarYearQuerySchema = Type.Object({ year: Type.Integer({ minimum: 2004, maximum: 2100 }) }, closed)

export const CalendarYearSchema = Type.Object(
  {
    year: Type.Integer(),
    /** The last year the shipped data covers; later years need the admin's dates. */
    shippedThroughYear: Type.Integer(),
    days: Type.Array(CalendarDayEntrySchema),
    canEdit: Type.Boolean(),
  },
  closed,
)

export const CalendarDateParamsSchema = Type.Object({ date: date() }, closed)

export const CalendarDayBodySchema = Type.Object(
  { kind: literalUnion(['holiday', 'workday'] as const), name: text(LIMITS.holidayName, 1) },
  closed,
)
