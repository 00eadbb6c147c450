import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Switch, Text, View } from '@tarojs/components'
import { fetchAlertSettings, saveAlertSettings } from '@/api/staffAlerts'
import { NoBreak } from '@/components/NoBreak'
import { ErrorState } from '@/components/StateView'
import { useQuery } from '@/hooks/useQuery'
import { toastError } from '@/services/errors'
import { useStaffSession } from '@/stores/staffSession'

const TEMPLATE_ID = process.env.TARO_APP_TEMPLATE_STAFF_ALERT
const HINT =
  '本站队列有新求助（含转入、升级、退回）、有求助分派给您，或求助即将超过受理时限时，通过微信订阅消息提醒您。紧急求助立即提醒，其他的在 8:00–20:00 之间提醒。'

/**
 * In the mini-program: WeChat asks the worker to allow the staff template
 * (each allowance is one message in WeChat's one-time subscriptions), and
 * Taro.login's code lets the server reach this WeChat user.
 */
async function weappConsent(): Promise<string | undefined> {
  if (process.env.TARO_ENV !== 'weapp') return undefined
  if (TEMPLATE_ID) await Taro.requestSubscribeMessage({ tmplIds: [TEMPLATE_ID] } as never).catch(() => undefined)
  const login = await Taro.login().catch(() => null)
  return login?.code || undefined
}

/** 接收新求助提醒: the account's opt-in to subscribe messages about its queue. */
export function AlertSwitch() {
  const token = useStaffSession((s) => s.token)
  const settings = useQuery([token, 'alertSettings'], fetchAlertSettings, { enabled: !!token })
  const [busy, setBusy] = useState(false)
  const [enabled, setEnabled] = useState<boolean | null>(null)
  const on = enabled ?? (settings.status === 'ok' ? settings.data.enabled : false)

  const change = async (next: boolean) => {
    if (busy) return
    setBusy(true)
    setEnabled(next)
    try {
      const code = next ? await weappConsent() : undefined
      const saved = await saveAlertSettings(code ? { enabled: next, code } : { enabled: next })
      setEnabled(saved.enabled)
      void Taro.showToast({ title: saved.enabled ? '已开启新求助提醒' : '已关闭新求助提醒', icon: 'none' })
    } catch (err) {
      setEnabled(!next)
      toastError(err)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='card my-account__alerts'>
      <Text className='section-title'>消息提醒</Text>
      {settings.status === 'error' ? (
        <ErrorState message={settings.error.message} onRetry={settings.reload} />
      ) : (
        <View className='switch-row'>
          <View className='switch-row__text'>
            <Text className='field__label'>接收新求助提醒</Text>
            <NoBreak className='field__hint' text={HINT} />
          </View>
          <Switch
            className='alert-switch'
            checked={on}
            disabled={busy || settings.status !== 'ok'}
            color='#0a7d5a'
            ariaLabel='接收新求助提醒'
            onChange={(e) => void change(e.detail.value)}
          />
        </View>
      )}
    </View>
  )
}
