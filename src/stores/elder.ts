/**
 * 长辈模式: larger type, larger tap targets, fewer choices. On by a switch in
 * 我的, by a shared link with `elder=1`, or because WeChat's own font size is
 * large — and it keeps following that setting: when the resident changes
 * WeChat's font size, the mode follows; a manual choice holds until then.
 */
import Taro from '@tarojs/taro'
import { create } from 'zustand'
import { persist } from 'zustand/middleware'
import { taroStorage } from './storage'

interface ElderState {
  enabled: boolean
  /** WeChat's font size as last seen (null: never seen, e.g. in a browser). */
  systemLarge: boolean | null
  setEnabled: (enabled: boolean) => void
  /** Called at launch and each time the app comes to the foreground. */
  followSystem: (large: boolean | null) => void
}

export const useElder = create<ElderState>()(
  persist(
    (set, get) => ({
      enabled: false,
      systemLarge: null,
      setEnabled: (enabled) => set({ enabled }),
      followSystem: (large) => {
        if (large === null || large === get().systemLarge) return
        set({ systemLarge: large, enabled: large })
      },
    }),
    { name: 'sgz-elder', storage: taroStorage },
  ),
)

/** Is WeChat's font size set large? null where it cannot be known (h5). */
export function systemFontIsLarge(): boolean | null {
  if (process.env.TARO_ENV !== 'weapp') return null
  try {
    const api = Taro as unknown as { getAppBaseInfo?: () => { fontSizeSetting?: number; fontSizeScaleFactor?: number } }
    const info = api.getAppBaseInfo?.() ?? (Taro.getSystemInfoSync() as { fontSizeSetting?: number; fontSizeScaleFactor?: number })
    if (typeof info.fontSizeScaleFactor === 'number') return info.fontSizeScaleFactor >= 1.2
    if (typeof info.fontSizeSetting === 'number') return info.fontSizeSetting >= 20
  } catch {
    /* an old base library */
  }
  return null
}

/** `elder=1` in the entry page's query (a family member shared the link), or in the h5 URL. */
export function elderRequested(query: Record<string, unknown> | undefined): boolean {
  if (query && String(query.elder) === '1') return true
  if (process.env.TARO_ENV === 'h5' && typeof window !== 'undefined')
    return /[?&]elder=1(&|$)/.test(window.location.hash + window.location.search)
  return false
}

/** The class of a page's root view: `page page-x`, plus `elder` in 长辈模式 (which switches the design tokens). */
export function usePageClass(name: string): string {
  const elder = useElder((s) => s.enabled)
  return `page ${name}${elder ? ' elder' : ''}`
}
