import { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { listenForPrivacyAuthorization } from '@/stores/privacy'
import '@/utils/dayjs'
import './app.scss'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    listenForPrivacyAuthorization()
  })
  return children
}

export default App
