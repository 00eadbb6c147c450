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

describe('who decided: the resident, the nearest station by default, or the helped person’s place', () => {
  test('a station pre-filled as the nearest one (not chosen) never says 「您选择了」', () => {
    const d = routeRequest({
      category: 'elderly_care',
      chosen: room,
      chosenBy: 'nearest',
      area: area('先进街道', '民馨社区'),
      candidates: all,
    })
    expect(d).toMatchObject({ stationId: '民馨社区社会工作室' })
    expect(d!.reason).not.toContain('您选择了')
    expect(d!.reason).toContain('离您最近的「民馨社区社会工作室」')
  })

  test('the nearest station without the service: said as the default, not as a choice', () => {
    const d = routeRequest({
      category: 'child_protection',
      chosen: room,
      chosenBy: 'nearest',
      area: area('先进街道', '民馨社区'),
      candidates: all,
    })
    expect(d).toMatchObject({ stationId: '先进街道社工站', rule: 'street' })
    expect(d!.reason).not.toContain('您选择')
    expect(d!.reason).toContain('离您最近的「民馨社区社会工作室」暂不提供儿童关爱保护')
  })

  test('为家人代办: the reason names the helped person’s place', () => {
    const d = routeRequest({ category: 'elderly_care', chosen: null, forHelped: true, area: area('先进街道', '民馨社区'), candidates: all })
    expect(d).toMatchObject({ stationId: '民馨社区社会工作室', rule: 'community' })
    expect(d!.reason).toBe('按被帮助人所在的民馨社区，已交给服务民馨社区的「民馨社区社会工作室」')
    const up = routeRequest({
      category: 'child_protection',
      chosen: null,
      forHelped: true,
      area: area('先进街道', '民馨社区'),
      candidates: all,
    })
    expect(up!.reason).toBe('按被帮助人所在的民馨社区，已交给服务先进街道的「先进街道社工站」')
  })

  test('为家人代办 with no station there: the nearest to the helped person’s place, said so', () => {
    const d = routeRequest({ category: 'employee', chosen: null, forHelped: true, area: area('先进街道', '民馨社区'), candidates: all })
    expect(d).toMatchObject({ stationId: '远处社工站', rule: 'nearest' })
    expect(d!.reason).toContain('被帮助人所在地区暂无提供')
    expect(d!.reason).toContain('离该地区最近的「远处社工站」')
  })
})

describe('服务范围: the communities and streets a station covers', () => {
  // 和兴社区 has no room of its own; 民馨社区's room also covers it, so its requests go there, not up to the street.
  const covering = { ...room, coverage: ['和兴社区'] }
  // A street station of the next street that also covers 先进街道 (say, while 先进街道 has no station).
  const neighbour = station('凌水街道社工站', 'street', ['elderly_care', 'disability'], area('凌水街道'), 5000)
  const neighbourCovering = { ...neighbour, coverage: ['先进街道'] }

  test('a covered community goes to the covering station, before its street station and before distance', () => {
    const d = routeRequest({ category: 'elderly_care', chosen: null, area: area('先进街道', '和兴社区'), candidates: [...all, covering] })
    expect(d).toMatchObject({ stationId: '民馨社区社会工作室', rule: 'community' })
    expect(d!.reason).toBe('已交给服务和兴社区的「民馨社区社会工作室」')
    // Without the coverage, the same request goes up to the street.
    expect(routeRequest({ category: 'elderly_care', chosen: null, area: area('先进街道', '和兴社区'), candidates: all })).toMatchObject({
      stationId: '先进街道社工站',
      rule: 'street',
    })
  })

  test('a covered street goes to the covering station before the district', () => {
    const candidates = [city, district, far, neighbourCovering]
    const d = routeRequest({ category: 'disability', chosen: null, area: area('先进街道', '新华社区'), candidates })
    expect(d).toMatchObject({ stationId: '凌水街道社工站', rule: 'street' })
    expect(d!.reason).toBe('已交给服务先进街道的「凌水街道社工站」')
    expect(
      routeRequest({ category: 'disability', chosen: null, area: area('先进街道', '新华社区'), candidates: [city, district, neighbour] }),
    ).toMatchObject({ stationId: '金普新区社工总站', rule: 'district' })
  })

  test('a community’s own room comes before a street station naming that community in its coverage', () => {
    const streetNaming = { ...street, coverage: ['民馨社区', '和兴社区'] }
    expect(
      routeRequest({
        category: 'elderly_care',
        chosen: null,
        area: area('先进街道', '民馨社区'),
        candidates: [city, district, streetNaming, room],
      }),
    ).toMatchObject({ stationId: '民馨社区社会工作室', rule: 'community' })
    // A community it names without a room of its own: the street station, as a community match.
    expect(
      routeRequest({
        category: 'elderly_care',
        chosen: null,
        area: area('先进街道', '和兴社区'),
        candidates: [city, district, streetNaming, room],
      }),
    ).toMatchObject({ stationId: '先进街道社工站', rule: 'community' })
  })

  test('coverage counts only in the station’s own district and for the category it offers', () => {
    const elsewhere = { ...covering, area: { ...covering.area, district: '别的区' } }
    expect(
      routeRequest({
        category: 'elderly_care',
        chosen: null,
        area: area('先进街道', '和兴社区'),
        candidates: [city, district, street, elsewhere],
      }),
    ).toMatchObject({ stationId: '先进街道社工站', rule: 'street' })
    expect(
      routeRequest({
        category: 'child_protection',
        chosen: null,
        area: area('先进街道', '和兴社区'),
        candidates: [city, district, street, covering],
      }),
    ).toMatchObject({ stationId: '先进街道社工站', rule: 'street' })
  })

  test('the chosen station still comes first', () => {
    expect(
      routeRequest({ category: 'elderly_care', chosen: street, area: area('先进街道', '和兴社区'), candidates: [...all, covering] }),
    ).toMatchObject({ stationId: '先进街道社工站', rule: 'chosen' })
  })
})
