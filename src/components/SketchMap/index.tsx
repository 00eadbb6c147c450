/**
 * The h5 build's map: a schematic of where the nearest stations are relative
 * to the resident (no map tiles, no key, no network). North is up. Each
 * marker carries the station's number in the list below.
 *
 * What the drawing promises, and `layoutSketch` keeps (tested):
 *   - drawn distance from 我 grows with true distance (a square-root scale, so
 *     300 m and 30 km both fit); a farther station is never drawn nearer;
 *   - every marker lies wholly inside the ring, which stands for 外圈约 …;
 *   - no marker overlaps another or 我 (at the largest size, 长辈模式's
 *     selected marker), and the caption sits below the drawing;
 *   - each marker keeps its true bearing, turned only as far as needed to
 *     make room for a nearer one.
 * When the nearest stations cannot all be placed that way, the farthest are
 * left off the drawing (they stay in the list) and the caption says how many
 * are drawn.
 */
import { Text, View } from '@tarojs/components'
import type { LatLng, NearbyStation } from '@contract/types'
import { formatDistance } from '@domain/format'
import './index.scss'

export interface SketchMapProps {
  center: LatLng
  stations: NearbyStation[]
  selectedId: string | null
  onSelect: (id: string) => void
}

/** The drawing in design px (index.scss keeps this aspect ratio); 我 in the middle. */
export const SKETCH_BOX = { width: 702, height: 680 }
const CX = SKETCH_BOX.width / 2
const CY = SKETCH_BOX.height / 2
/** The ring's radius (its 2 px dashed line included). */
export const RING_RADIUS = 330
/** The largest marker (长辈模式, selected: index.scss), 我, and the space kept between them. */
export const MARKER_SIZE = 112
export const ME_SIZE = 56
const GAP = 8
/** Nearest and farthest a marker's centre may be drawn from 我 (nearer than R_MIN, few fit around it). */
const R_MIN = 130
const R_MAX = RING_RADIUS - 2 - MARKER_SIZE / 2
/** How far a marker may be turned from its true bearing to make room: a quarter turn. */
const MAX_TURN = Math.PI / 2
/** How many of the nearest stations the drawing tries to show. */
export const SKETCH_MAX_STATIONS = 8

/** Metres east (dx) and north (dy) of the centre (equirectangular, fine at these distances). */
export function offsetMeters(center: LatLng, p: LatLng): { dx: number; dy: number } {
  const mPerDegLat = 111_320
  const mPerDegLng = 111_320 * Math.cos((center.lat * Math.PI) / 180)
  return { dx: (p.lng - center.lng) * mPerDegLng, dy: (p.lat - center.lat) * mPerDegLat }
}

/** The distance the ring stands for: a little beyond the farthest station drawn, at least 500 m. */
export function sketchScale(distances: number[]): number {
  return Math.max(500, Math.max(0, ...distances) * 1.1)
}

export interface SketchPoint {
  location: LatLng
  distanceMeters: number
}

/**
 * Where each point goes, in design px of SKETCH_BOX (north up), or null when
 * they cannot all be placed without breaking a promise above.
 *
 * The radius comes from the distance alone (half square-root scale, half
 * rank, so it strictly grows with distance and near stations do not crowd
 * 我) and is never changed. Markers that would overlap are then turned apart
 * around 我, each pair by half the angle it lacks, until none overlaps; a
 * marker turned more than MAX_TURN from its bearing means the drawing holds
 * too many stations.
 */
