/**
 * Demo bookable services, from the stations' own words in ../shared/seeds:
 * 先进街道「周六上午开放预约服务」; 民馨社区「社工外出入户探访时请先电话预约」
 * and its parents' 心理辅导; 新安江街道's 个案工作室、小组工作室、多功能空间;
 * 工力电气驿站「工作日午间及下班后可预约谈心」. Created when their code is
 * missing; a station's later edits to them are kept.
 */
import type { Database } from '../db'
import { serviceRefusal } from '../../domain/booking'
import type { WeeklyHours } from '../../domain/calendar'
import { upsertService, type ServiceFields } from '../repositories/bookings'

const WORKDAYS = [1, 2, 3, 4, 5]

export interface SeedBookable {
  code: string
  stationCode: string
  fields: Omit<
    ServiceFields,
    'active' | 'audience' | 'minAge' | 'maxAge' | 'horizonDays' | 'cutoffMinutes' | 'perPersonPerDay' | 'workerName'
  > &
    Partial<Pick<ServiceFields, 'audience' | 'minAge' | 'maxAge' | 'horizonDays' | 'cutoffMinutes' | 'perPersonPerDay' | 'workerName'>>
}

const weekly = (weekdays: number[], open: string, close: string): WeeklyHours => ({ weekdays, open, close })

export const SEED_BOOKABLE: SeedBookable[] = [
  {
    code: 'BK-XJ-POLICY-SAT',
    stationCode: 'DL-JP-XJ',
    fields: {
      name: '政策咨询（周六上午）',
      description: '社会救助、养老服务、困境儿童保障等民政政策当面咨询。周六上午开放预约服务，请带上身份证和相关材料。',
      kind: 'talk',
      category: 'policy',
      durationMinutes: 30,
      capacity: 1,
      availability: [weekly([6], '09:00', '11:30')],
    },
  },
  {
    code: 'BK-XJ-PSY',
    stationCode: 'DL-JP-XJ',
    fields: {
      name: '心理疏导谈心',
      description: '一对一谈心，社工倾听、疏导情绪，必要时转介专业心理咨询。内容严格保密。',
      kind: 'talk',
      category: 'psychological',
      durationMinutes: 60,
      capacity: 1,
      availability: [weekly(WORKDAYS, '09:00', '11:00'), weekly(WORKDAYS, '14:00', '17:00')],
      workerName: '李社工',
    },
  },
  {
    code: 'BK-MX-PSY',
    stationCode: 'DL-JP-XJ-MX',
    fields: {
      name: '心理疏导谈心',
      description: '驻站社工一对一谈心，困境儿童家长心理辅导、长辈情绪疏导。内容严格保密，可为家人代约。',
      kind: 'talk',
      category: 'psychological',
      durationMinutes: 60,
      capacity: 1,
      availability: [weekly(WORKDAYS, '09:00', '11:00'), weekly(WORKDAYS, '14:00', '17:00')],
      workerName: '刘社工',
    },
  },
  {
    code: 'BK-MX-VISIT',
    stationCode: 'DL-JP-XJ-MX',
    fields: {
      name: '入户探访',
      description: '社工上门看望独居、高龄、行动不便的长辈。社工外出入户探访时请先预约，社工会在约定的时间段内到达。',
      kind: 'home_visit',
      category: 'elderly_care',
      audience: 'elderly',
      durationMinutes: 120,
      capacity: 1,
      cutoffMinutes: 24 * 60,
      availability: [weekly(WORKDAYS, '13:30', '17:30')],
    },
  },
  {
    code: 'BK-XAJ-CASE',
    stationCode: 'JD-XAJ',
    fields: {
      name: '个案工作室',
      description: '安静私密的个案工作室，社工与居民一对一面谈使用。',
      kind: 'room',
      category: 'psychological',
      durationMinutes: 60,
      capacity: 1,
      availability: [weekly(WORKDAYS, '09:00', '11:00'), weekly(WORKDAYS, '14:00', '17:00')],
    },
  },
  {
    code: 'BK-XAJ-GROUP',
    stationCode: 'JD-XAJ',
    fields: {
      name: '小组工作室',
      description: '可容纳 12 人的小组活动室，适合互助小组、兴趣小组。按人预约座位。',
      kind: 'room',
      category: 'community_governance',
      durationMinutes: 120,
      capacity: 12,
      availability: [weekly(WORKDAYS, '09:00', '11:00'), weekly(WORKDAYS, '14:00', '16:00')],
    },
  },
  {
    code: 'BK-XAJ-HALL',
    stationCode: 'JD-XAJ',
    fields: {
      name: '多功能空间',
      description: '500 余平方米综合服务活动空间中的多功能空间，居民团队排练、议事、讲座可预约使用。',
      kind: 'room',
      category: 'community_governance',
      durationMinutes: 120,
      capacity: 1,
      availability: [weekly(WORKDAYS, '09:00', '11:00'), weekly(WORKDAYS, '14:00', '16:00')],
    },
  },
  {
    code: 'BK-GL-TALK',
    stationCode: 'WY-TQ-GL',
    fields: {
      name: '员工谈心',
      description: '面向企业员工，工作日午间及下班后可预约谈心：情绪管理、工作压力、子女教育等。',
      kind: 'talk',
      category: 'employee',
      audience: 'all',
      durationMinutes: 30,
      capacity: 1,
      cutoffMinutes: 60,
      availability: [weekly(WORKDAYS, '12:00', '13:00'), weekly(WORKDAYS, '18:00', '19:30')],
    },
  },
]

export async function seedBookable(db: Database): Promise<number> {
  return db.transaction(async (tx) => {
    const { rows: existing } = await tx.query<{ code: string }>('SELECT code FROM bookable_services WHERE code = ANY($1::text[])', [
      SEED_BOOKABLE.map((b) => b.code),
    ])
    const taken = new Set(existing.map((r) => r.code))
    for (const seed of SEED_BOOKABLE) {
      if (taken.has(seed.code)) continue
      const { rows } = await tx.query<{ id: string; opening_hours: WeeklyHours[] }>(
        'SELECT id, opening_hours FROM stations WHERE code = $1',
        [seed.stationCode],
      )
      const station = rows[0]
      if (!station) throw new Error(`seed bookable ${seed.code}: no station ${seed.stationCode}`)
      const fields: ServiceFields = {
        audience: 'all',
        minAge: null,
        maxAge: null,
        horizonDays: 14,
        cutoffMinutes: 120,
        perPersonPerDay: 1,
        workerName: null,
        active: true,
        ...seed.fields,
      }
      const problem = serviceRefusal(fields, station.opening_hours)
      if (problem) throw new Error(`seed bookable ${seed.code}: ${problem.message}`)
      await upsertService(tx, station.id, fields, seed.code)
    }
    return SEED_BOOKABLE.length
  })
}
