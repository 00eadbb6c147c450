/**
 * The h5 build's schematic map. What it draws must be true to the list below:
 * a farther station is never drawn nearer to 我, every marker is inside the
 * ring that says 外圈约 …, nothing overlaps (markers, 我, the caption), each
 * keeps its direction, and the numbers are the list's.
 */
import fc from 'fast-check'
import { render, screen, within } from '@testing-library/react'
import {
  MARKER_SIZE,
  ME_SIZE,
  offsetMeters,
  planSketch,
  RING_RADIUS,
  SKETCH_BOX,
  SKETCH_MAX_STATIONS,
  SketchMap,
} from '@/components/SketchMap'
import type { NearbyStation } from '@contract/types'
import { MINXIN } from './fixtures'

const HERE = { lat: 39.0543, lng: 121.7634 }
const CENTER = { x: SKETCH_BOX.width / 2, y: SKETCH_BOX.height / 2 }
/** A point `m` metres from HERE at `deg` degrees (0 = east, 90 = north). */
const at = (m: number, deg: number) => ({
  lat: HERE.lat + (m * Math.sin((deg * Math.PI) / 180)) / 111_320,
  lng: HERE.lng + (m * Math.cos((deg * Math.PI) / 180)) / (111_320 * Math.cos((HERE.lat * Math.PI) / 180)),
})
const station = (i: number, m: number, deg: number): NearbyStation => ({
  ...MINXIN,
  id: `0b7c1a52-0000-4000-8000-${String(i).padStart(12, '0')}`,
  name: `站点${i + 1}`,
  location: at(m, deg),
  distanceMeters: m,
})

/** Every promise of the drawing, for one plan. */
function expectTrueDrawing(stations: NearbyStation[], selectedId: string | null = null) {
  const plan = planSketch(HERE, stations, selectedId)
  const drawn = plan.shown.map((s, k) => ({
    s,
    ...plan.positions[k]!,
    r: Math.hypot(plan.positions[k]!.x - CENTER.x, plan.positions[k]!.y - CENTER.y),
  }))
  // The nearest ones, in the list's order of distance, and the selected one.
  const nearest = [...stations].sort((a, b) => a.distanceMeters - b.distanceMeters).slice(0, plan.nearestCount)
  expect(
    plan.shown
      .slice(0, plan.nearestCount)
      .map((s) => s.id)
      .sort(),
  ).toEqual(nearest.map((s) => s.id).sort())
  if (selectedId && stations.some((s) => s.id === selectedId)) expect(plan.shown.map((s) => s.id)).toContain(selectedId)
  for (const a of drawn) {
    // Never more than a quarter turn from its true direction (a station where the resident stands has none).
    const { dx, dy } = offsetMeters(HERE, a.s.location)
    if (Math.hypot(dx, dy) >= 1) {
      const turn = Math.atan2(CENTER.y - a.y, a.x - CENTER.x) - Math.atan2(dy, dx)
      expect(Math.abs(Math.atan2(Math.sin(turn), Math.cos(turn)))).toBeLessThanOrEqual(Math.PI / 2 + 1e-9)
    }
    // Wholly inside the ring (and so inside the box), clear of 我.
    expect(a.r + MARKER_SIZE / 2).toBeLessThanOrEqual(RING_RADIUS)
    expect(a.r).toBeGreaterThanOrEqual(ME_SIZE / 2 + MARKER_SIZE / 2)
    // The ring stands for at least as far as every station drawn.
    expect(a.s.distanceMeters).toBeLessThanOrEqual(plan.scale)
    for (const b of drawn) {
      if (a === b) continue
      expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThanOrEqual(MARKER_SIZE)
      // Farther is drawn farther; equally far, equally or (to make room) a little farther.
      if (a.s.distanceMeters < b.s.distanceMeters) expect(a.r).toBeLessThan(b.r)
    }
  }
  return { plan, drawn }
}

// As in 大连金普新区 (the case): two stations within a kilometre, #3 at 3.5 km, #5 at 21 km, and
// #6–#8 far out, two of them almost on top of each other.
const JINPU = [
  station(0, 300, 40),
  station(1, 930, 60),
  station(2, 3_500, 100),
  station(3, 5_000, 120),
  station(4, 21_000, 220),
  station(5, 24_000, 200),
  station(6, 29_000, 215),
  station(7, 29_100, 216),
]

