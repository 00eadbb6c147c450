import { Button } from '@tarojs/components'
import { EmptyState } from '@/components/StateView'
import { alertError } from '@/services/errors'
import { useSession } from '@/stores/session'
import { busyProps } from '@/utils/busy'

/** Not logged in: says why logging in is needed, and logs in with one tap. */
export function LoginGate({ reason }: { reason: string }) {
  const login = useSession((s) => s.login)
  const loggingIn = useSession((s) => s.loggingIn)
  const onLogin = async () => {
    try {
      await login()
    } catch (err) {
      alertError('登录失败', err)
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
