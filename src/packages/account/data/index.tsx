import { usePageClass } from '@/stores/elder'
import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { CONSENT_RULES } from '@contract/consents'
import { cstDate, formatCstDateTime } from '@domain/chinaTime'
import type { AccountExport, ConsentStatus } from '@contract/types'
import { ENROLLMENT_STATUS_LABELS } from '@contract/activities'
import { BOOKING_STATUS_LABELS } from '@contract/bookings'
import { REQUEST_STATUS_LABELS } from '@contract/requests'
import { deleteMyAccount, exportMyData } from '@/api/account'
import { fetchConsents, recordConsent } from '@/api/consents'
import { LoginGate } from '@/components/LoginGate'
import { ErrorState, Loading } from '@/components/StateView'
import { useQuery } from '@/hooks/useQuery'
import { alertError } from '@/services/errors'
import { useConsents } from '@/stores/consents'
import { useEnrollProfile } from '@/stores/enrollProfile'
import { useRequestDraft } from '@/stores/requestDraft'
import { useSession } from '@/stores/session'
import { busyProps } from '@/utils/busy'
import './index.scss'

/** "2026年11月24日 10:00", China Standard Time. */
const when = (iso: string) => `${cstDate(new Date(iso)).slice(0, 4)}年${formatCstDateTime(new Date(iso))}`

/** Where the resident stands on one purpose, in words. */
function consentWords(c: ConsentStatus): string {
  if (c.withdrawn) return `已撤回（${when(c.withdrawnAt!)}）${c.agreedVersion ? `，此前同意的版本 ${c.agreedVersion}` : ''}`
  if (!c.agreedVersion) return '未同意'
  if (c.needsConsent) return `已同意旧版本 ${c.agreedVersion}（${when(c.agreedAt!)}）；说明已更新为版本 ${c.currentVersion}，下次使用时会请您重新同意`
  return `已同意 · 版本 ${c.agreedVersion} · ${when(c.agreedAt!)}`
}

/** What withdrawing changes, said before the resident confirms. */
const WITHDRAW_EFFECTS: Partial<Record<ConsentStatus['purpose'], string>> = {
  location: '撤回后，小程序不再自动获取您的位置，可以手动选择所在地区；需要时点“重新定位”会再次询问您。您也可以在微信的设置中关闭位置权限。',
  help_requests: '撤回后，再次求助时会重新请您同意；已经提交的求助仍由社工站继续处理，如需删除可以注销账号。',
  photos: '撤回后，社工站不再使用您和家人在活动中的照片做宣传，您已有报名的“同意拍照”会一并取消。',
}

/** Saves the export as a JSON file: shared to a chat on WeChat, downloaded in a browser. */
async function saveJson(data: AccountExport) {
  const json = JSON.stringify(data, null, 2)
  const name = `社工站居民服务-我的信息-${cstDate(new Date(data.exportedAt))}.json`
  if (process.env.TARO_ENV === 'h5') {
    const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }))
    const a = document.createElement('a')
    a.href = url
    a.download = name
    a.click()
    setTimeout(() => URL.revokeObjectURL(url), 10_000)
    return
  }
  const wxApi = Taro as unknown as { env: { USER_DATA_PATH: string }; shareFileMessage?: (o: { filePath: string; fileName: string }) => Promise<unknown> }
  const filePath = `${wxApi.env.USER_DATA_PATH}/${name}`
  Taro.getFileSystemManager().writeFileSync(filePath, json, 'utf8')
  if (wxApi.shareFileMessage) await wxApi.shareFileMessage({ filePath, fileName: name }).catch(() => undefined)
  else await Taro.showModal({ title: '已保存', content: `文件已保存为“${name}”`, showCancel: false })
}

