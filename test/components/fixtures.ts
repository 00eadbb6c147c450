/**
 * Stations and areas for the component tests, typed with the API contract.
 * Values follow the demo seed (大连 金普新区 先进街道).
 */
import type { AreaNode, NearbyStation } from '@contract/types'

const WEEKDAYS = [
  { weekdays: [1, 2, 3, 4, 5], open: '08:30', close: '11:30' },
  { weekdays: [1, 2, 3, 4, 5], open: '13:30', close: '17:30' },
]

/** Monday 2026-11-23, China Standard Time. */
export const MONDAY_10AM = new Date('2026-11-23T10:00:00+08:00')
export const MONDAY_NOON = new Date('2026-11-23T12:00:00+08:00')

export const MINXIN: NearbyStation = {
  id: '0b7c1a52-0000-4000-8000-000000000004',
  code: 'DL-JP-XJ-MX',
  name: '民馨社区社会工作室',
  kind: 'community',
  parentId: '0b7c1a52-0000-4000-8000-000000000003',
  area: { province: '辽宁省', city: '大连市', district: '金普新区', street: '先进街道', community: '民馨社区' },
  address: '大连市金普新区先进街道民馨社区居委会1楼',
  location: { lat: 39.0566, lng: 121.7716 },
  phone: '0411-87589365',
  openingHours: WEEKDAYS,
  hoursNote: '',
  services: ['child_protection', 'psychological', 'social_assistance'],
  brandProjects: [],
  distanceMeters: 298,
}

export const XIANJIN: NearbyStation = {
  ...MINXIN,
  id: '0b7c1a52-0000-4000-8000-000000000003',
  code: 'DL-JP-XJ',
  name: '先进街道社工站',
  kind: 'street',
  parentId: '0b7c1a52-0000-4000-8000-000000000002',
  area: { ...MINXIN.area, community: null },
  address: '大连市金普新区先进街道东山路18号',
  location: { lat: 39.0535, lng: 121.779 },
  phone: '0411-87589120',
  brandProjects: [{ name: '东山小学堂', summary: '困境儿童关爱保护', items: ['节气美育', '小小主播'] }],
  distanceMeters: 1340,
}

export const DONGSHAN: NearbyStation = {
  ...MINXIN,
  id: '0b7c1a52-0000-4000-8000-000000000005',
  code: 'DL-JP-XJ-DS',
  name: '东山社区社会工作室',
  area: { ...MINXIN.area, community: '东山社区' },
  address: '大连市金普新区先进街道东山社区服务中心1楼',
  location: { lat: 39.0816, lng: 121.7935 },
  phone: '0411-87580476',
  distanceMeters: 3560,
}

/** The area tree down one branch: 辽宁省 › 大连市 › 金普新区 › 先进街道 (and a sibling at each level). */
export const XIANJIN_CENTER = { lat: 39.0535, lng: 121.779 }
export const AREAS: AreaNode[] = [
  {
    name: '辽宁省',
    level: 'province',
    center: { lat: 41.8, lng: 123.43 },
    stationCount: 5,
    children: [
      {
        name: '大连市',
        level: 'city',
        center: { lat: 38.914, lng: 121.6147 },
        stationCount: 5,
        children: [
          {
            name: '金普新区',
            level: 'district',
            center: { lat: 39.0968, lng: 121.7185 },
            stationCount: 4,
            children: [
              { name: '先进街道', level: 'street', center: XIANJIN_CENTER, stationCount: 3, children: [] },
              { name: '友谊街道', level: 'street', center: { lat: 39.1, lng: 121.73 }, stationCount: 1, children: [] },
            ],
          },
          { name: '中山区', level: 'district', center: { lat: 38.92, lng: 121.64 }, stationCount: 1, children: [] },
        ],
      },
    ],
  },
  { name: '吉林省', level: 'province', center: { lat: 43.9, lng: 125.3 }, stationCount: 0, children: [] },
]
