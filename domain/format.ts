/** Distances as residents say them: "350米", "1.2公里", "12公里". */
export function formatDistance(meters: number): string {
  if (!Number.isFinite(meters) || meters < 0) return ''
  if (meters < 1000) return `${Math.max(1, Math.round(meters / 10) * 10)}米`
  if (meters < 10_000) return `${(meters / 1000).toFixed(1)}公里`
  return `${Math.round(meters / 1000)}公里`
}
