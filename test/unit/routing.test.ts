import { routeRequest, type RoutableStation } from '../../domain/routing'

const area = (street: string | null, community: string | null = null) => ({
  province: '辽宁省',
  city: '大连市',
  district: '金普新区',
  street,
  community,
})
const station = (
  id: string,
  kind: RoutableStation['kind'],
  services: RoutableStation['services'],
  a: RoutableStation['area'],
  distanceMeters?: number,
): RoutableStation => ({
  id,
  name: id,
  kind,
  services,
  area: a,
  distanceMeters,
})

const city = station('大连市社工站指导中心', 'city', ['elderly_care', 'psychological'], area(null))
const district = station('金普新区社工总站', 'district', ['elderly_care', 'psychological', 'disability'], area(null))
const street = station('先进街道社工站', 'street', ['elderly_care', 'child_protection'], area('先进街道'), 1200)
const room = station('民馨社区社会工作室', 'community', ['elderly_care'], area('先进街道', '民馨社区'), 300)
const far = station('远处社工站', 'street', ['employee'], { ...area('别的街道'), district: '别的区' }, 9000)
const all = [city, district, street, room, far]

describe('routing a help request', () => {
  test('the chosen station gets it when it offers the category', () => {
    const d = routeRequest({ category: 'child_protection', chosen: street, area: area('先进街道', '民馨社区'), candidates: all })
    expect(d).toMatchObject({ stationId: '先进街道社工站', rule: 'chosen' })
  })

  test('a chosen station without the category: the lowest level covering the area that offers it, and the reason says so', () => {
    const d = routeRequest({ category: 'child_protection', chosen: room, area: area('先进街道', '民馨社区'), candidates: all })
    expect(d).toMatchObject({ stationId: '先进街道社工站', rule: 'street' })
    expect(d!.reason).toContain('「民馨社区社会工作室」暂不提供儿童关爱保护')
    expect(d!.reason).toContain('先进街道')
  })

  test('no station chosen: the community room first', () => {
    expect(routeRequest({ category: 'elderly_care', chosen: null, area: area('先进街道', '民馨社区'), candidates: all })).toMatchObject({
      stationId: '民馨社区社会工作室',
      rule: 'community',
    })
  })

  test('a community without a station goes to its street station', () => {
    expect(routeRequest({ category: 'elderly_care', chosen: null, area: area('先进街道', '新华社区'), candidates: all })).toMatchObject({
      stationId: '先进街道社工站',
      rule: 'street',
    })
  })

  test('up to the district and the city when lower levels do not offer the category', () => {
    expect(routeRequest({ category: 'disability', chosen: null, area: area('先进街道', '民馨社区'), candidates: all })).toMatchObject({
      stationId: '金普新区社工总站',
      rule: 'district',
    })
    const noDistrict = all.filter((s) => s !== district)
    expect(routeRequest({ category: 'psychological', chosen: null, area: area('先进街道'), candidates: noDistrict })).toMatchObject({
      stationId: '大连市社工站指导中心',
      rule: 'city',
    })
  })

  test('nothing covers the area: the nearest station offering the category, with its distance in the reason', () => {
    const d = routeRequest({ category: 'employee', chosen: null, area: area('先进街道'), candidates: all })
    expect(d).toMatchObject({ stationId: '远处社工站', rule: 'nearest' })
    expect(d!.reason).toContain('9.0 公里')
  })

  test('no station anywhere offers it → null', () => {
    expect(routeRequest({ category: 'youth', chosen: null, area: area('先进街道'), candidates: all })).toBeNull()
  })
})
