/**
 * Which station's queue a help request goes to, and why (the resident sees the why).
 *   1. the station the resident chose, if it offers the category;
 *   2. else the lowest-level station covering the resident's area that offers
 *      it: community → street → district → city. A station covers the area it
 *      stands in, and the communities and streets of its district that its
 *      服务范围 (`coverage`) names; at one level, the lower-level station
 *      first (a community's own room before a street station naming it);
 *   3. else the nearest station that offers it.
 */
import type { ServiceCategory, StationKind } from '../contract/enums'
import { SERVICE_CATEGORY_LABELS } from '../contract/enums'
import type { RoutingRule } from '../contract/requests'

export interface RoutableStation {
  id: string
  name: string
  kind: StationKind
  services: readonly ServiceCategory[]
  area: { province: string; city: string; district: string; street: string | null; community: string | null }
  /** 服务范围: names of communities and streets of its district the station also covers. */
  coverage?: readonly string[]
  /** Distance to the resident, when known (for the nearest fallback). */
  distanceMeters?: number
}

export interface ResidentArea {
  province?: string | null
  city?: string | null
  district?: string | null
  street?: string | null
  community?: string | null
}

export interface RoutingDecision {
  stationId: string
  rule: RoutingRule
  reason: string
}

/** Whether the station's 服务范围 names `name` (a community or street of the station's own district). */
const names = (s: RoutableStation, a: ResidentArea, name: string | null | undefined) =>
  !!name && !!s.coverage?.includes(name) && s.area.district === a.district && s.area.city === a.city

const LEVELS: {
  rule: RoutingRule
  covers: (s: RoutableStation, a: ResidentArea) => boolean
  label: (a: ResidentArea) => string
}[] = [
  {
    rule: 'community',
    covers: (s, a) =>
      (s.kind === 'community' &&
        !!a.community &&
        s.area.community === a.community &&
        s.area.street === a.street &&
        s.area.district === a.district) ||
      names(s, a, a.community),
    label: (a) => a.community!,
  },
  {
    rule: 'street',
    covers: (s, a) =>
      (s.kind === 'street' && !!a.street && s.area.street === a.street && s.area.district === a.district && s.area.city === a.city) ||
      names(s, a, a.street),
    label: (a) => a.street!,
  },
  {
    rule: 'district',
    covers: (s, a) => s.kind === 'district' && !!a.district && s.area.district === a.district && s.area.city === a.city,
    label: (a) => a.district!,
  },
  {
    rule: 'city',
    covers: (s, a) => s.kind === 'city' && !!a.city && s.area.city === a.city,
    label: (a) => a.city!,
  },
]

/** Lower levels first when several stations cover the same place. */
const KIND_RANK: Record<StationKind, number> = { community: 0, street: 1, district: 2, city: 3, special: 4, enterprise: 4, school: 4 }

const km = (m: number) => (m < 1000 ? `${Math.round(m)} 米` : `${(m / 1000).toFixed(1)} 公里`)

export function routeRequest(input: {
  category: ServiceCategory
  chosen: RoutableStation | null
  /** Whether the resident chose `chosen` ('chosen'), or it was pre-filled as the station nearest to them ('nearest'). */
  chosenBy?: 'chosen' | 'nearest'
  /** 为家人代办 with the helped person's place: `area` is where they are, and the reason says so. */
  forHelped?: boolean
  area: ResidentArea
  /** Stations that may cover the area (any level), and the nearest ones with distances. */
  candidates: RoutableStation[]
}): RoutingDecision | null {
  const { category, chosen, area, candidates, chosenBy = 'chosen', forHelped = false } = input
  const service = SERVICE_CATEGORY_LABELS[category]
  const named = chosen && (chosenBy === 'nearest' ? `离您最近的「${chosen.name}」` : `「${chosen.name}」`)
  if (chosen && chosen.services.includes(category)) {
    return {
      stationId: chosen.id,
      rule: 'chosen',
      reason: chosenBy === 'nearest' ? `${named}提供${service}，已交给该站` : `您选择了「${chosen.name}」，该站提供${service}`,
    }
  }
  const place = area.community ?? area.street ?? area.district ?? area.city
  const prefix = `${chosen ? `${named}暂不提供${service}，` : ''}${forHelped && place ? `按被帮助人所在的${place}，` : ''}`
  const offering = candidates.filter((s) => s.services.includes(category))
  for (const level of LEVELS) {
    const match = offering
      .filter((s) => level.covers(s, area))
      .sort((a, b) => KIND_RANK[a.kind] - KIND_RANK[b.kind] || (a.distanceMeters ?? Infinity) - (b.distanceMeters ?? Infinity))[0]
    if (match) {
      return { stationId: match.id, rule: level.rule, reason: `${prefix}已交给服务${level.label(area)}的「${match.name}」` }
    }
  }
  const nearest = offering.filter((s) => s.distanceMeters !== undefined).sort((a, b) => a.distanceMeters! - b.distanceMeters!)[0]
  if (nearest) {
    const who = forHelped ? ['被帮助人所在地区', '离该地区最近的'] : ['您所在地区', '离您最近的']
    return {
      stationId: nearest.id,
      rule: 'nearest',
      reason: `${chosen ? `${named}暂不提供${service}，` : ''}${who[0]}暂无提供${service}的社工站，已交给${who[1]}「${nearest.name}」（约 ${km(nearest.distanceMeters!)}）`,
    }
  }
  return null
}

/** A station near the resident's position, with its distance in meters. */
export interface NearbyArea {
  kind: StationKind
  province: string
  city: string
  district: string
  street: string | null
  community: string | null
  distanceMeters: number
}

/**
 * Where a resident who only shared a position lives: the area of the nearest
 * community room within 1.5 km, else of the nearest street station within 5 km
 * (the community only from a room); nothing when neither is that close.
 */
export function inferredArea(nearby: readonly NearbyArea[]): ResidentArea {
  const room = nearby.find((r) => r.kind === 'community' && r.distanceMeters <= 1500)
  const street = nearby.find((r) => r.street && r.distanceMeters <= 5000)
  const best = room ?? street
  if (!best) return {}
  return {
    province: best.province,
    city: best.city,
    district: best.district,
    street: best.street ?? undefined,
    ...(room ? { community: room.community ?? undefined } : {}),
  }
}
