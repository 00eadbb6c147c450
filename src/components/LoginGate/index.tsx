import Taro from '@tarojs/taro'
import { Button } from '@tarojs/components'
import { ApiError } from '@/api/client'
import { EmptyState } from '@/components/StateView'
import { useSession } from '@/stores/session'
import { busyProps } from '@/utils/busy'

/** Not logged in: says why logging in is needed, and logs in with one tap. */
export function LoginGate({ reason, onLoggedIn }: { reason: string; onLoggedIn?: () => void }) {
  const login = useSession((s) => s.login)
  const loggingIn = useSession((s) => s.loggingIn)
  const onLogin = async () => {
    try {
      await login()
      onLoggedIn?.()
    } catch (err) {
      void Taro.showModal({ title: '登录失败', content: err instanceof ApiError ? err.message : '请稍后重试', showCancel: false })
    }
  }
  return (
    <EmptyState text={reason}>
      <Button className='btn btn--primary btn--main btn-login' {...busyProps(loggingIn)} onClick={onLogin}>
        {process.env.TARO_ENV === 'weapp' ? '微信一键登录' : '登录'}
      </Button>
    </EmptyState>
  )
}

export default LoginGate
