/**
 * Fake API answers for the page tests, typed with the API contract so they
 * stay honest when the contract changes. Values follow the demo seed
 * (server/seed/stations.ts): 大连 金普新区 先进街道.
 */
import type {
  AreasResponse,
  NearbyResponse,
  NearbyStation,
  StationDetail,
  StationListResponse,
  StationRef,
  StationSummary,
} from '../../contract/types'

/** A resident standing in 金普新区 (GCJ-02), near 民馨社区. */
export const HERE = { latitude: 39.0543, longitude: 121.7634 }

const WEEKDAYS = [
  { weekdays: [1, 2, 3, 4, 5], open: '08:30', close: '11:30' },
  { weekdays: [1, 2, 3, 4, 5], open: '13:30', close: '17:30' },
]

export const DALIAN: StationRef = { id: '0b7c1a52-0000-4000-8000-000000000001', code: 'DL', name: '大连市社工站指导中心', kind: 'city' }
export const JINPU: StationRef = { id: '0b7c1a52-0000-4000-8000-000000000002', code: 'DL-JP', name: '金普新区社工总站', kind: 'district' }

export const XIANJIN: StationSummary = {
  id: '0b7c1a52-0000-4000-8000-000000000003',
  code: 'DL-JP-XJ',
  name: '先进街道社工站',
  kind: 'street',
  parentId: JINPU.id,
  area: { province: '辽宁省', city: '大连市', district: '金普新区', street: '先进街道', community: null },
  address: '大连市金普新区先进街道东山路18号 街道党群服务中心2楼',
  location: { lat: 39.0535, lng: 121.779 },
  phone: '0411-87589120',
  openingHours: [...WEEKDAYS, { weekdays: [6], open: '09:00', close: '11:30' }],
  hoursNote: '周六上午开放预约服务，法定节假日休息；紧急情况请拨打 110/120',
  services: ['social_assistance', 'elderly_care', 'child_protection', 'community_governance', 'marriage_family', 'psychological', 'policy'],
  brandProjects: [
    {
      name: '东山小学堂',
      summary:
        '社工站通过入户探访困境儿童实际情况、建立工作台账，与志愿服务队共同打造的困境儿童关爱保护品牌，丰富多彩的活动对困境儿童全面开放。',
      items: ['节气美育', '朝有趣', '小小主播', '小小宣传员', '四季欢乐节'],
    },
  ],
}

export const MINXIN: StationSummary = {
  id: '0b7c1a52-0000-4000-8000-000000000004',
  code: 'DL-JP-XJ-MX',
  name: '民馨社区社会工作室',
  kind: 'community',
  parentId: XIANJIN.id,
  area: { province: '辽宁省', city: '大连市', district: '金普新区', street: '先进街道', community: '民馨社区' },
  address: '大连市金普新区先进街道民馨社区居委会1楼',
  location: { lat: 39.0566, lng: 121.7716 },
  phone: '0411-87589365',
  openingHours: WEEKDAYS,
  hoursNote: '社工外出入户探访时请先电话预约；法定节假日休息，紧急情况请拨打 110/120',
  services: ['child_protection', 'psychological', 'disability', 'social_assistance', 'community_governance'],
  brandProjects: [],
}

export const DONGSHAN: StationSummary = {
  ...MINXIN,
  id: '0b7c1a52-0000-4000-8000-000000000005',
  code: 'DL-JP-XJ-DS',
  name: '东山社区社会工作室',
  area: { ...MINXIN.area, community: '东山社区' },
  address: '大连市金普新区先进街道东山社区服务中心1楼',
  location: { lat: 39.0816, lng: 121.7935 },
  phone: '0411-87580476',
  services: ['child_protection', 'elderly_care', 'social_assistance', 'community_governance', 'policy'],
}

export const JINPU_SUMMARY: StationSummary = {
  ...XIANJIN,
  id: JINPU.id,
  code: JINPU.code,
  name: JINPU.name,
  kind: 'district',
  parentId: DALIAN.id,
  area: { ...XIANJIN.area, street: null },
  address: '大连市金普新区解放路268号 民政服务楼3楼',
  location: { lat: 39.0968, lng: 121.7185 },
  phone: '0411-87612035',
  services: ['social_assistance', 'elderly_care', 'child_protection', 'community_governance', 'policy'],
  brandProjects: [],
}

/** 民馨 is ~810 m away, 先进街道社工站 ~1.3 km: the nearest first, as the API sorts them. */
export const NEARBY: NearbyResponse = {
  items: [
    { ...MINXIN, distanceMeters: 812 },
    { ...XIANJIN, distanceMeters: 1345 },
  ] satisfies NearbyStation[],
}

export const STATION_LIST: StationListResponse = { items: [XIANJIN, MINXIN, DONGSHAN, JINPU_SUMMARY], total: 4 }

export const XIANJIN_DETAIL: StationDetail = {
  ...XIANJIN,
  intro: '先进街道社工站发挥社工专业优势承接基层民政工作，涵盖社会救助、养老服务、儿童保护、社区治理等领域。',
  coverage: [],
  ancestors: [DALIAN, JINPU],
  children: [MINXIN, DONGSHAN],
}

/** 辽宁省 → 大连市 → 金普新区 → 先进街道 → 民馨社区, with centres. */
export const AREAS: AreasResponse = {
  items: [
    {
      name: '辽宁省',
      level: 'province',
      center: { lat: 38.9, lng: 121.6 },
      stationCount: 4,
      children: [
        {
          name: '大连市',
          level: 'city',
          center: { lat: 38.9148, lng: 121.6192 },
          stationCount: 4,
          children: [
            {
              name: '金普新区',
              level: 'district',
              center: { lat: 39.0968, lng: 121.7185 },
              stationCount: 4,
              children: [
                {
                  name: '先进街道',
                  level: 'street',
                  center: { lat: 39.0535, lng: 121.779 },
                  stationCount: 3,
                  children: [
                    { name: '民馨社区', level: 'community', center: { lat: 39.0555, lng: 121.7735 }, stationCount: 1, children: [] },
                  ],
                },
              ],
            },
          ],
        },
      ],
    },
  ],
}
