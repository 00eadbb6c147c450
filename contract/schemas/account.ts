/** 个人信息: consents per purpose and version, and the export of everything held about a resident. */
import { Type } from '@sinclair/typebox'
import { CONSENT_PURPOSES } from '../consents'
import { LIMITS } from '../limits'
import { EnrollmentSchema, FamilyMemberSchema } from './activities'
import { closed, dateTime, literalUnion, nullable, text, UserRoleSchema, uuid } from './common'
import { BookingSchema } from './bookings'
import { HelpRequestSchema } from './requests'

// ── consents (授权与同意): GET / POST /api/me/consents ──
// Per purpose: the current version of its text, what the resident last agreed
// to and when, and whether that was withdrawn. Purposes and versions:
// contract/consents.ts.

export const ConsentPurposeSchema = literalUnion(CONSENT_PURPOSES, '同意的用途')

export const ConsentStatusSchema = Type.Object(
  {
    purpose: ConsentPurposeSchema,
    label: Type.String(),
    currentVersion: Type.String({ description: '这项用途说明的当前版本' }),
    agreedVersion: nullable(Type.String({ description: '最近一次同意的版本；从未同意为空' })),
    agreedAt: nullable(dateTime()),
    withdrawn: Type.Boolean({ description: '最近一次的决定是撤回' }),
    withdrawnAt: nullable(dateTime()),
    needsConsent: Type.Boolean({ description: '没有同意当前版本（从未同意、版本已更新或已撤回）' }),
    canWithdraw: Type.Boolean({ description: '现在可以在这里撤回' }),
  },
  closed,
)
export const ConsentListSchema = Type.Object({ items: Type.Array(ConsentStatusSchema) }, closed)

export const ConsentBodySchema = Type.Object(
  {
    purpose: ConsentPurposeSchema,
    /** The version of the text the resident read: must be the current one. */
    version: text(LIMITS.consentVersion, 1),
    /** true: agree; false: withdraw. */
    granted: Type.Boolean(),
  },
  closed,
)

export const AccountExportSchema = Type.Object(
  {
    exportedAt: dateTime(),
    user: Type.Object({ id: uuid(), nickname: Type.String(), role: UserRoleSchema, createdAt: dateTime() }, closed),
    consents: Type.Array(
      Type.Object({ purpose: Type.String(), version: Type.String(), granted: Type.Boolean(), grantedAt: dateTime() }, closed),
    ),
    family: Type.Array(FamilyMemberSchema),
    requests: Type.Array(HelpRequestSchema),
    enrollments: Type.Array(EnrollmentSchema),
    /** Each booking with the birth date given for its age rule (kept, sealed, to check the rule again when it moves). */
    bookings: Type.Array(Type.Composite([BookingSchema, Type.Object({ personBirthDate: nullable(Type.String()) })])),
    photos: Type.Array(Type.Object({ id: uuid(), mime: Type.String(), size: Type.Integer(), createdAt: dateTime() }, closed)),
  },
  { ...closed, description: '平台保存的关于我和我管理的家人的全部个人信息' },
)
