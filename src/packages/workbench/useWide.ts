import { useEffect, useState } from 'react'

/** Wide enough for the list and the selected request side by side (the h5 build on a desktop browser). */
export const WIDE_MIN_WIDTH = 1024

const isWide = () => process.env.TARO_ENV === 'h5' && typeof window !== 'undefined' && window.innerWidth >= WIDE_MIN_WIDTH

/** Whether the workbench has a desktop's width now; follows the window's size (h5 only; never in WeChat). */
export function useWide(): boolean {
  const [wide, setWide] = useState(isWide)
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') return undefined
    const update = () => setWide(isWide())
    window.addEventListener('resize', update)
    return () => window.removeEventListener('resize', update)
  }, [])
  return wide
}
