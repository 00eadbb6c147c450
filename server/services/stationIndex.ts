/**
 * 附近的社工站 from memory: every instance holds the open stations (with their
 * exceptions) and an exact nearest-point index over them (domain/nearestIndex),
 * so a search costs one statement that finds nothing — the stations changed
 * since this instance last looked (migration 026: change_seq grows in commit
 * order) — instead of a KNN query and an exceptions query on the database's
 * one session (PGlite) or pool.
 *
 * A change made anywhere (the workbench, an import, another instance, SQL by
 * hand) is seen by the next search: closed stations leave at once, edited ones
 * are replaced. A few changed stations are searched beside the index (a short
 * list); past OVERLAY_MAX they are folded into a new index.
 */
import type { ServiceCategory, StationKind } from '../../contract/enums'
import type { StationSummary } from '../../contract/types'
import { specialDaysAhead, type DayHours, type StationException } from '../../domain/calendar'
import { cstDate } from '../../domain/chinaTime'
import { buildNearestIndex, metersBetween, type NearestIndex } from '../../domain/nearestIndex'
import type { Queryable } from '../db'
import type { LiveCalendar } from './calendar'
import { SPECIAL_DAYS_AHEAD } from './stationDays'
import { stationChangesSince, stationWrites, type ChangedStation } from '../repositories/stations'

/** Changed stations kept beside the index before it is rebuilt (a rebuild of 50,000 takes ~100 ms). */
const OVERLAY_MAX = 256

export interface HeldStation {
  summary: StationSummary
  exceptions: StationException[]
  /** Its special days, as last computed (for one China day and one version of the calendar). */
  special?: { key: string; days: DayHours[] }
}

interface Held {
  /** station_writes.writes when last read: unchanged means no station changed since. */
  writes: number
  /** The database's own write count (PGlite) when station_writes was last read. */
  generation: number | undefined
  seq: number
  /** Open stations by id, as last read. */
  byId: Map<string, HeldStation>
  /** The stations the index was built over (some may since have changed). */
  indexed: HeldStation[]
  index: NearestIndex
  /** Ids changed since the index was built: skipped in it, searched in `overlay`. */
  stale: Set<string>
  overlay: HeldStation[]
}

const held = new WeakMap<Queryable, Held>()
/** The read in flight, and the database's write count when it began. */
const refreshing = new WeakMap<Queryable, { writes: number | undefined; read: Promise<Held> }>()

function rebuild(h: Pick<Held, 'writes' | 'generation' | 'seq' | 'byId'>): Held {
  const indexed = [...h.byId.values()]
  return { ...h, indexed, index: buildNearestIndex(indexed.map((s) => s.summary.location)), stale: new Set(), overlay: [] }
}

function apply(h: Held, changes: ChangedStation[]): Held {
  for (const change of changes) {
    if (change.closed) h.byId.delete(change.summary.id)
    else h.byId.set(change.summary.id, { summary: change.summary, exceptions: change.exceptions })
    h.stale.add(change.summary.id)
    h.seq = Math.max(h.seq, change.seq)
  }
  if (h.stale.size > OVERLAY_MAX) return rebuild(h)
  h.overlay = [...h.stale].flatMap((id) => h.byId.get(id) ?? [])
  return h
}

/**
 * The stations as of now. On PGlite, when nothing was written since the last
 * look (Database.writes), from memory alone; else it reads station_writes and,
 * when that moved, what changed. Searches that arrive during a read share it,
 * unless something was written after it began.
 */
async function current(db: Queryable & { writes?: () => number }): Promise<Held> {
  const generation = db.writes?.()
  const before = held.get(db)
  if (before && generation !== undefined && before.generation === generation) return before
  const pending = refreshing.get(db)
  if (pending && pending.writes === generation) return pending.read
  if (pending) await pending.read.catch(() => undefined)
  const read = (async () => {
    const last = held.get(db)
    const writes = await stationWrites(db)
    if (last && last.writes === writes) {
      const same = { ...last, generation }
      held.set(db, same)
      return same
    }
    const changes = await stationChangesSince(db, last?.seq ?? 0)
    let next: Held
    if (!last) {
      const byId = new Map<string, HeldStation>()
      let seq = 0
      for (const change of changes) {
        if (!change.closed) byId.set(change.summary.id, { summary: change.summary, exceptions: change.exceptions })
        seq = Math.max(seq, change.seq)
      }
      next = rebuild({ writes, generation, seq, byId })
    } else next = apply({ ...last, writes, generation }, changes)
    held.set(db, next)
    return next
  })()
  refreshing.set(db, { writes: generation, read })
  try {
    return await read
  } finally {
    if (refreshing.get(db)?.read === read) refreshing.delete(db)
  }
}

/** Reads every station before the first search needs them (the server's start). */
export async function warmStationIndex(db: Queryable): Promise<void> {
  await current(db)
}

export interface NearbySearch {
  lat: number
  lng: number
  limit: number
  kind?: StationKind
  service?: ServiceCategory
}

export interface Found {
  station: HeldStation
  distanceMeters: number
}

/** The `limit` open stations nearest to a point, exactly by great-circle distance (ties: the station read first). */
export async function nearbyStations(db: Queryable, o: NearbySearch): Promise<Found[]> {
  const now = await current(db)
  const fits = (s: HeldStation) => (!o.kind || s.summary.kind === o.kind) && (!o.service || s.summary.services.includes(o.service))
  const fromIndex = now.index
    .nearest(o, o.limit, (i) => {
      const station = now.indexed[i]!
      return !now.stale.has(station.summary.id) && fits(station)
    })
    .map((n) => ({ station: now.indexed[n.index]!, distanceMeters: n.meters, order: n.index }))
  if (now.overlay.length === 0) return fromIndex
  const fromOverlay = now.overlay
    .filter(fits)
    .map((station) => ({ station, distanceMeters: metersBetween(o, station.summary.location), order: Number.MAX_SAFE_INTEGER }))
  return [...fromIndex, ...fromOverlay].sort((a, b) => a.distanceMeters - b.distanceMeters || a.order - b.order).slice(0, o.limit)
}

/**
 * Special days of stations without exceptions of their own depend only on their
 * weekly hours: stations share a few patterns, computed once per day and calendar.
 */
const byPattern = new Map<string, DayHours[]>()
const hoursKeys = new WeakMap<HeldStation, string>()

/** A held station's special days ahead of `now` (memoised per China day and calendar version: 14 days of calendar per station per search add up). */
export function heldSpecialDays(calendar: LiveCalendar, now: Date, s: HeldStation): DayHours[] {
  const key = `${cstDate(now)}|${calendar.version}`
  if (s.special?.key === key) return s.special.days
  let days: DayHours[] | undefined
  if (s.exceptions.length === 0) {
    let hours = hoursKeys.get(s)
    if (hours === undefined) hoursKeys.set(s, (hours = JSON.stringify(s.summary.openingHours)))
    const patternKey = `${key}|${hours}`
    days = byPattern.get(patternKey)
    if (!days) {
      if (byPattern.size >= 10_000) byPattern.clear()
      byPattern.set(patternKey, (days = specialDaysAhead(now, SPECIAL_DAYS_AHEAD, s.summary.openingHours, calendar, [])))
    }
  } else days = specialDaysAhead(now, SPECIAL_DAYS_AHEAD, s.summary.openingHours, calendar, s.exceptions)
  s.special = { key, days }
  return days
}
