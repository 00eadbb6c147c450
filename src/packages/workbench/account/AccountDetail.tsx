import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Input, Text, View } from '@tarojs/components'
import { STAFF_ROLE_LABELS, type StaffRole } from '@contract/enums'
import { LIMITS } from '@contract/limits'
import { STAFF_ACCOUNT_STATUS_LABELS } from '@contract/staffAccounts'
import type { StaffAccount } from '@contract/types'
import { grantableRoles } from '@domain/permissions'
import { usernameRefusal } from '@domain/staffAccounts'
import { createAccount, fetchAccount, resetAccountPassword, setAccountDisabled, updateAccount } from '@/api/staffAccounts'
import { Chip } from '@/components/Chip'
import { Field } from '@/components/Field'
import { OptionGroup } from '@/components/OptionGroup'
import { ErrorState, Loading } from '@/components/StateView'
import { alertError, formErrors } from '@/services/errors'
import { useStaffSession } from '@/stores/staffSession'
import { busyProps } from '@/utils/busy'
import { useStaffQuery } from '../useStaffQuery'
import './index.scss'
import '../workbench.scss'

type Key = 'username' | 'nickname' | 'phone' | 'stationId' | 'role'
const FIELDS = { username: 'username', nickname: 'nickname', phone: 'phone', stationId: 'stationId', role: 'role' } as const

interface Draft {
  username: string
  nickname: string
  phone: string
  stationId: string
  role: StaffRole | null
}

/** The password shown once: after creating an account or resetting its password. */
function PasswordOnce({ username, password }: { username: string; password: string }) {
  return (
    <View className='card account-password' ariaRole='status'>
      <Text className='account-password__title'>初始密码（只显示这一次）</Text>
      <Text className='account-password__line'>账号：{username}</Text>
      <Text className='account-password__value' userSelect>
        {password}
      </Text>
      <Button className='btn btn-copy-password' onClick={() => void Taro.setClipboardData({ data: password })}>
        复制密码
      </Button>
      <Text className='muted'>请当面或电话告诉本人。首次登录时须改成自己的密码；忘记了可以再重置。</Text>
    </View>
  )
}

/**
 * 新建账号 (no id) or one account: its details, role and station; 重置密码, 停用 / 启用.
 * `onChanged`: after each change is saved (the list beside it shows it).
 */