export function layoutSketch(center: LatLng, points: SketchPoint[], scaleMeters: number): { x: number; y: number }[] | null {
  const n = points.length
  const order = points.map((_, i) => i).sort((a, b) => points[a]!.distanceMeters - points[b]!.distanceMeters || a - b)
  const radius = new Array<number>(n)
  const bearing = new Array<number>(n)
  const hasBearing = new Array<boolean>(n)
  for (const [rank, i] of order.entries()) {
    const p = points[i]!
    const share = Math.sqrt(Math.min(p.distanceMeters, scaleMeters) / scaleMeters)
    radius[i] = R_MIN + (R_MAX - R_MIN) * (0.5 * share + (0.5 * rank) / Math.max(n - 1, 1))
    const { dx, dy } = offsetMeters(center, p.location)
    // A station where the resident stands has no bearing: spread such stations around 我.
    hasBearing[i] = Math.hypot(dx, dy) >= 1
    bearing[i] = hasBearing[i] ? Math.atan2(dy, dx) : Math.PI / 2 - (rank * 2 * Math.PI) / Math.max(n, 1)
  }
  // Equally far stations share a radius; farther ones must be drawn farther: keep the order exact.
  for (let k = 1; k < n; k++) {
    const a = order[k - 1]!
    const b = order[k]!
    if (points[b]!.distanceMeters === points[a]!.distanceMeters) radius[b] = radius[a]!
  }
  const angle = [...bearing]
  const minGap = MARKER_SIZE + GAP
  const wrap = (t: number) => Math.atan2(Math.sin(t), Math.cos(t))
  for (let round = 0; round < 400; round++) {
    let moved = false
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const ri = radius[i]!
        const rj = radius[j]!
        // The angle between them at which they just clear each other (law of cosines).
        const cos = (ri * ri + rj * rj - minGap * minGap) / (2 * ri * rj)
        if (cos >= 1) continue // far enough apart by radius alone
        const needed = Math.acos(Math.max(-1, cos))
        const between = wrap(angle[j]! - angle[i]!)
        if (Math.abs(between) >= needed - 1e-9) continue
        const side = between !== 0 ? Math.sign(between) : wrap(bearing[j]! - bearing[i]!) >= 0 ? 1 : -1
        const push = (needed - Math.abs(between)) / 2 + 1e-4
        angle[i] = angle[i]! - side * push
        angle[j] = angle[j]! + side * push
        moved = true
      }
    }
    if (!moved) break
  }
  const pos = angle.map((t, i) => ({ x: CX + Math.cos(t) * radius[i]!, y: CY - Math.sin(t) * radius[i]! }))
  for (let i = 0; i < n; i++) {
    if (hasBearing[i] && Math.abs(wrap(angle[i]! - bearing[i]!)) > MAX_TURN) return null
    for (let j = i + 1; j < n; j++) if (Math.hypot(pos[i]!.x - pos[j]!.x, pos[i]!.y - pos[j]!.y) < MARKER_SIZE) return null
  }
  return pos
}

/** The stations drawn (the nearest that fit, and the selected one), where, and the ring's distance. */
export function planSketch(center: LatLng, stations: NearbyStation[], selectedId: string | null) {
  const byDistance = [...stations].sort((a, b) => a.distanceMeters - b.distanceMeters)
  for (let n = Math.min(SKETCH_MAX_STATIONS, byDistance.length); n >= 0; n--) {
    const nearest = byDistance.slice(0, n)
    const selected = stations.find((s) => s.id === selectedId && !nearest.includes(s))
    const shown = selected ? [...nearest, selected] : nearest
    const scale = sketchScale(shown.map((s) => s.distanceMeters))
    const positions = layoutSketch(center, shown, scale)
    if (positions) return { shown, nearestCount: n, selected: selected ?? null, positions, scale }
  }
  // Unreachable: no station at all always fits.
  return { shown: [], nearestCount: 0, selected: null, positions: [], scale: 500 }
}

const pct = (v: number, of: number) => `${(v / of) * 100}%`

export function SketchMap({ center, stations, selectedId, onSelect }: SketchMapProps) {
  const plan = planSketch(center, stations, selectedId)
  const number = (s: NearbyStation) => stations.indexOf(s) + 1
  const { width: W, height: H } = SKETCH_BOX
  return (
    <View className='sketch'>
      <View className='sketch-map' ariaLabel='附近社工站示意图'>
        <View
          className='sketch-map__ring'
          style={{
            left: pct(CX - RING_RADIUS, W),
            top: pct(CY - RING_RADIUS, H),
            width: pct(2 * RING_RADIUS, W),
            height: pct(2 * RING_RADIUS, H),
          }}
        />
        <Text className='sketch-map__north'>↑北</Text>
        <View className='sketch-map__me' style={{ left: '50%', top: '50%' }} ariaLabel='您的位置'>
          <Text className='sketch-map__me-label'>我</Text>
        </View>
        {plan.shown.map((s, k) => {
          const { x, y } = plan.positions[k]!
          return (
            <View
              key={s.id}
              className={`sketch-map__marker${selectedId === s.id ? ' sketch-map__marker--selected' : ''}`}
              style={{ left: pct(x, W), top: pct(y, H) }}
              onClick={() => onSelect(s.id)}
              ariaRole='button'
              ariaLabel={`${number(s)}号 ${s.name}，${formatDistance(s.distanceMeters)}`}
            >
              <Text>{number(s)}</Text>
            </View>
          )
        })}
      </View>
      <Text className='sketch-map__scale'>
        示意图 · 最近 {plan.nearestCount} 个站点{plan.selected ? `及 ${number(plan.selected)} 号` : ''} · 外圈约{' '}
        {formatDistance(plan.scale)}
      </Text>
    </View>
  )
}

export default SketchMap
