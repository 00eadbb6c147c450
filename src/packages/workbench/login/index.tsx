import { busyProps } from '@/utils/busy'
import { usePageClass } from '@/stores/elder'
import { useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button, Input, Text, View } from '@tarojs/components'
import { Field } from '@/components/Field'
import { LIMITS } from '@contract/limits'
import { describeError } from '@/services/errors'
import { useStaffSession } from '@/stores/staffSession'
import { homeOf } from '../menu'
import '../workbench.scss'

export default function StaffLogin() {
  const pageClass = usePageClass('page-staff-login')
  const login = useStaffSession((s) => s.login)
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  useDidShow(() => {
    const { token, me } = useStaffSession.getState()
    if (token) void Taro.redirectTo({ url: homeOf(me) })
  })

  const submit = async () => {
    if (busy) return
    if (!username || !password) {
      setError('请输入账号和密码')
      return
    }
    setBusy(true)
    try {
      await login(username.trim(), password)
      void Taro.redirectTo({ url: homeOf(useStaffSession.getState().me) })
    } catch (err) {
      setError(describeError(err).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className={pageClass}>
      <View className='card'>
        <Text className='station-section__title staff-login__title'>社工站工作人员登录</Text>
        <Field label='账号'>
          <Input
            className='input staff-username'
            value={username}
            maxlength={LIMITS.username}
            placeholder='站点分配的账号'
            onInput={(e) => setUsername(e.detail.value)}
          />
        </Field>
        <Field label='密码' error={error}>
          <Input
            className='input staff-password'
            password
            value={password}
            maxlength={LIMITS.password}
            placeholder='密码'
            onInput={(e) => setPassword(e.detail.value)}
            onConfirm={submit}
          />
        </Field>
        <Button className='btn btn--primary btn--main btn-staff-login' {...busyProps(busy)} onClick={submit}>
          登录
        </Button>
      </View>
    </View>
  )
}
