/**
 * The h5 build's schematic map: every listed station must be visible and
 * tappable — none hidden under the resident's 我 or under another marker —
 * and each keeps its direction from the resident.
 */
import { render, screen, within } from '@testing-library/react'
import { layoutSketch, SKETCH_BOX, SketchMap, sketchScale } from '@/components/SketchMap'
import type { NearbyStation } from '@contract/types'
import { MINXIN } from './fixtures'

const HERE = { lat: 39.0543, lng: 121.7634 }
/** A point `m` metres from HERE at `deg` degrees (0 = east, 90 = north). */
const at = (m: number, deg: number) => ({
  lat: HERE.lat + (m * Math.sin((deg * Math.PI) / 180)) / 111_320,
  lng: HERE.lng + (m * Math.cos((deg * Math.PI) / 180)) / (111_320 * Math.cos((HERE.lat * Math.PI) / 180)),
})
/** In design px: the box is 702 × 440. */
const px = (p: { x: number; y: number }) => ({ x: (p.x / 100) * SKETCH_BOX.width, y: (p.y / 100) * SKETCH_BOX.height })

// As in 金普新区: two stations within a kilometre, the rest up to 30 km away, two of them almost on top of each other.
const POINTS = [at(300, 40), at(930, 60), at(3_600, 100), at(5_000, 120), at(21_000, 220), at(24_000, 200), at(29_000, 215), at(29_100, 216)]

describe('layoutSketch', () => {
  const pos = layoutSketch(HERE, POINTS, 32_000).map(px)

  test('no marker overlaps another (88 px markers, up to 112 px when selected in 长辈模式)', () => {
    for (let i = 0; i < pos.length; i++)
      for (let j = i + 1; j < pos.length; j++) expect(Math.hypot(pos[i]!.x - pos[j]!.x, pos[i]!.y - pos[j]!.y)).toBeGreaterThanOrEqual(112)
  })

  test('no marker covers the resident in the middle, even the one 300 m away', () => {
    for (const p of pos) expect(Math.hypot(p.x - 351, p.y - 220)).toBeGreaterThanOrEqual(56 / 2 + 112 / 2)
  })

  test('every marker is inside the box, above the caption along its bottom edge', () => {
    for (const p of pos) {
      expect(p.x).toBeGreaterThanOrEqual(56)
      expect(p.x).toBeLessThanOrEqual(SKETCH_BOX.width - 56)
      expect(p.y).toBeGreaterThanOrEqual(56)
      expect(p.y).toBeLessThanOrEqual(SKETCH_BOX.height - 44 - 56)
    }
  })

  test('directions are kept: north-east stays up and right, south-west down and left', () => {
    expect(pos[0]!.x).toBeGreaterThan(351)
    expect(pos[0]!.y).toBeLessThan(220)
    expect(pos[4]!.x).toBeLessThan(351)
    expect(pos[4]!.y).toBeGreaterThan(220)
  })

  test('a station at the resident’s own position is still shown beside them', () => {
    const [p] = layoutSketch(HERE, [HERE], 500).map(px)
    expect(Math.hypot(p!.x - 351, p!.y - 220)).toBeGreaterThanOrEqual(56 / 2 + 112 / 2)
  })
})

test('the map numbers every station in the list’s order, each one a button saying how far it is', () => {
  const stations: NearbyStation[] = POINTS.slice(0, 3).map((location, i) => ({
    ...MINXIN,
    id: `0b7c1a52-0000-4000-8000-00000000010${i}`,
    name: `站点${i + 1}`,
    location,
    distanceMeters: [300, 930, 3_600][i]!,
  }))
  expect(sketchScale(stations)).toBeCloseTo(3_960)
  render(<SketchMap center={HERE} stations={stations} selectedId={null} onSelect={() => undefined} />)
  const map = screen.getByLabelText('附近社工站示意图')
  expect(within(map).getAllByRole('button').map((b) => b.getAttribute('aria-label'))).toEqual(['1号 站点1，300米', '2号 站点2，930米', '3号 站点3，3.6公里'])
  expect(map).toHaveTextContent('外圈约 4公里')
})
