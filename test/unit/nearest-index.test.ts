import { greatCircleMeters } from '../../domain/geo'
import { buildNearestIndex, metersBetween } from '../../domain/nearestIndex'

/** A small deterministic generator (the tests must not depend on Math.random). */
function prng(seed: number) {
  let s = seed >>> 0
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

const brute = (points: { lat: number; lng: number }[], at: { lat: number; lng: number }, k: number, accept = (_i: number) => true) =>
  points
    .map((p, index) => ({ index, meters: metersBetween(at, p) }))
    .filter((n) => accept(n.index))
    .sort((a, b) => a.meters - b.meters || a.index - b.index)
    .slice(0, k)

describe('nearest index (the residents’ station search in memory)', () => {
  const rand = prng(7)
  // Stations over China, some sharing a place (a 社工站 and its 工作室 in one building).
  const points = Array.from({ length: 3000 }, () => ({ lat: 18.2 + rand() * 35.3, lng: 73.6 + rand() * 61.1 }))
  for (let i = 0; i < 200; i++) points.push({ ...points[i * 7]! })
  const index = buildNearestIndex(points)

  test('the k nearest equal brute force on 150 random points, in order, ties by position', () => {
    for (let t = 0; t < 150; t++) {
      const at = { lat: 18.2 + rand() * 35.3, lng: 73.6 + rand() * 61.1 }
      expect(index.nearest(at, 20)).toEqual(brute(points, at, 20))
    }
  })

  test('a point standing on stations that share a place gets them all first, at 0 m, earlier first', () => {
    const found = index.nearest(points[14]!, 3)
    expect(found.slice(0, 2)).toEqual([
      { index: 14, meters: 0 },
      { index: 3002, meters: 0 },
    ])
  })

  test('a filter keeps the search exact (the nearest that pass, not the nearest then filtered)', () => {
    const even = (i: number) => i % 2 === 0
    for (let t = 0; t < 80; t++) {
      const at = { lat: 18.2 + rand() * 35.3, lng: 73.6 + rand() * 61.1 }
      const found = index.nearest(at, 10, even)
      expect(found).toEqual(brute(points, at, 10, even))
      expect(found.every((n) => n.index % 2 === 0)).toBe(true)
    }
  })

  test('a rare filter still finds what exists, and fewer than k when fewer pass', () => {
    const rare = (i: number) => i === 5 || i === 2500
    expect(
      index
        .nearest({ lat: 39, lng: 121 }, 10, rare)
        .map((n) => n.index)
        .sort((a, b) => a - b),
    ).toEqual([5, 2500])
  })

  test('distances are the great-circle distance on earthdistance’s sphere', () => {
    const dalian = { lat: 38.914, lng: 121.6147 }
    const shanghai = { lat: 31.2304, lng: 121.4737 }
    expect(metersBetween(dalian, shanghai)).toBeCloseTo(greatCircleMeters(dalian, shanghai), 3)
  })

  test('empty index, k = 0', () => {
    expect(buildNearestIndex([]).nearest({ lat: 39, lng: 121 }, 5)).toEqual([])
    expect(index.nearest({ lat: 39, lng: 121 }, 0)).toEqual([])
  })
})
