import Taro from '@tarojs/taro'

/**
 * Brings the first element `selector` matches into view once the render that
 * shows it has happened (call it right after the state update): a form's first
 * error, or what a submit did. In h5 the element scrolls into view within any
 * scrolling pane around it (the workbench's detail pane beside its list on a
 * desktop scrolls on its own, and `pageScrollTo` moves only the page); React
 * may render the update after a timer of 0 (an update outside its own events
 * is scheduled), so it looks on each frame, for up to half a second. In WeChat
 * the page scrolls to it.
 */
export function scrollIntoView(selector: string): void {
  if (process.env.TARO_ENV !== 'h5') {
    setTimeout(() => void Taro.pageScrollTo({ selector, duration: 200 }).catch(() => undefined), 0)
    return
  }
  const until = Date.now() + 500
  const look = () => {
    const el = document.querySelector(selector)
    if (el) el.scrollIntoView({ block: 'center', behavior: 'smooth' })
    else if (Date.now() < until) requestAnimationFrame(look)
  }
  requestAnimationFrame(look)
}
