/** The demo stations (server/seed/stations.ts): structure, formats and geography. */
import { greatCircleMeters } from '../../domain/geo'
import { SEED_STATIONS } from '../../server/seed/stations'
import type { SeedStation } from '../../server/seed/types'
import { SERVICE_CATEGORIES, STATION_KINDS } from '../../contract/enums'

type LatLng = { lat: number; lng: number }

const haversine = (a: LatLng, b: LatLng) => greatCircleMeters(a, b)

const byCode = new Map(SEED_STATIONS.map((s) => [s.code, s]))
const byName = (name: string): SeedStation => {
  const s = SEED_STATIONS.find((x) => x.name === name)
  if (!s) throw new Error(`no seed station named ${name}`)
  return s
}

/** Long-distance area codes of the cities in the demo data. */
const AREA_CODES: Record<string, string> = {
  大连市: '0411',
  上海市: '021',
  烟台市: '0535',
  苏州市: '0512',
  湖州市: '0572',
  三亚市: '0898',
  曲靖市: '0874',
  杭州市: '0571',
  金华市: '0579',
  洛阳市: '0379',
  沧州市: '0317',
  泉州市: '0595',
}

describe('SEED_STATIONS', () => {
  test('has a reasonable number of stations', () => {
    expect(SEED_STATIONS.length).toBeGreaterThanOrEqual(60)
    expect(SEED_STATIONS.length).toBeLessThanOrEqual(80)
  })

  test('codes are unique, uppercase ASCII with hyphens', () => {
    const codes = SEED_STATIONS.map((s) => s.code)
    expect(new Set(codes).size).toBe(codes.length)
    for (const c of codes) expect(c).toMatch(/^[A-Z0-9]+(-[A-Z0-9]+)*$/)
  })

  test('every parent exists and comes before its children', () => {
    const seen = new Set<string>()
    for (const s of SEED_STATIONS) {
      if (s.parentCode !== null) {
        expect({ code: s.code, parentSeen: seen.has(s.parentCode) }).toEqual({ code: s.code, parentSeen: true })
      }
      seen.add(s.code)
    }
  })

  test('kinds and services come from the catalogue; services are not repeated', () => {
    for (const s of SEED_STATIONS) {
      expect(STATION_KINDS).toContain(s.kind)
      expect(s.services.length).toBeGreaterThan(0)
      expect(new Set(s.services).size).toBe(s.services.length)
      for (const c of s.services) expect(SERVICE_CATEGORIES).toContain(c)
    }
  })

  test('the hierarchy is consistent: kinds nest and children share their parent’s city and district', () => {
    const allowedParents: Record<string, (string | null)[]> = {
      city: [null],
      district: [null, 'city'],
      street: ['city', 'district'],
      community: ['street'],
      enterprise: ['street', 'community'],
      school: ['street', 'district', 'community'],
      special: [null, 'city', 'district', 'street'],
    }
    for (const s of SEED_STATIONS) {
      const parent = s.parentCode ? byCode.get(s.parentCode)! : null
      const parentKind = parent?.kind ?? null
      expect({ code: s.code, nests: allowedParents[s.kind]!.includes(parentKind) }).toEqual({ code: s.code, nests: true })
      if (parent) {
        expect(s.area.province).toBe(parent.area.province)
        expect(s.area.city).toBe(parent.area.city)
        if (parent.kind !== 'city') expect(s.area.district).toBe(parent.area.district)
        if (parent.kind === 'street') expect(s.area.street).toBe(parent.area.street)
      }
      if (s.kind === 'street') expect(s.area.street).toBeTruthy()
      if (s.kind === 'community') expect(s.area.community).toBeTruthy()
    }
  })

  test('phones are in mainland format, with the city’s area code', () => {
    for (const s of SEED_STATIONS) {
      expect(s.phone).toMatch(/^(0\d{2,3}-\d{7,8}|1[3-9]\d{9})$/)
      const code = AREA_CODES[s.area.city]
      expect({ code: s.code, city: s.area.city, known: Boolean(code) }).toEqual({ code: s.code, city: s.area.city, known: true })
      if (s.phone.startsWith('0')) expect(s.phone.split('-')[0]).toBe(code)
    }
    const phones = SEED_STATIONS.map((s) => s.phone)
    expect(new Set(phones).size).toBe(phones.length)
  })

  test('coordinates lie inside mainland China’s bounding box', () => {
    for (const s of SEED_STATIONS) {
      expect(s.location.lat).toBeGreaterThan(18)
      expect(s.location.lat).toBeLessThan(54)
      expect(s.location.lng).toBeGreaterThan(73)
      expect(s.location.lng).toBeLessThan(135.1)
    }
  })

  test('no two stations share a spot (at least 200 m apart)', () => {
    for (let i = 0; i < SEED_STATIONS.length; i++) {
      for (let j = i + 1; j < SEED_STATIONS.length; j++) {
        const a = SEED_STATIONS[i]!
        const b = SEED_STATIONS[j]!
        const d = haversine(a.location, b.location)
        if (d < 200) throw new Error(`${a.code} and ${b.code} are only ${Math.round(d)} m apart`)
      }
    }
  })

  test('every community room lies within 5 km of its parent street station', () => {
    const rooms = SEED_STATIONS.filter((s) => s.kind === 'community')
    expect(rooms.length).toBeGreaterThan(0)
    for (const room of rooms) {
      const parent = byCode.get(room.parentCode!)!
      expect(parent.kind).toBe('street')
      const d = haversine(room.location, parent.location)
      expect({ code: room.code, within5km: d < 5000 }).toEqual({ code: room.code, within5km: true })
    }
  })

  test('in 先进街道 (39.055, 121.775), 民馨社区社会工作室 and 先进街道社工站 are the two nearest, and nothing else is within 3 km of them', () => {
    const point = { lat: 39.055, lng: 121.775 }
    const ranked = [...SEED_STATIONS].map((s) => ({ s, d: haversine(point, s.location) })).sort((a, b) => a.d - b.d)
    expect(
      ranked
        .slice(0, 2)
        .map((r) => r.s.name)
        .sort(),
    ).toEqual(['先进街道社工站', '民馨社区社会工作室'].sort())
    expect(ranked[0]!.d).toBeLessThan(3000)

    const pair = [byName('民馨社区社会工作室'), byName('先进街道社工站')]
    for (const s of SEED_STATIONS) {
      if (pair.includes(s)) continue
      for (const p of pair) expect({ code: s.code, far: haversine(s.location, p.location) > 3000 }).toEqual({ code: s.code, far: true })
    }
  })

  test('先进街道社工站 carries 东山小学堂 with its five classes, and has both community rooms as children', () => {
    const xianjin = byName('先进街道社工站')
    const brand = xianjin.brandProjects.find((b) => b.name === '东山小学堂')
    expect(brand).toBeDefined()
    expect(brand!.items).toEqual(['节气美育', '朝有趣', '小小主播', '小小宣传员', '四季欢乐节'])
    const children = SEED_STATIONS.filter((s) => s.parentCode === xianjin.code).map((s) => s.name)
    expect(children).toEqual(expect.arrayContaining(['民馨社区社会工作室', '东山社区社会工作室']))
    expect(byName('民馨社区社会工作室').area.street).toBe('先进街道')
  })

  test('the Dalian chain runs 市级 → 区级 → 街道 → 社区', () => {
    const chain: string[] = []
    let s: SeedStation | undefined = byName('民馨社区社会工作室')
    while (s) {
      chain.unshift(`${s.kind}:${s.name}`)
      s = s.parentCode ? byCode.get(s.parentCode) : undefined
    }
    expect(chain).toEqual([
      'city:大连市社工站指导中心',
      'district:金普新区社工总站',
      'street:先进街道社工站',
      'community:民馨社区社会工作室',
    ])
  })

  test('杨浦区 has all 12 街道综合社工站 under its district centre', () => {
    const yp = byName('杨浦区社会工作服务指导中心')
    const streets = SEED_STATIONS.filter((s) => s.parentCode === yp.code && s.kind === 'street').map((s) => s.area.street)
    expect(streets.sort()).toEqual(
      [
        '定海路街道',
        '平凉路街道',
        '江浦路街道',
        '控江路街道',
        '大桥街道',
        '四平路街道',
        '殷行街道',
        '延吉新村街道',
        '长白新村街道',
        '五角场街道',
        '新江湾城街道',
        '长海路街道',
      ].sort(),
    )
  })

  test('opening hours are well-formed and texts are filled in', () => {
    const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/
    for (const s of SEED_STATIONS) {
      expect(s.openingHours.length).toBeGreaterThan(0)
      for (const h of s.openingHours) {
        expect(h.weekdays.length).toBeGreaterThan(0)
        for (const d of h.weekdays) expect(d >= 1 && d <= 7 && Number.isInteger(d)).toBe(true)
        expect(h.open).toMatch(hhmm)
        expect(h.close).toMatch(hhmm)
        expect(h.open < h.close).toBe(true)
      }
      expect(s.name.trim()).toBe(s.name)
      expect(s.address.length).toBeGreaterThan(5)
      expect(s.hoursNote.length).toBeGreaterThan(0)
      expect(s.intro.length).toBeGreaterThan(30)
      for (const b of s.brandProjects) {
        expect(b.name.length).toBeGreaterThan(0)
        expect(b.summary.length).toBeGreaterThan(0)
      }
    }
  })
})