export default function MyData() {
  const pageClass = usePageClass('page-my-data')
  const token = useSession((s) => s.token)
  const consents = useQuery(['consents', token], fetchConsents, { enabled: !!token, refreshOnShow: true })
  const data = useQuery(['myData', token], exportMyData, { enabled: !!token, refreshOnShow: true })
  const [deleting, setDeleting] = useState(false)
  const [withdrawing, setWithdrawing] = useState<string | null>(null)

  // The location decision on this phone follows the account's (it may have changed on another phone).
  useEffect(() => {
    if (consents.status !== 'ok') return
    const location = consents.data.find((c) => c.purpose === 'location')
    const userId = useSession.getState().user?.id
    if (location && userId) useConsents.getState().adoptLocation(location, userId)
  }, [consents.status, consents.data])

  const onWithdraw = async (c: ConsentStatus) => {
    const { confirm } = await Taro.showModal({
      title: `撤回“${c.label}”的同意`,
      content: WITHDRAW_EFFECTS[c.purpose] ?? '撤回后，我们不再为这项用途使用您的信息。',
      confirmText: '确认撤回',
      confirmColor: '#b3261e',
    })
    if (!confirm) return
    setWithdrawing(c.purpose)
    try {
      const items = await recordConsent({ purpose: c.purpose, version: c.currentVersion, granted: false })
      consents.setData(() => items)
      if (c.purpose === 'location') useConsents.getState().withdrawLocation(useSession.getState().user?.id ?? '')
      void Taro.showToast({ title: '已撤回', icon: 'success' })
    } catch (err) {
      alertError('撤回失败', err)
    } finally {
      setWithdrawing(null)
    }
  }

  const onDelete = async () => {
    const { confirm } = await Taro.showModal({
      title: '注销账号',
      content: '注销后：未开始的活动报名会取消，名额让给候补的家庭；未办结的求助会撤回；您和家人的姓名、电话、地址、照片等个人信息全部删除，无法恢复。确定注销吗？',
      confirmText: '确认注销',
      confirmColor: '#b3261e',
    })
    if (!confirm) return
    setDeleting(true)
    try {
      await deleteMyAccount()
      useSession.getState().clear()
      useRequestDraft.getState().reset()
      useEnrollProfile.setState({ selfName: '', selfBirthDate: '', contactPhone: '' })
      await Taro.showToast({ title: '账号已注销', icon: 'success' })
      await Taro.switchTab({ url: '/pages/index/index' })
    } catch (err) {
      alertError('注销失败', err)
    } finally {
      setDeleting(false)
    }
  }

  if (!token) {
    return (
      <View className={pageClass}>
        <LoginGate reason='登录后可以查看、导出平台保存的您的个人信息，或注销账号' />
      </View>
    )
  }
  if (data.status === 'error' || data.status === 'notFound') return <View className={pageClass}><ErrorState message={data.error.message} onRetry={data.reload} /></View>
  if (!data.data) return <View className={pageClass}><Loading /></View>

  const d = data.data
  return (
    <View className={pageClass}>
      <View className='card my-data__summary'>
        <Text className='station-section__title'>平台保存的您的信息</Text>
        <Text className='my-data__line'>账号：{d.user.nickname}（{cstDate(new Date(d.user.createdAt))} 注册）</Text>
        <Text className='my-data__line my-data__family'>
          家人：{d.family.length > 0 ? d.family.map((f) => `${f.name}（${f.relationship}，${f.age} 岁）`).join('、') : '无'}
        </Text>
        <Text className='my-data__line my-data__requests'>
          求助：{d.requests.length > 0 ? d.requests.map((r) => `${r.number} ${REQUEST_STATUS_LABELS[r.status]}`).join('；') : '无'}
        </Text>
        <Text className='my-data__line my-data__enrollments'>
          活动报名：{d.enrollments.length > 0 ? d.enrollments.map((e) => `${e.activity.title}·${e.participant.name} ${ENROLLMENT_STATUS_LABELS[e.status]}`).join('；') : '无'}
        </Text>
        <Text className='my-data__line my-data__bookings'>
          服务预约：
          {d.bookings.length > 0
            ? d.bookings.map((b) => `${b.service.name}·${b.personName} ${BOOKING_STATUS_LABELS[b.status]}`).join('；')
            : '无'}
        </Text>
        <Text className='my-data__line'>照片：{d.photos.length} 张</Text>
        <Text className='muted'>姓名、电话等可以在“我的家人”和各条求助中查看和更正。</Text>
      </View>

      <View className='card my-data__consents'>
        <Text className='station-section__title'>授权与同意</Text>
        {consents.status === 'error' ? (
          <View className='consent-list__error'>
            <Text className='field__error'>{consents.error.message}</Text>
            <Button className='btn btn-retry-consents' onClick={() => void consents.reload()}>重新加载</Button>
          </View>
        ) : (
          (consents.data ?? []).map((c) => (
            <View key={c.purpose} className={`consent-item consent-item--${c.purpose}`}>
              <Text className='consent-item__label'>{c.label}</Text>
              <Text className='consent-item__state'>{consentWords(c)}</Text>
              <Text className='muted consent-item__hint'>{CONSENT_RULES[c.purpose].managedIn}</Text>
              {c.canWithdraw && (
                <Button className={`btn consent-item__withdraw btn-withdraw btn-withdraw--${c.purpose}`} {...busyProps(withdrawing === c.purpose)} onClick={() => void onWithdraw(c)}>
                  撤回同意
                </Button>
              )}
            </View>
          ))
        )}
      </View>

      <View className='card'>
        <Button className='btn btn--primary btn--main btn-export' onClick={() => void saveJson(d)}>
          导出全部信息（JSON 文件）
        </Button>
        <Text className='muted my-data__hint'>文件包含上面所有内容的完整记录，请妥善保管。</Text>
      </View>

      <View className='card'>
        <Button className='btn btn--main btn-danger btn-delete-account' {...busyProps(deleting)} onClick={() => void onDelete()}>
          注销账号
        </Button>
        <Text className='muted my-data__hint'>注销后个人信息立即删除或匿名化，仅保留不含个人信息的统计数据。</Text>
      </View>
    </View>
  )
}
