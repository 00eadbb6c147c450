import type { PropsWithChildren } from 'react'
import { useDidShow, useLaunch } from '@tarojs/taro'
import { elderRequested, systemFontIsLarge, useElder } from '@/stores/elder'
import { listenForPrivacyAuthorization } from '@/stores/privacy'
// The resident's session binds itself to the HTTP client when loaded: at launch, so that a page opened
// cold (a link, a subscribe message, a reload) sends the token even if it never reads the session itself.
import '@/stores/session'
import '@/utils/dayjs'
import { enableH5Accessibility } from '@/utils/h5a11y'
import { followElderOutsidePages } from '@/utils/h5chrome'
import { mountTabBar } from '@/components/TabBar'
import { openedRoute, prefetchFirstScreen } from '@/services/firstScreen'
import './app.scss'

// h5: the tab bar appears with the router's first page (a no-op in the mini-program, which has its own).
mountTabBar()
if (process.env.TARO_ENV === 'h5') {
  // 长辈模式 asked for by the link, and the title bar's and tab bar's size for the mode, before the first paint:
  // set at launch, after it, the title bar grew under a page already drawn (Lighthouse: a layout shift of 0.026).
  if (elderRequested(undefined)) useElder.getState().setEnabled(true)
  followElderOutsidePages()
  // The opened page's position and first data, while its script still loads (src/services/firstScreen.ts).
  prefetchFirstScreen(openedRoute(window.location.hash))
}

function App({ children }: PropsWithChildren) {
  useLaunch((options) => {
    listenForPrivacyAuthorization()
    // After the privacy listener: locating may need WeChat's privacy agreement (the page shows PrivacyPopup).
    if (process.env.TARO_ENV !== 'h5') prefetchFirstScreen(openedRoute(options?.path ?? ''))
    useElder.getState().followSystem(systemFontIsLarge())
    if (elderRequested(options?.query)) useElder.getState().setEnabled(true)
    if (process.env.TARO_ENV === 'h5') {
      enableH5Accessibility()
      // A shared link with ?elder=1 opened inside the running portal.
      window.addEventListener('hashchange', () => {
        if (elderRequested(undefined)) useElder.getState().setEnabled(true)
      })
    }
  })
  // WeChat's font size may have changed while the mini-program was in the background.
  useDidShow((options) => {
    useElder.getState().followSystem(systemFontIsLarge())
    if (elderRequested((options as { query?: Record<string, unknown> } | undefined)?.query)) useElder.getState().setEnabled(true)
  })
  return children
}

export default App
