/**
 * Exact k-nearest search on the sphere, in memory: points become unit vectors
 * in 3-D (as earthdistance's ll_to_earth does on its cube), a static k-d tree
 * orders them, and the chord between two unit vectors grows with their
 * great-circle distance, so the k smallest chords are the k nearest points —
 * the same order as PostgreSQL's `ll_to_earth(…) <-> ll_to_earth(…)`.
 *
 * Built once for a set of points (O(n log² n)), queried in about O(log n + k).
 * A filter skips points without losing exactness: the search only stops
 * descending where no point of a subtree can be nearer than the k-th found.
 */
import { EARTH_RADIUS_METERS, type LatLng } from './geo'

const RAD = Math.PI / 180

/** The point's unit vector, written at `out[offset…offset+2]`. */
function unitVector(p: LatLng, out: Float64Array, offset: number): void {
  const lat = p.lat * RAD
  const lng = p.lng * RAD
  out[offset] = Math.cos(lat) * Math.cos(lng)
  out[offset + 1] = Math.cos(lat) * Math.sin(lng)
  out[offset + 2] = Math.sin(lat)
}

/** The great-circle distance (earthdistance's sphere) of a chord between unit vectors. */
export const chordToMeters = (chord: number) => 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, chord / 2))

/** The great-circle distance between two points, computed exactly as the index computes it. */
export function metersBetween(a: LatLng, b: LatLng): number {
  const vectors = new Float64Array(6)
  unitVector(a, vectors, 0)
  unitVector(b, vectors, 3)
  const dx = vectors[0]! - vectors[3]!
  const dy = vectors[1]! - vectors[4]!
  const dz = vectors[2]! - vectors[5]!
  return chordToMeters(Math.sqrt(dx * dx + dy * dy + dz * dz))
}

export interface Nearest {
  /** The point's position in the array the index was built from. */
  index: number
  meters: number
}

export interface NearestIndex {
  readonly size: number
  /** The `k` points nearest to `at` that pass `accept`, nearest first (ties: the earlier point first). */
  nearest(at: LatLng, k: number, accept?: (index: number) => boolean): Nearest[]
}

export function buildNearestIndex(points: readonly LatLng[]): NearestIndex {
  const count = points.length
  const xyz = new Float64Array(count * 3)
  points.forEach((p, i) => unitVector(p, xyz, i * 3))
  // The tree as an implicit array: order[lo..hi) is a subtree whose middle
  // element splits it on axis (depth mod 3): everything before it is not
  // greater on that axis, everything after not smaller (Hoare's selection, in place).
  const order = Int32Array.from({ length: count }, (_, i) => i)
  const key = (slot: number, axis: number) => xyz[order[slot]! * 3 + axis]!
  const swap = (a: number, b: number) => {
    const held = order[a]!
    order[a] = order[b]!
    order[b] = held
  }
  const select = (lo: number, hi: number, k: number, axis: number) => {
    let left = lo
    let right = hi - 1
    while (right > left) {
      const pivot = key((left + right) >> 1, axis)
      let i = left
      let j = right
      while (i <= j) {
        while (key(i, axis) < pivot) i++
        while (key(j, axis) > pivot) j--
        if (i <= j) swap(i++, j--)
      }
      if (k <= j) right = j
      else if (k >= i) left = i
      else return
    }
  }
  const build = (lo: number, hi: number, axis: number) => {
    if (hi - lo <= 1) return
    const mid = (lo + hi) >> 1
    select(lo, hi, mid, axis)
    build(lo, mid, (axis + 1) % 3)
    build(mid + 1, hi, (axis + 1) % 3)
  }
  build(0, count, 0)

  return {
    size: count,
    nearest(at, k, accept) {
      if (k <= 0 || count === 0) return []
      const query = new Float64Array(3)
      unitVector(at, query, 0)
      // The best so far, sorted by (squared chord, position), worst last.
      const bestD = new Float64Array(k)
      const bestI = new Int32Array(k)
      let found = 0
      const offer = (index: number) => {
        const dx = xyz[index * 3]! - query[0]!
        const dy = xyz[index * 3 + 1]! - query[1]!
        const dz = xyz[index * 3 + 2]! - query[2]!
        const d2 = dx * dx + dy * dy + dz * dz
        if (found === k && (d2 > bestD[k - 1]! || (d2 === bestD[k - 1]! && index > bestI[k - 1]!))) return
        if (accept && !accept(index)) return
        let slot = found === k ? k - 1 : found++
        while (slot > 0 && (bestD[slot - 1]! > d2 || (bestD[slot - 1]! === d2 && bestI[slot - 1]! > index))) {
          bestD[slot] = bestD[slot - 1]!
          bestI[slot] = bestI[slot - 1]!
          slot--
        }
        bestD[slot] = d2
        bestI[slot] = index
      }
      const search = (lo: number, hi: number, axis: number) => {
        if (lo >= hi) return
        const mid = (lo + hi) >> 1
        const index = order[mid]!
        offer(index)
        const diff = query[axis]! - xyz[index * 3 + axis]!
        const next = axis === 2 ? 0 : axis + 1
        if (diff < 0) search(lo, mid, next)
        else search(mid + 1, hi, next)
        // The other side can only hold a nearer point when the splitting plane is nearer than the k-th (ties included).
        if (found < k || diff * diff <= bestD[k - 1]!) {
          if (diff < 0) search(mid + 1, hi, next)
          else search(lo, mid, next)
        }
      }
      search(0, count, 0)
      return Array.from({ length: found }, (_, i) => ({ index: bestI[i]!, meters: chordToMeters(Math.sqrt(bestD[i]!)) }))
    },
  }
}
