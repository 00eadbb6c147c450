import { useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button, Input, Text, View } from '@tarojs/components'
import { STAFF_ROLE_LABELS } from '@contract/enums'
import { LIMITS } from '@contract/limits'
import { formatCstDateTime } from '@domain/chinaTime'
import { passwordRefusal } from '@domain/staffAccounts'
import { changeOwnPassword, fetchOwnSessions, signOutOthers } from '@/api/staffAccounts'
import { Chip } from '@/components/Chip'
import { Field } from '@/components/Field'
import { InfoRow } from '@/components/InfoRow'
import { ErrorState, Loading } from '@/components/StateView'
import { formErrors, toastError } from '@/services/errors'
import { usePageClass } from '@/stores/elder'
import { canDo, STAFF_LOGIN_PAGE, useStaffSession } from '@/stores/staffSession'
import { busyProps } from '@/utils/busy'
import { homeOf } from '../menu'
import { SectionNav } from '../SectionNav'
import { AlertSwitch } from './AlertSwitch'
import { useQuery } from '@/hooks/useQuery'
import './index.scss'
import '../workbench.scss'

type PasswordField = 'currentPassword' | 'newPassword' | 'repeat'
const FIELDS = { currentPassword: 'currentPassword', newPassword: 'newPassword' } as const

/** 我的账号: who I am, my password (the first one must be changed here), my logins. */
export default function MyAccount() {
  const pageClass = usePageClass('page-my-account')
  const me = useStaffSession((s) => s.me)
  const token = useStaffSession((s) => s.token)
  const refresh = useStaffSession((s) => s.refresh)
  const [form, setForm] = useState({ currentPassword: '', newPassword: '', repeat: '' })
  const [errors, setErrors] = useState<Partial<Record<PasswordField | 'form', string>>>({})
  const [busy, setBusy] = useState(false)
  // Not useStaffQuery: this page is where a first password is changed, so it must not send the account away.
  const sessions = useQuery([token, 'ownSessions'], fetchOwnSessions, { enabled: !!token, refreshOnShow: true })
  useDidShow(() => {
    if (!useStaffSession.getState().token) void Taro.redirectTo({ url: STAFF_LOGIN_PAGE })
  })

  if (!token || !me) return <View className={pageClass} />
  const forced = me.mustChangePassword

  const set = (k: PasswordField, v: string) => setForm((f) => ({ ...f, [k]: v }))
  const submit = async () => {
    if (busy) return
    const local: typeof errors = {}
    if (!form.currentPassword) local.currentPassword = forced ? '请填写管理员给您的初始密码' : '请填写当前密码'
    const rule = passwordRefusal(form.newPassword, me.username, 'newPassword')
    if (rule) local.newPassword = rule.message
    else if (form.repeat !== form.newPassword) local.repeat = '两次输入的新密码不一致'
    setErrors(local)
    if (Object.keys(local).length) return
    setBusy(true)
    try {
      await changeOwnPassword({ currentPassword: form.currentPassword, newPassword: form.newPassword })
      setForm({ currentPassword: '', newPassword: '', repeat: '' })
      await refresh()
      void Taro.showToast({ title: '密码已修改', icon: 'success' })
      sessions.reload()
      if (forced) void Taro.redirectTo({ url: homeOf(useStaffSession.getState().me) })
    } catch (err) {
      setErrors(formErrors(err, FIELDS))
    } finally {
      setBusy(false)
    }
  }

  const others = sessions.data?.filter((s) => !s.current).length ?? 0
  const signOut = async () => {
    try {
      const ended = await signOutOthers()
      void Taro.showToast({ title: ended ? `已退出 ${ended} 处登录` : '没有其他登录', icon: 'none' })
      sessions.reload()
    } catch (err) {
      toastError(err)
    }
  }

  return (
    <View className={pageClass}>
      {forced && (
        <View className='card my-account__forced' ariaRole='alert'>
          <Text className='my-account__forced-title'>请先设置您自己的密码</Text>
          <Text className='my-account__forced-text'>这是管理员为您生成的初始密码，修改后才能使用工作台。</Text>
        </View>
      )}
      <View className='card'>
        <Text className='section-title'>我的账号</Text>
        <InfoRow label='姓名'>{me.user.nickname}</InfoRow>
        <InfoRow label='账号' valueClassName='my-account__username'>
          {me.username}
        </InfoRow>
        <InfoRow label='角色'>
          {me.user.role in STAFF_ROLE_LABELS ? STAFF_ROLE_LABELS[me.user.role as keyof typeof STAFF_ROLE_LABELS] : ''}
        </InfoRow>
        <InfoRow label='站点'>{me.station.name}</InfoRow>
      </View>

      <View className='card my-account__password'>
        <Text className='section-title'>{forced ? '设置新密码' : '修改密码'}</Text>
        <Field label={forced ? '初始密码' : '当前密码'} error={errors.currentPassword} required>
          <Input
            className='input my-current-password'
            password
            value={form.currentPassword}
            maxlength={LIMITS.password}
            onInput={(e) => set('currentPassword', e.detail.value)}
          />
        </Field>
        <Field label='新密码' hint={`至少 ${LIMITS.passwordMin} 位，不能包含账号名，不要用常见密码`} error={errors.newPassword} required>
          <Input
            className='input my-new-password'
            password
            value={form.newPassword}
            maxlength={LIMITS.password}
            onInput={(e) => set('newPassword', e.detail.value)}
          />
        </Field>
        <Field label='再输入一次新密码' error={errors.repeat} required>
          <Input
            className='input my-repeat-password'
            password
            value={form.repeat}
            maxlength={LIMITS.password}
            onInput={(e) => set('repeat', e.detail.value)}
            onConfirm={submit}
          />
        </Field>
        {errors.form && (
          <View className='field__error' ariaRole='alert'>
            {errors.form}
          </View>
        )}
        <Button className='btn btn--primary btn--main btn-change-password' {...busyProps(busy)} onClick={submit}>
          {forced ? '设置密码并进入工作台' : '修改密码'}
        </Button>
        <Text className='muted'>修改后，其他手机或电脑上的登录会退出，本机保持登录。</Text>
      </View>

      {!forced && canDo(me, 'queue.view') && <AlertSwitch />}

      {!forced && (
        <View className='card my-account__sessions'>
          <Text className='section-title'>登录设备</Text>
          {sessions.status === 'loading' && !sessions.data && <Loading />}
          {sessions.status === 'error' && <ErrorState message={sessions.error.message} onRetry={sessions.reload} />}
          {sessions.data?.map((s) => (
            <View key={s.id} className='my-session'>
              <Text className='my-session__when'>登录于 {formatCstDateTime(new Date(s.createdAt))}</Text>
              {s.current ? (
                <Chip className='my-session__current'>本机</Chip>
              ) : (
                <Text className='muted'>有效至 {formatCstDateTime(new Date(s.expiresAt))}</Text>
              )}
            </View>
          ))}
          {others > 0 && (
            <Button className='btn btn-sign-out-others' onClick={() => void signOut()}>
              退出其他 {others} 处登录
            </Button>
          )}
        </View>
      )}
      {!forced && (
        <View className='card'>
          <SectionNav current='me' />
        </View>
      )}
    </View>
  )
}
