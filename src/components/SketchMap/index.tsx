/**
 * The h5 build's map: a schematic of where the listed stations are relative to
 * the resident (no map tiles are needed). Each station keeps its true bearing
 * from the resident; its distance is drawn on a square-root scale up to the
 * outer ring, so that a station 300 m away and one 30 km away both fit, and
 * markers are then nudged apart so that none hides another or the resident.
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

/** The box in design px (as in index.scss: 750 wide minus the margins, 440 high). */
export const SKETCH_BOX = { width: 702, height: 440 }
/** Marker and resident sizes in design px (index.scss; the largest, 长辈模式's selected marker, counts). */
const MARKER = 112
const ME = 56
const GAP = 6
/** The caption along the bottom edge (示意图 · … · 外圈约 …), kept clear of markers. */
const CAPTION = 44

/** Metres east (dx) and north (dy) of the centre (equirectangular, fine at these distances). */
export function offsetMeters(center: LatLng, p: LatLng): { dx: number; dy: number } {
  const mPerDegLat = 111_320
  const mPerDegLng = 111_320 * Math.cos((center.lat * Math.PI) / 180)
  return { dx: (p.lng - center.lng) * mPerDegLng, dy: (p.lat - center.lat) * mPerDegLat }
}

/** The ring's radius: enough for the nearest few stations. */
export function sketchScale(stations: NearbyStation[]): number {
  const sorted = stations.map((s) => s.distanceMeters).sort((a, b) => a - b)
  const reference = sorted[Math.min(sorted.length, 8) - 1] ?? 0
  return Math.max(500, reference * 1.1)
}

/**
 * Where each station goes in the box, in % of its width and height (north up).
 * Pure, so it can be tested: no two markers overlap, none covers the resident,
 * all stay inside the box.
 */
export function layoutSketch(center: LatLng, points: LatLng[], scaleMeters: number, box = SKETCH_BOX): { x: number; y: number }[] {
  const { width: w, height: h } = box
  const cx = w / 2
  const cy = h / 2
  const rx = w * 0.45
  const ry = h * 0.45
  // Nearest allowed to the resident, as a fraction of the ring (measured on its short axis).
  const minR = Math.min(0.9, (ME / 2 + MARKER / 2 + GAP) / ry)
  const pos = points.map((p, i) => {
    const { dx, dy } = offsetMeters(center, p)
    const d = Math.hypot(dx, dy)
    // Same place as the resident: spread evenly around them.
    const angle = d < 1 ? (i * 2 * Math.PI) / Math.max(points.length, 1) : Math.atan2(dy, dx)
    const r = minR + (1 - minR) * Math.sqrt(Math.min(d, scaleMeters) / scaleMeters)
    return { x: cx + Math.cos(angle) * r * rx, y: cy - Math.sin(angle) * r * ry }
  })

  const minGap = MARKER + GAP
  const minFromMe = ME / 2 + MARKER / 2 + GAP
  const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v))
  for (let round = 0; round < 60; round++) {
    let moved = false
    for (let i = 0; i < pos.length; i++) {
      for (let j = i + 1; j < pos.length; j++) {
        const a = pos[i]!
        const b = pos[j]!
        let vx = b.x - a.x
        let vy = b.y - a.y
        let dist = Math.hypot(vx, vy)
        if (dist >= minGap) continue
        if (dist < 0.01) {
          // On top of each other: separate along a direction that depends on the pair.
          const t = (i + 1) * 2.399963 + j // golden angle steps
          vx = Math.cos(t)
          vy = Math.sin(t)
          dist = 1
        }
        const push = (minGap - Math.hypot(b.x - a.x, b.y - a.y)) / 2
        a.x -= (vx / dist) * push
        a.y -= (vy / dist) * push
        b.x += (vx / dist) * push
        b.y += (vy / dist) * push
        moved = true
      }
    }
    for (const p of pos) {
      const vx = p.x - cx
      const vy = p.y - cy
      const dist = Math.hypot(vx, vy)
      if (dist < minFromMe) {
        const ux = dist < 0.01 ? 1 : vx / dist
        const uy = dist < 0.01 ? 0 : vy / dist
        p.x = cx + ux * minFromMe
        p.y = cy + uy * minFromMe
        moved = true
      }
      p.x = clamp(p.x, MARKER / 2, w - MARKER / 2)
      p.y = clamp(p.y, MARKER / 2, h - CAPTION - MARKER / 2)
    }
    if (!moved) break
  }
  return pos.map((p) => ({ x: (p.x / w) * 100, y: (p.y / h) * 100 }))
}

export function SketchMap({ center, stations, selectedId, onSelect }: SketchMapProps) {
  const scale = sketchScale(stations)
  const shown = stations.filter((s) => s.distanceMeters <= scale || s.id === selectedId)
  const positions = layoutSketch(
    center,
    shown.map((s) => s.location),
    scale,
  )
  return (
    <View className='sketch-map' ariaLabel='附近社工站示意图'>
      <View className='sketch-map__ring' />
      <View className='sketch-map__me' style={{ left: '50%', top: '50%' }} ariaLabel='您的位置'>
        <Text className='sketch-map__me-label'>我</Text>
      </View>
      {shown.map((s, k) => {
        const i = stations.indexOf(s)
        const { x, y } = positions[k]!
        return (
          <View
            key={s.id}
            className={`sketch-map__marker${selectedId === s.id ? ' sketch-map__marker--selected' : ''}`}
            style={{ left: `${x}%`, top: `${y}%` }}
            onClick={() => onSelect(s.id)}
            ariaRole='button'
            ariaLabel={`${i + 1}号 ${s.name}，${formatDistance(s.distanceMeters)}`}
          >
            <Text>{i + 1}</Text>
          </View>
        )
      })}
      <Text className='sketch-map__scale'>
        示意图 · 最近 {shown.length} 个站点 · 外圈约 {formatDistance(scale)}
      </Text>
    </View>
  )
}

export default SketchMap
