/**
 * Distances as residents say them: "350米", "1.2公里", "12公里".
 * Rounded first, then worded, so 996 m reads "1公里" (not "1000米") and
 * 9.96 km reads "10公里" (not "10.0公里").
 */
export function formatDistance(meters: number): string {
  if (!Number.isFinite(meters) || meters < 0) return ''
  const tens = Math.max(1, Math.round(meters / 10) * 10)
  if (tens < 1000) return `${tens}米`
  const tenthsOfKm = Math.round(meters / 100) / 10
  if (tenthsOfKm < 10) return `${String(tenthsOfKm)}公里` // "1.2公里"; a whole number stays "1公里"
  return `${Math.round(meters / 1000)}公里`
}