export function AccountDetail({ id, onChanged }: { id: string | null; onChanged?: () => void }) {
  const pageClass = 'account-detail'
  const me = useStaffSession((s) => s.me)
  const token = useStaffSession((s) => s.token)
  const loaded = useStaffQuery(['account', id], () => fetchAccount(id!), { enabled: !!id, refreshOnShow: false, pullDownRefresh: false })
  const [account, setAccount] = useState<StaffAccount | null>(null)
  const [draft, setDraft] = useState<Draft>({ username: '', nickname: '', phone: '', stationId: me?.station.id ?? '', role: 'staff' })
  const [errors, setErrors] = useState<Partial<Record<Key | 'form', string>>>({})
  const [busy, setBusy] = useState<'save' | 'reset' | 'status' | null>(null)
  const [shown, setShown] = useState<{ username: string; password: string } | null>(null)
  const [stationSearch, setStationSearch] = useState('')

  useEffect(() => {
    if (loaded.data) {
      setAccount(loaded.data)
      setDraft({
        username: loaded.data.username,
        nickname: loaded.data.nickname,
        phone: loaded.data.phone ?? '',
        stationId: loaded.data.station.id,
        role: loaded.data.role,
      })
    }
  }, [loaded.data])

  if (!token || !me) return <View className={pageClass} />
  if (id && loaded.status === 'error')
    return (
      <View className={pageClass}>
        <ErrorState message={loaded.error.message} onRetry={loaded.reload} />
      </View>
    )
  if (id && !account)
    return (
      <View className={pageClass}>
        <Loading />
      </View>
    )

  const self = account?.id === me.user.id
  const roles = grantableRoles(me.user.role as StaffRole)
  const stations = me.scope
  const chosen = stations.find((s) => s.id === draft.stationId)
  const matching = stations.filter((s) => !stationSearch.trim() || s.name.includes(stationSearch.trim()))
  const matches = matching.slice(0, 8)
  const matchCount = matching.length
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => ({ ...d, [k]: v }))

  const save = async () => {
    if (busy) return
    const local: typeof errors = {}
    if (!account) {
      const problem = usernameRefusal(draft.username.trim())
      if (problem) local.username = problem.message
    }
    if (!draft.nickname.trim()) local.nickname = '请填写姓名'
    if (!draft.role) local.role = '请选择角色'
    setErrors(local)
    if (Object.keys(local).length) return
    setBusy('save')
    try {
      if (account) {
        const changed = {
          ...(draft.nickname.trim() !== account.nickname ? { nickname: draft.nickname.trim() } : {}),
          ...(draft.phone.trim() !== (account.phone ?? '') ? { phone: draft.phone.trim() } : {}),
          ...(draft.stationId !== account.station.id ? { stationId: draft.stationId } : {}),
          ...(draft.role && draft.role !== account.role ? { role: draft.role } : {}),
        }
        if (Object.keys(changed).length === 0) {
          void Taro.showToast({ title: '没有改动', icon: 'none' })
          return
        }
        setAccount(await updateAccount(account.id, changed))
        onChanged?.()
        void Taro.showToast({ title: '已保存', icon: 'success' })
      } else {
        const made = await createAccount({
          username: draft.username.trim(),
          nickname: draft.nickname.trim(),
          ...(draft.phone.trim() ? { phone: draft.phone.trim() } : {}),
          stationId: draft.stationId || me.station.id,
          role: draft.role!,
        })
        setAccount(made.account)
        onChanged?.()
        setShown({ username: made.account.username, password: made.initialPassword })
      }
    } catch (err) {
      setErrors(formErrors(err, FIELDS))
    } finally {
      setBusy(null)
    }
  }

  const reset = async () => {
    if (!account || busy) return
    const { confirm } = await Taro.showModal({
      title: '重置密码',
      content: `将为${account.nickname}生成新的初始密码，其所有登录立即失效。`,
      confirmText: '重置',
      cancelText: '取消',
    })
    if (!confirm) return
    setBusy('reset')
    try {
      const fresh = await resetAccountPassword(account.id)
      setAccount(fresh.account)
      onChanged?.()
      setShown({ username: fresh.account.username, password: fresh.initialPassword })
    } catch (err) {
      alertError('没有重置成功', err)
    } finally {
      setBusy(null)
    }
  }

  const toggle = async () => {
    if (!account || busy) return
    const disable = account.status === 'active'
    if (disable) {
      const { confirm } = await Taro.showModal({
        title: '停用账号',
        content: `${account.nickname}将立即退出登录、不能再登录；其已受理未办结的求助回到站点队列。`,
        confirmText: '停用',
        cancelText: '取消',
      })
      if (!confirm) return
    }
    setBusy('status')
    try {
      setAccount(await setAccountDisabled(account.id, disable))
      onChanged?.()
      void Taro.showToast({ title: disable ? '已停用' : '已启用', icon: 'success' })
    } catch (err) {
      alertError(disable ? '没有停用成功' : '没有启用成功', err)
    } finally {
      setBusy(null)
    }
  }

  return (
    <View className={pageClass}>
      {shown && <PasswordOnce username={shown.username} password={shown.password} />}
      <View className='card'>
        <View className='account__head'>
          <Text className='section-title'>{account ? account.nickname : '新建账号'}</Text>
          {account && (
            <Chip tone={account.status === 'disabled' ? 'muted' : 'normal'} className='account__status'>
              {STAFF_ACCOUNT_STATUS_LABELS[account.status]}
            </Chip>
          )}
        </View>
        <Field
          label='账号'
          hint={account ? undefined : '登录用，小写字母、数字或 -，如 xianjin-zhang；建好后不能改'}
          error={errors.username}
          required={!account}
        >
          {account ? (
            <Text className='account__username'>{account.username}</Text>
          ) : (
            <Input
              className='input account-username'
              value={draft.username}
              maxlength={LIMITS.username}
              onInput={(e) => set('username', e.detail.value.toLowerCase())}
            />
          )}
        </Field>
        <Field label='姓名' error={errors.nickname} required>
          <Input
            className='input account-nickname'
            value={draft.nickname}
            maxlength={LIMITS.nickname}
            onInput={(e) => set('nickname', e.detail.value)}
          />
        </Field>
        <Field label='手机号' error={errors.phone}>
          <Input
            className='input account-phone'
            type='number'
            value={draft.phone}
            maxlength={LIMITS.phone}
            onInput={(e) => set('phone', e.detail.value)}
          />
        </Field>
        <Field
          label='站点'
          hint={stations.length > 1 && !self ? `已选：${chosen?.name ?? ''}` : undefined}
          error={errors.stationId}
          required
        >
          {self || stations.length <= 1 ? (
            <Text className='account__station'>{chosen?.name ?? account?.station.name}</Text>
          ) : (
            <View className='account-stations'>
              <Input
                className='input account-station-search'
                value={stationSearch}
                maxlength={LIMITS.stationSearch}
                placeholder='输入站点名称查找'
                onInput={(e) => setStationSearch(e.detail.value)}
              />
              <OptionGroup
                name='站点'
                columns={1}
                options={matches.map((s) => ({ value: s.id, label: s.name }))}
                value={draft.stationId}
                onChange={(v) => set('stationId', v)}
              />
              {matchCount > matches.length && <Text className='muted'>还有 {matchCount - matches.length} 个站点，请输入名称查找</Text>}
            </View>
          )}
        </Field>
        <Field label='角色' error={errors.role} required>
          {self ? (
            <Text className='account__role'>{STAFF_ROLE_LABELS[account!.role]}（不能修改自己的角色）</Text>
          ) : (
            <View className='account-role'>
              <OptionGroup
                name='角色'
                options={roles.map((r) => ({ value: r, label: STAFF_ROLE_LABELS[r] }))}
                value={draft.role}
                onChange={(r) => set('role', r)}
              />
            </View>
          )}
        </Field>
        {errors.form && (
          <View className='field__error' ariaRole='alert'>
            {errors.form}
          </View>
        )}
        <Button className='btn btn--primary btn--main btn-save-account' {...busyProps(busy === 'save')} onClick={() => void save()}>
          {account ? '保存' : '新建账号'}
        </Button>
      </View>
      {account && !self && (
        <View className='card account__actions'>
          <Button className='btn btn-reset-password' {...busyProps(busy === 'reset')} onClick={() => void reset()}>
            重置密码
          </Button>
          <Button
            className={`btn ${account.status === 'active' ? 'btn-disable-account' : 'btn-enable-account'}`}
            {...busyProps(busy === 'status')}
            onClick={() => void toggle()}
          >
            {account.status === 'active' ? '停用账号' : '重新启用'}
          </Button>
          <Text className='muted'>停用后立即退出登录、不能再登录；其已受理未办结的求助回到站点队列，时间线会注明。</Text>
        </View>
      )}
    </View>
  )
}
