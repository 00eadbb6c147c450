import { useEffect, useState } from 'react'

/**
 * The first `batch` items at once, the rest a batch at a time in later tasks:
 * a list of 30 station cards (each several of Taro's h5 custom elements) drawn
 * in one go kept the browser busy long enough to delay the first tap. The first
 * screen is drawn first; the rest follow within a few frames. A new list (say,
 * another filter) starts again from its first screen. `items` must keep its
 * identity between renders (state, not a fresh array). In the mini-program the
 * whole list is drawn at once.
 */
export function useProgressiveList<T>(items: T[], batch = 3): T[] {
  const progressive = process.env.TARO_ENV === 'h5'
  const [shown, setShown] = useState({ items, count: batch })
  // Another list: start over now, in this render, rather than draw it whole first.
  const count = shown.items === items ? shown.count : batch
  if (shown.items !== items) setShown({ items, count: batch })
  useEffect(() => {
    if (!progressive || count >= items.length) return
    const timer = setTimeout(() => setShown((s) => (s.items === items ? { items, count: s.count + batch } : s)), 0)
    return () => clearTimeout(timer)
  }, [progressive, count, items, batch])
  return progressive ? items.slice(0, count) : items
}
