/**
 * A province's worth of generated stations for the import at scale: the
 * benchmark (bench/import.ts) and the 站点管理 page's large-tree test
 * (test/e2e/station-tree-large.test.ts) use the same ones.
 */
import { SERVICE_CATEGORIES, type ServiceCategory } from '../contract/enums'
import type { OpeningHours } from '../contract/types'
import type { StationRecord } from '../domain/stationSheet'

export const PROVINCE_STATIONS = 5000
const DISTRICTS = 20
const STREETS_PER_DISTRICT = 12

const WEEKDAYS: OpeningHours[] = [
  { weekdays: [1, 2, 3, 4, 5], open: '08:30', close: '11:30' },
  { weekdays: [1, 2, 3, 4, 5], open: '13:30', close: '17:30' },
]
const HOURS: OpeningHours[][] = [
  WEEKDAYS,
  [...WEEKDAYS, { weekdays: [6], open: '09:00', close: '11:30' }],
  [{ weekdays: [1, 2, 3, 4, 5], open: '09:00', close: '17:00' }],
]
/** 2 to 4 service categories, varying from station to station. */
const servicesOf = (n: number): ServiceCategory[] =>
  Array.from({ length: 2 + (n % 3) }, (_, k) => SERVICE_CATEGORIES[(n + k * 3) % SERVICE_CATEGORIES.length]!)
const round = (x: number) => Math.round(x * 1e5) / 1e5

/**
 * A province's worth of stations under 大连市社工站指导中心 (DL), the city
 * admin's subtree: 20 district stations, 12 street stations in each, and the
 * rest community rooms spread over the streets (about 20 per street), each
 * with its own code, coordinates in Liaoning, phone, hours, services and
 * 服务范围, a few with a brand project. Parents come before their children.
 */
export function provinceStations(total = PROVINCE_STATIONS): StationRecord[] {
  const area = { province: '辽宁省', city: '大连市' }
  let n = 0
  const station = (s: Omit<StationRecord, 'phone' | 'services' | 'openingHours' | 'hoursNote' | 'brandProjects'>): StationRecord => {
    n++
    return {
      ...s,
      phone: `0411-8${String(n).padStart(7, '0')}`,
      services: servicesOf(n),
      openingHours: HOURS[n % HOURS.length]!,
      hoursNote: '法定节假日休息',
      brandProjects: n % 10 === 0 ? [{ name: `邻里守望${n}`, summary: '独居老人的每周探访。', items: ['上门探访', '电话问候'] }] : [],
    }
  }
  const districts = Array.from({ length: DISTRICTS }, (_, d) => {
    const district = `第${d + 1}区`
    return station({
      code: `DL-Q${String(d + 1).padStart(2, '0')}`,
      name: `${district}社工总站`,
      kind: 'district',
      parentCode: 'DL',
      area: { ...area, district, street: null, community: null },
      address: `大连市${district}人民路${d + 1}号 民政服务楼3楼`,
      location: { lat: round(38.9 + (d % 5) * 0.45), lng: round(121.0 + Math.floor(d / 5) * 0.7) },
      intro: `${district}社工总站统筹指导辖区街道社工站和社区社会工作室。`,
      coverage: [],
    })
  })
  const streets = districts.flatMap((parent, d) =>
    Array.from({ length: STREETS_PER_DISTRICT }, (_, s) => {
      const street = `第${s + 1}街道`
      return station({
        code: `${parent.code}-S${String(s + 1).padStart(2, '0')}`,
        name: `${parent.area.district}${street}社工站`,
        kind: 'street',
        parentCode: parent.code,
        area: { ...parent.area, street, community: null },
        address: `大连市${parent.area.district}${street}中心路${s + 1}号`,
        location: {
          lat: round(parent.location.lat + (s % 4) * 0.08),
          lng: round(parent.location.lng + Math.floor(s / 4) * 0.1 + d * 0.001),
        },
        intro: `${street}社工站面向辖区居民开展社会救助、养老和儿童服务。`,
        coverage: s % 3 === 0 ? [`${street}新村`] : [],
      })
    }),
  )
  const rooms = Array.from({ length: total - districts.length - streets.length }, (_, j) => {
    const parent = streets[j % streets.length]!
    const k = Math.floor(j / streets.length) + 1
    const community = `第${k}社区`
    return station({
      code: `${parent.code}-R${String(k).padStart(3, '0')}`,
      name: `${parent.area.district}${parent.area.street}${community}社会工作室`,
      kind: 'community',
      parentCode: parent.code,
      area: { ...parent.area, community },
      address: `大连市${parent.area.district}${parent.area.street}${community}党群服务中心1楼`,
      location: {
        lat: round(parent.location.lat + (k % 7) * 0.008 + 0.004),
        lng: round(parent.location.lng + (Math.floor(k / 7) % 4) * 0.01),
      },
      intro: `${community}社会工作室为社区老人、儿童和困难家庭提供服务。`,
      coverage: k % 4 === 0 ? [`${community}东区`, `${community}西区`] : [`${community}东区`],
    })
  })
  return [...districts, ...streets, ...rooms]
}
