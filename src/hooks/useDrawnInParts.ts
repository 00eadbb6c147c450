import { useEffect, useState } from 'react'

/**
 * How many of a list's `total` items to draw now: `first` at once, then `step` more in each following task until
 * all are drawn. A list that arrives whole (活动's cards) is then drawn in a few short tasks instead of one long
 * one, so the page's frame (location, filters) paints first and the main thread stays free for a tap meanwhile.
 * The items past `first` are below the first screen; they follow within a few frames.
 */
export function useDrawnInParts(total: number, first: number, step: number): number {
  const [drawn, setDrawn] = useState(first)
  useEffect(() => {
    if (drawn >= total) return
    const timer = setTimeout(() => setDrawn((d) => d + step), 0)
    return () => clearTimeout(timer)
  }, [drawn, total, step])
  return Math.min(drawn, total)
}
