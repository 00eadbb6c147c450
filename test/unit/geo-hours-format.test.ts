import { EARTH_RADIUS_METERS, greatCircleMeters, isInChina, wgs84ToGcj02 } from '../../domain/geo'
import { formatOpeningHours, formatWeekdays, isOpenAt } from '../../domain/hours'
import { formatDistance } from '../../domain/format'

describe('geo', () => {
  test("great-circle distance: one degree of latitude ≈ 111.3 km on earthdistance's sphere; Dalian → Shanghai ≈ 855 km", () => {
    expect(greatCircleMeters({ lat: 39, lng: 121 }, { lat: 40, lng: 121 })).toBeCloseTo(111_318, -1)
    const d = greatCircleMeters({ lat: 38.914, lng: 121.6147 }, { lat: 31.2304, lng: 121.4737 })
    expect(d / 1000).toBeGreaterThan(850)
    expect(d / 1000).toBeLessThan(860)
    expect(greatCircleMeters({ lat: 39, lng: 121 }, { lat: 39, lng: 121 })).toBe(0)
  })

  test('WGS-84 → GCJ-02 shifts a point in Dalian by a few hundred metres, in the known direction', () => {
    const gcj = wgs84ToGcj02({ lat: 39.0543, lng: 121.7634 })
    expect(gcj.lat - 39.0543).toBeGreaterThan(0.0005)
    expect(gcj.lng - 121.7634).toBeGreaterThan(0.004)
    const shift = greatCircleMeters({ lat: 39.0543, lng: 121.7634 }, gcj)
    expect(shift).toBeGreaterThan(300)
    expect(shift).toBeLessThan(800)
  })

  test.each([
    // wgsLat, wgsLng → gcjLat, gcjLng: the published test vectors of googollee/eviltransform
    [31.1774276, 121.5272106, 31.17530398364597, 121.531541859215], // 上海
    [22.543847, 113.912316, 22.540796131694766, 113.9171764808363], // 深圳
    [39.911954, 116.377817, 39.91334545536069, 116.38404722455657], // 北京
  ])('WGS-84 (%f, %f) → GCJ-02 (%f, %f), the standard transform', (lat, lng, gcjLat, gcjLng) => {
    const gcj = wgs84ToGcj02({ lat, lng })
    expect(gcj.lat).toBeCloseTo(gcjLat, 9)
    expect(gcj.lng).toBeCloseTo(gcjLng, 9)
  })

  test("EARTH_RADIUS_METERS is earthdistance's earth()", () => {
    expect(EARTH_RADIUS_METERS).toBe(6378168)
    // A quarter of a meridian on that sphere.
    expect(greatCircleMeters({ lat: 0, lng: 0 }, { lat: 90, lng: 0 })).toBeCloseTo((Math.PI / 2) * 6378168, 3)
  })

  test('outside China no offset applies', () => {
    expect(isInChina({ lat: 48.85, lng: 2.35 })).toBe(false)
    expect(wgs84ToGcj02({ lat: 48.85, lng: 2.35 })).toEqual({ lat: 48.85, lng: 2.35 })
  })
})

describe('opening hours (China Standard Time)', () => {
  const hours = [
    { weekdays: [1, 2, 3, 4, 5], open: '08:30', close: '11:30' },
    { weekdays: [1, 2, 3, 4, 5], open: '13:30', close: '17:30' },
    { weekdays: [6], open: '09:00', close: '12:00' },
  ]
  test('open and closed moments', () => {
    expect(isOpenAt(hours, new Date('2026-11-23T09:00:00+08:00'))).toBe(true) // Monday morning
    expect(isOpenAt(hours, new Date('2026-11-23T12:00:00+08:00'))).toBe(false) // lunch
    expect(isOpenAt(hours, new Date('2026-11-23T17:30:00+08:00'))).toBe(false) // closing time
    expect(isOpenAt(hours, new Date('2026-11-28T10:00:00+08:00'))).toBe(true) // Saturday
    expect(isOpenAt(hours, new Date('2026-11-29T10:00:00+08:00'))).toBe(false) // Sunday
    // 01:00 UTC on Monday is 09:00 in Beijing.
    expect(isOpenAt(hours, new Date('2026-11-23T01:00:00Z'))).toBe(true)
  })
  test('formatting', () => {
    expect(formatOpeningHours(hours)).toBe('周一至周五 08:30-11:30、13:30-17:30；周六 09:00-12:00')
    expect(formatWeekdays([1, 3, 5])).toBe('周一、周三、周五')
    expect(formatWeekdays([1, 2, 3, 4, 5, 6, 7])).toBe('每天')
    expect(formatOpeningHours([])).toBe('开放时间请电话咨询')
  })
})

describe('distance formatting', () => {
  test.each([
    [0, '1米'],
    [344, '340米'],
    [994, '990米'],
    [996, '1公里'], // not "1000米"
    [1234, '1.2公里'],
    [2000, '2公里'],
    [9960, '10公里'], // not "10.0公里"
    [12_345, '12公里'],
    [-1, ''],
    [Number.NaN, ''],
  ])('%d m → %s', (m, s) => expect(formatDistance(m)).toBe(s))
})
