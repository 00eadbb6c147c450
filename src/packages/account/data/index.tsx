import { usePageClass } from '@/stores/elder'
import { useCallback, useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import type { AccountExport } from '@contract/types'
import { ENROLLMENT_STATUS_LABELS } from '@contract/activities'
import { REQUEST_STATUS_LABELS } from '@contract/requests'
import { deleteMyAccount, exportMyData } from '@/api/account'
import { ApiError } from '@/api/client'
import { LoginGate } from '@/components/LoginGate'
import { ErrorState, Loading } from '@/components/StateView'
import { useEnrollProfile } from '@/stores/enrollProfile'
import { useRequestDraft } from '@/stores/requestDraft'
import { useSession } from '@/stores/session'
import { busyProps } from '@/utils/busy'
import './index.scss'

const CONSENT_LABELS: Record<string, string> = { children: '儿童个人信息保护规则（监护人同意）', photos: '活动拍照及宣传' }

/** Saves the export as a JSON file: shared to a chat on WeChat, downloaded in a browser. */
async function saveJson(data: AccountExport) {
  const json = JSON.stringify(data, null, 2)
  const name = `社工站居民服务-我的信息-${data.exportedAt.slice(0, 10)}.json`
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
  const [state, setState] = useState<{ status: 'loading' | 'ok' | 'error'; data?: AccountExport; error?: string }>({ status: 'loading' })
  const [deleting, setDeleting] = useState(false)

  const load = useCallback(async () => {
    if (!useSession.getState().token) return
    try {
      setState({ status: 'ok', data: await exportMyData() })
    } catch (err) {
      setState({ status: 'error', error: err instanceof ApiError ? err.message : '加载失败' })
    }
  }, [])
  useDidShow(() => void load())

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
      void Taro.showModal({ title: '注销失败', content: err instanceof ApiError ? err.message : '请稍后重试', showCancel: false })
    } finally {
      setDeleting(false)
    }
  }

  if (!token) {
    return (
      <View className={pageClass}>
        <LoginGate reason='登录后可以查看、导出平台保存的您的个人信息，或注销账号' onLoggedIn={load} />
      </View>
    )
  }
  if (state.status === 'loading') return <View className={pageClass}><Loading /></View>
  if (state.status === 'error' || !state.data) return <View className={pageClass}><ErrorState message={state.error ?? '加载失败'} onRetry={load} /></View>

  const d = state.data
  return (
    <View className={pageClass}>
      <View className='card my-data__summary'>
        <Text className='station-section__title'>平台保存的您的信息</Text>
        <Text className='my-data__line'>账号：{d.user.nickname}（{d.user.createdAt.slice(0, 10)} 注册）</Text>
        <Text className='my-data__line my-data__family'>
          家人：{d.family.length > 0 ? d.family.map((f) => `${f.name}（${f.relationship}，${f.age} 岁）`).join('、') : '无'}
        </Text>
        <Text className='my-data__line my-data__requests'>
          求助：{d.requests.length > 0 ? d.requests.map((r) => `${r.number} ${REQUEST_STATUS_LABELS[r.status]}`).join('；') : '无'}
        </Text>
        <Text className='my-data__line my-data__enrollments'>
          活动报名：{d.enrollments.length > 0 ? d.enrollments.map((e) => `${e.activity.title}·${e.participant.name} ${ENROLLMENT_STATUS_LABELS[e.status]}`).join('；') : '无'}
        </Text>
        <Text className='my-data__line'>照片：{d.photos.length} 张</Text>
        <Text className='my-data__line my-data__consents'>
          您的同意：{d.consents.length > 0 ? d.consents.map((c) => `${CONSENT_LABELS[c.purpose] ?? c.purpose}（${c.grantedAt.slice(0, 10)}）`).join('；') : '无'}
        </Text>
        <Text className='muted'>姓名、电话等可以在“我的家人”和各条求助中查看和更正。</Text>
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
