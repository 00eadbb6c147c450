/** Builds the area tree residents pick from when they don't share their location. */
import type { AreaNode } from '../../contract/types'

export interface AreaRow {
  province: string
  city: string
  district: string
  street: string | null
  community: string | null
  station_count: number
  lat: number
  lng: number
}

interface Acc {
  node: AreaNode
  latSum: number
  lngSum: number
  children: Map<string, Acc>
}

const collator = new Intl.Collator('zh-CN')

/**
 * Rows are station counts and mean coordinates per (province, city, district,
 * street, community); a null street (a district or city centre) counts at district level.
 * Each node's centre is the station-weighted mean of what lies below it.
 */
export function buildAreaTree(rows: AreaRow[]): AreaNode[] {
  const root = new Map<string, Acc>()
  const child = (map: Map<string, Acc>, name: string, level: AreaNode['level']): Acc => {
    let acc = map.get(name)
    if (!acc) {
      acc = { node: { name, level, center: { lat: 0, lng: 0 }, stationCount: 0, children: [] }, latSum: 0, lngSum: 0, children: new Map() }
      map.set(name, acc)
    }
    return acc
  }
  for (const r of rows) {
    const path = [child(root, r.province, 'province')]
    path.push(child(path[0]!.children, r.city, 'city'))
    path.push(child(path[1]!.children, r.district, 'district'))
    if (r.street) path.push(child(path[2]!.children, r.street, 'street'))
    if (r.street && r.community) path.push(child(path[3]!.children, r.community, 'community'))
    for (const acc of path) {
      acc.node.stationCount += r.station_count
      acc.latSum += r.lat * r.station_count
      acc.lngSum += r.lng * r.station_count
    }
  }
  const finish = (map: Map<string, Acc>): AreaNode[] =>
    [...map.values()]
      .map((acc) => ({
        ...acc.node,
        center: {
          lat: Math.round((acc.latSum / acc.node.stationCount) * 1e6) / 1e6,
          lng: Math.round((acc.lngSum / acc.node.stationCount) * 1e6) / 1e6,
        },
        children: finish(acc.children),
      }))
      .sort((a, b) => collator.compare(a.name, b.name))
  return finish(root)
}
