/** A length of time as staff say it: "5 分钟", "3 小时", "2 天" (rounded down; two days and more in days). */
export function formatDuration(minutes: number): string {
  const whole = Math.floor(minutes)
  if (!(whole >= 1)) return '不到 1 分钟'
  if (whole < 60) return `${whole} 分钟`
  if (whole < 48 * 60) return `${Math.floor(whole / 60)} 小时`
  return `${Math.floor(whole / (24 * 60))} 天`
}

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
