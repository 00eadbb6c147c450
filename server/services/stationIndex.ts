/**
 * 附近的社工站 from memory: every instance holds the open stations (with their
 * exceptions) and an exact nearest-point index over them (domain/nearestIndex),
 * so a search costs one statement that finds nothing — the stations changed
 * since this instance last looked (migration 026: change_seq grows in commit
 * order) — instead of a KNN query and an exceptions query on the database's
 * one session (PGlite) or pool.
 *
 * A change made anywhere (the workbench, another instance, SQL by hand) is seen
 * by the next search: closed stations leave at once, edited ones are replaced.
 * A few changed stations are searched beside the index (a short list); past
 * OVERLAY_MAX they are folded into a new index. A large change (more than
 * PAGE_ROWS stations: an import) is read in pages in the background while
 * searches are answered from the stations as they were; the instance that
 * imported reads it before the import answers (refreshStationIndex).
 *
 * Routing a help request reads the same stations (heldStations, freshStations):
 * one source of truth for both, live as the search is. A state, once made, is
 * never changed (a change makes a new one), so a read through a transaction
 * (routing) and a search's read may run at once; the state kept is the one
 * that read station_writes last.
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
  /** 服务范围: communities and streets of its district it also covers (routing). */
  coverage: readonly string[]
  exceptions: StationException[]
  /** Its special days, as last computed (for one China day and one version of the calendar). */
  special?: { key: string; days: DayHours[] }
}

