/**
 * Geography shared by the mini-program and the API: great-circle distance on
 * the same sphere as PostgreSQL's earthdistance, and the WGS-84 → GCJ-02
 * transform (browsers report WGS-84; WeChat's map, openLocation and our data use GCJ-02).
 */

export interface LatLng {
  lat: number
  lng: number
}

/** earthdistance's earth() radius, so that client and server distances agree. */
export const EARTH_RADIUS_METERS = 6378168

export function greatCircleMeters(a: LatLng, b: LatLng): number {
  const rad = Math.PI / 180
  const h =
    Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lng - a.lng) * rad) / 2) ** 2
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(h)))
}

/** Rough mainland-China test used by the GCJ-02 transform (outside it, no offset applies). */
export function isInChina(p: LatLng): boolean {
  return p.lng >= 72.004 && p.lng <= 137.8347 && p.lat >= 0.8293 && p.lat <= 55.8271
}

const A = 6378245.0
const EE = 0.006693421622965943 // Krasovsky 1940 e², as a double

function transformLat(x: number, y: number): number {
  let r = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x))
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3
  r += ((20 * Math.sin(y * Math.PI) + 40 * Math.sin((y / 3) * Math.PI)) * 2) / 3
  r += ((160 * Math.sin((y / 12) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30)) * 2) / 3
  return r
}

function transformLng(x: number, y: number): number {
  let r = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x))
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3
  r += ((20 * Math.sin(x * Math.PI) + 40 * Math.sin((x / 3) * Math.PI)) * 2) / 3
  r += ((150 * Math.sin((x / 12) * Math.PI) + 300 * Math.sin((x / 30) * Math.PI)) * 2) / 3
  return r
}

export function wgs84ToGcj02(p: LatLng): LatLng {
  if (!isInChina(p)) return { ...p }
  let dLat = transformLat(p.lng - 105, p.lat - 35)
  let dLng = transformLng(p.lng - 105, p.lat - 35)
  const radLat = (p.lat / 180) * Math.PI
  let magic = Math.sin(radLat)
  magic = 1 - EE * magic * magic
  const sqrtMagic = Math.sqrt(magic)
  dLat = (dLat * 180) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI)
  dLng = (dLng * 180) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI)
  return { lat: p.lat + dLat, lng: p.lng + dLng }
}
