/**
 * The h5 build's map: a schematic of where the listed stations are relative to
 * the resident (no map tiles are needed). Positions are an equirectangular
 * projection around the resident, scaled to fit the farthest station.
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

export function project(center: LatLng, p: LatLng, scaleMeters: number): { x: number; y: number } {
  const mPerDegLat = 111_320
  const mPerDegLng = 111_320 * Math.cos((center.lat * Math.PI) / 180)
  const dx = (p.lng - center.lng) * mPerDegLng
  const dy = (p.lat - center.lat) * mPerDegLat
  // 50% ± 45% of the box, north up.
  return { x: 50 + (dx / scaleMeters) * 45, y: 50 - (dy / scaleMeters) * 45 }
}

/** The ring's radius: enough for the nearest few stations, so that they do not pile up in the middle. */
export function sketchScale(stations: NearbyStation[]): number {
  const sorted = stations.map((s) => s.distanceMeters).sort((a, b) => a - b)
  const reference = sorted[Math.min(sorted.length, 8) - 1] ?? 0
  return Math.max(500, reference * 1.1)
}

export function SketchMap({ center, stations, selectedId, onSelect }: SketchMapProps) {
  const scale = sketchScale(stations)
  const shown = stations.filter((s) => s.distanceMeters <= scale || s.id === selectedId)
  return (
    <View className='sketch-map' ariaLabel='附近社工站示意图'>
      <View className='sketch-map__ring' />
      <View className='sketch-map__me' style={{ left: '50%', top: '50%' }} ariaLabel='您的位置'>
        <Text className='sketch-map__me-label'>我</Text>
      </View>
      {shown.map((s) => {
        const i = stations.indexOf(s)
        const { x, y } = project(center, s.location, Math.max(scale, s.distanceMeters))
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
