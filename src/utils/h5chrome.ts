import { useElder } from '@/stores/elder'

/**
 * 长辈模式 for what Taro draws outside the pages in h5 (title bar, tab bar, dialogs): `elder-mode` on
 * <html>, kept in step with the switch; src/styles/chrome.scss sizes them from it. (A page follows the
 * mode through its own root class, usePageClass.)
 */
export function followElderOutsidePages(root: HTMLElement = document.documentElement) {
  const apply = (on: boolean) => root.classList.toggle('elder-mode', on)
  apply(useElder.getState().enabled)
  useElder.subscribe((s) => apply(s.enabled))
}