export interface Held {
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
/** A large change being read in pages: searches meanwhile are answered from the stations held before it. */
const paging = new WeakMap<Queryable, Promise<Held>>()

/**
 * Changed stations a statement reads. As many or fewer (an edit, a closing, a
 * small file): the search that found them waits for that one statement, and
 * sees them. More (an import): the rest is read in pages, a turn of the event
 * loop between two — on PGlite every statement holds the API's only thread —
 * while searches are answered from the stations as they were (see `current`).
 */
const PAGE_ROWS = 250

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

function rebuild(h: Pick<Held, 'writes' | 'generation' | 'seq' | 'byId'>): Held {
  const indexed = [...h.byId.values()]
  return { ...h, indexed, index: buildNearestIndex(indexed.map((s) => s.summary.location)), stale: new Set(), overlay: [] }
}

const heldOf = (change: ChangedStation): HeldStation => ({
  summary: change.summary,
  coverage: change.coverage,
  exceptions: change.exceptions,
})

/** A new state: `h` with `changes` (h itself is left as it is); the index is rebuilt at most once. */
function apply(h: Held, changes: ChangedStation[]): Held {
  if (changes.length === 0) return h
  const next = { ...h, byId: new Map(h.byId), stale: new Set(h.stale) }
  for (const change of changes) {
    if (change.closed) next.byId.delete(change.summary.id)
    else next.byId.set(change.summary.id, heldOf(change))
    next.stale.add(change.summary.id)
    next.seq = Math.max(next.seq, change.seq)
  }
  if (next.stale.size > OVERLAY_MAX) return rebuild(next)
  next.overlay = [...next.stale].flatMap((id) => next.byId.get(id) ?? [])
  return next
}

/** The state of `last` (or of nothing, the first read) with `changes`, as of `writes`. */
function stateWith(last: Held | undefined, writes: number, generation: number | undefined, changes: ChangedStation[]): Held {
  if (last) return apply({ ...last, writes, generation }, changes)
  const byId = new Map<string, HeldStation>()
  let seq = 0
  for (const change of changes) {
    if (!change.closed) byId.set(change.summary.id, heldOf(change))
    seq = Math.max(seq, change.seq)
  }
  return rebuild({ writes, generation, seq, byId })
}

/** Keeps `next` unless a state that read station_writes later is already kept. */
function keep(db: Queryable, next: Held): Held {
  const kept = held.get(db)
  if (!kept || kept.writes <= next.writes) held.set(db, next)
  return next
}

/**
 * `first` (a full page) and every change after it, a page a statement with a
 * turn of the event loop between two. Separate statements need no common
 * snapshot: change_seq grows in commit order, so a station written meanwhile
 * comes again in a later page, with a higher number, as it is now.
 */
async function withPagesAfter(via: Queryable, first: ChangedStation[]): Promise<ChangedStation[]> {
  const changes = [...first]
  let page = first
  while (page.length === PAGE_ROWS) {
    await nextTurn()
    page = await stationChangesSince(via, page[page.length - 1]!.seq, PAGE_ROWS)
    for (const change of page) changes.push(change)
  }
  return changes
}

/**
 * The stations as of now, read through `via` (the database, or a transaction
 * of it). A large change is read in pages; with `inBackground` (a search, and
 * stations already held) the stations held are returned at once and the
 * pages are read meanwhile (`paging`); else the caller waits for them.
 */
async function readThrough(db: Queryable & { writes?: () => number }, via: Queryable, inBackground = false): Promise<Held> {
  const generation = db.writes?.()
  const last = held.get(db)
  const writes = await stationWrites(via)
  if (last && last.writes === writes) return keep(db, { ...last, generation })
  const first = await stationChangesSince(via, last?.seq ?? 0, PAGE_ROWS)
  if (first.length < PAGE_ROWS) return keep(db, stateWith(last, writes, generation, first))
  const read = withPagesAfter(via, first).then((changes) => keep(db, stateWith(last, writes, generation, changes)))
  if (!inBackground || !last) return read
  // A failed read is left to the next search, which reads again (the stations held still answer meanwhile).
  searchPrevious(db, read).catch(() => undefined)
  return last
}

/** While `read` runs, searches are answered from the stations held before it. */
function searchPrevious(db: Queryable, read: Promise<Held>): Promise<Held> {
  paging.set(db, read)
  const done = () => {
    if (paging.get(db) === read) paging.delete(db)
  }
  read.then(done, done)
  return read
}

/**
 * The stations as of now, for a search. On PGlite, when nothing was written
 * since the last look (Database.writes), from memory alone; else it reads
 * station_writes and, when that moved, what changed: a few stations at once,
 * many (an import on another instance, or by SQL) in the background, the
 * stations held answering meanwhile. Searches that arrive during a read share
 * it, unless something was written after it began.
 */
async function current(db: Queryable & { writes?: () => number }): Promise<Held> {
  const generation = db.writes?.()
  const before = held.get(db)
  if (before && generation !== undefined && before.generation === generation) return before
  if (before && paging.has(db)) return before
  const pending = refreshing.get(db)
  if (pending && pending.writes === generation) return pending.read
  if (pending) {
    await pending.read.catch(() => undefined)
    const now = held.get(db)
    if (now && paging.has(db)) return now
  }
  const read = readThrough(db, db, true)
  refreshing.set(db, { writes: generation, read })
  try {
    return await read
  } finally {
    if (refreshing.get(db)?.read === read) refreshing.delete(db)
  }
}

/**
 * Reads what changed, every page of it, before it resolves; searches meanwhile
 * are answered from the stations held before. The import calls it after its
 * commit, so that its "done" means this instance's residents find the new
 * stations (other instances: at their next search, once read in the background).
 */
export async function refreshStationIndex(db: Queryable): Promise<void> {
  if (!held.has(db)) return
  await paging.get(db)?.catch(() => undefined)
  // The change is committed whatever happens here: a failed read is the next search's to do again.
  await searchPrevious(db, readThrough(db, db)).catch(() => undefined)
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
  const fits = (s: HeldStation) => (!o.kind || s.summary.kind === o.kind) && (!o.service || s.summary.services.includes(o.service))
  return nearestIn(await current(db), o, o.limit, fits)
}

/** The `limit` stations of a state nearest to `at` that pass `fits`. */
export function nearestIn(now: Held, at: { lat: number; lng: number }, limit: number, fits: (s: HeldStation) => boolean): Found[] {
  const fromIndex = now.index
    .nearest(at, limit, (i) => {
      const station = now.indexed[i]!
      return !now.stale.has(station.summary.id) && fits(station)
    })
    .map((n) => ({ station: now.indexed[n.index]!, distanceMeters: n.meters, order: n.index }))
  if (now.overlay.length === 0) return fromIndex
  const fromOverlay = now.overlay
    .filter(fits)
    .map((station) => ({ station, distanceMeters: metersBetween(at, station.summary.location), order: Number.MAX_SAFE_INTEGER }))
  return [...fromIndex, ...fromOverlay].sort((a, b) => a.distanceMeters - b.distanceMeters || a.order - b.order).slice(0, limit)
}

/**
 * The stations as this instance holds them, without a statement (the first
 * time, read through `via`). For routing: its caller checks `writes` against
 * station_writes in a statement it makes anyway, and reads freshStations when
 * they differ. `via` is the caller's transaction: on PGlite a statement outside
 * it would wait for the transaction that waits for it.
 */
export async function heldStations(db: Queryable, via: Queryable): Promise<Held> {
  return held.get(db) ?? readThrough(db, via)
}

/** The stations as of now, read through `via` (the caller's transaction). */
export function freshStations(db: Queryable, via: Queryable): Promise<Held> {
  return readThrough(db, via)
}

const byCity = new WeakMap<Held, Map<string, HeldStation[]>>()

/** The open stations of a city in a state (grouped once per state). */
export function stationsInCity(now: Held, city: string): readonly HeldStation[] {
  let cities = byCity.get(now)
  if (!cities) {
    cities = new Map()
    for (const station of now.byId.values()) {
      const list = cities.get(station.summary.area.city)
      if (list) list.push(station)
      else cities.set(station.summary.area.city, [station])
    }
    byCity.set(now, cities)
  }
  return cities.get(city) ?? []
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