describe('planSketch', () => {
  test('金普新区: all eight drawn, farther always farther from 我 (#5 at 21 km beyond #3 at 3.5 km), inside the ring', () => {
    const { plan, drawn } = expectTrueDrawing(JINPU)
    expect(plan.shown).toHaveLength(8)
    const r = (n: number) => drawn.find((d) => d.s.name === `站点${n}`)!.r
    expect(r(5)).toBeGreaterThan(r(3))
    expect(plan.scale).toBeCloseTo(29_100 * 1.1)
  })

  test('directions are kept: north-east stays up and right, south-west down and left', () => {
    const { drawn } = expectTrueDrawing(JINPU)
    const p = (n: number) => drawn.find((d) => d.s.name === `站点${n}`)!
    expect(p(1).x).toBeGreaterThan(CENTER.x)
    expect(p(1).y).toBeLessThan(CENTER.y)
    expect(p(5).x).toBeLessThan(CENTER.x)
    expect(p(5).y).toBeGreaterThan(CENTER.y)
  })

  test('a station with room around it is drawn exactly on its bearing', () => {
    const { drawn } = expectTrueDrawing([station(0, 300, 40), station(1, 5_000, 250)])
    const bearing = (d: (typeof drawn)[number]) => (Math.atan2(CENTER.y - d.y, d.x - CENTER.x) * 180) / Math.PI
    expect(bearing(drawn[0]!)).toBeCloseTo(40, 6)
    expect(bearing(drawn[1]!)).toBeCloseTo(250 - 360, 6)
  })

  test('stations where the resident stands are spread around 我, none under it', () => {
    const { plan } = expectTrueDrawing([0, 1, 2].map((i) => station(i, 0, 0)))
    expect(plan.shown).toHaveLength(3)
  })

  test('a selected station far down the list is drawn too, and the ring grows to hold it', () => {
    const far = [...JINPU, station(8, 45_000, 10), station(9, 80_000, 300)]
    const { plan } = expectTrueDrawing(far, far[9]!.id)
    expect(plan.shown.map((s) => s.name)).toContain('站点10')
    expect(plan.scale).toBeGreaterThanOrEqual(80_000)
  })

  test('any stations, anywhere: the drawing keeps every promise, and draws at least the nearest few', () => {
    const stationsArb = fc.array(fc.tuple(fc.double({ min: 0, max: 60_000, noNaN: true }), fc.double({ min: 0, max: 360, noNaN: true })), {
      minLength: 1,
      maxLength: 20,
    })
    fc.assert(
      fc.property(stationsArb, fc.option(fc.nat(19)), (specs, pick) => {
        const stations = specs.map(([m, deg], i) => station(i, m, deg)).sort((a, b) => a.distanceMeters - b.distanceMeters)
        const selectedId = pick === null ? null : (stations[pick]?.id ?? null)
        const { plan } = expectTrueDrawing(stations, selectedId)
        expect(plan.nearestCount).toBeGreaterThanOrEqual(Math.min(stations.length, 4))
        expect(plan.nearestCount).toBeLessThanOrEqual(SKETCH_MAX_STATIONS)
      }),
      { seed: 20261201, numRuns: 300 },
    )
  })
})

test('the markers carry the list’s numbers, each a button saying how far; the caption is below the drawing', () => {
  const stations = JINPU.slice(0, 3)
  render(<SketchMap center={HERE} stations={stations} selectedId={null} onSelect={() => undefined} />)
  const map = screen.getByLabelText('附近社工站示意图')
  expect(
    within(map)
      .getAllByRole('button')
      .map((b) => b.getAttribute('aria-label')),
  ).toEqual(['1号 站点1，300米', '2号 站点2，930米', '3号 站点3，3.5公里'])
  expect(
    within(map)
      .getAllByRole('button')
      .map((b) => b.textContent),
  ).toEqual(['1', '2', '3'])
  const caption = screen.getByText(/^示意图/)
  expect(caption).toHaveTextContent('示意图 · 最近 3 个站点 · 外圈约 3.9公里')
  expect(map).not.toContainElement(caption)
})

test('a selected station beyond the nearest eight is named in the caption by its number', () => {
  const stations = [...JINPU, station(8, 45_000, 10), station(9, 80_000, 300)]
  render(<SketchMap center={HERE} stations={stations} selectedId={stations[9]!.id} onSelect={() => undefined} />)
  expect(screen.getByText(/^示意图/)).toHaveTextContent('示意图 · 最近 8 个站点及 10 号 · 外圈约 88公里')
  expect(screen.getByRole('button', { name: '10号 站点10，80公里' })).toHaveClass('sketch-map__marker--selected')
})
