import { greatCircleMeters, isInChina, wgs84ToGcj02 } from '../../domain/geo'
import { formatOpeningHours, formatWeekdays, isOpenAt } from '../../domain/hours'
import { formatDistance } from '../../domain/format'

describe('geo', () => {
  test('great-circle distance: one degree of latitude ≈ 111.3 km on earthdistance\'s sphere; Dalian → Shanghai ≈ 590 km', () => {
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
    [999, '1000米'],
    [1234, '1.2公里'],
    [12_345, '12公里'],
  ])('%d m → %s', (m, s) => expect(formatDistance(m)).toBe(s))
})
