import { usePageClass } from '@/stores/elder'
import { useCallback, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, ScrollView, Text, View } from '@tarojs/components'
import { SERVICE_CATEGORY_LABELS } from '@contract/enums'
import { REQUEST_STATUS_LABELS, URGENCY_LABELS } from '@contract/requests'
import type { StaffQueueQuery, StaffRequestSummary } from '@contract/types'
import { ApiError } from '@/api/client'
import { claimNext, fetchQueue } from '@/api/staff'
import { fetchStaffRatings } from '@/api/ratings'
import { EmptyState, ErrorState } from '@/components/StateView'
import { useStaffSession } from '@/stores/staffSession'
import dayjs from '@/utils/dayjs'
import { useStaffPage } from '../useStaffPage'
import './index.scss'

const FILTERS: { label: string; query: StaffQueueQuery }[] = [
  { label: '进行中', query: {} },
  { label: '待受理', query: { status: 'submitted' } },
  { label: '已超时', query: { overdue: true } },
  { label: '紧急', query: { urgency: 'urgent' } },
  { label: '我负责的', query: { mine: true } },
  { label: '已办结', query: { status: 'resolved' } },
]

export default function Queue() {
  const pageClass = usePageClass('page-queue')
  const { me, token, clear } = useStaffSession()
  const [filter, setFilter] = useState(0)
  const [items, setItems] = useState<StaffRequestSummary[] | null>(null)
  const [error, setError] = useState<string | null>(null)

  const load = useCallback(async (index = filter) => {
    try {
      setItems(await fetchQueue(FILTERS[index]!.query))
      setError(null)
    } catch (err) {
      setError(err instanceof ApiError ? err.message : '加载失败')
    }
  }, [filter])

  // Low ratings nobody has answered yet: the badge on 居民评价 (optional: the queue works without it).
  const [lowUnreplied, setLowUnreplied] = useState<number | null>(null)
  const loadBadge = useCallback(async () => {
    try {
      setLowUnreplied((await fetchStaffRatings({ low: true, unreplied: true })).lowUnreplied)
    } catch {
      setLowUnreplied(null)
    }
  }, [])

  useStaffPage(() => Promise.all([load(), loadBadge()]))

  const claim = async () => {
    try {
      const r = await claimNext()
      void Taro.navigateTo({ url: `/packages/workbench/request/index?id=${r.id}` })
    } catch (err) {
      void Taro.showToast({ title: err instanceof ApiError ? err.message : '领取失败', icon: 'none' })
    }
  }

  if (!token) return <View className={pageClass} />
  return (
    <View className={pageClass}>
      <View className='card'>
        <Text className='queue__who'>{me?.user.nickname} · {me?.station.name}</Text>
        {me && me.scope.length > 1 && <Text className='muted'>可查看 {me.scope.length} 个站点的队列</Text>}
        <View className='btn-row'>
          <Button className='btn btn--primary btn--main btn-claim' onClick={claim}>领取下一条</Button>
          <Button className='btn btn--main' onClick={() => Taro.navigateTo({ url: '/packages/workbench/new/index' })}>登记来电/来访</Button>
        </View>
        <View className='btn-row'>
          <Button className='btn btn-staff-activities' onClick={() => Taro.navigateTo({ url: '/packages/workbench/activities/index' })}>活动管理（报名名单、签到）</Button>
        </View>
        <View className='btn-row'>
          <Button
            className='btn btn-staff-ratings'
            onClick={() => Taro.navigateTo({ url: '/packages/workbench/ratings/index' })}
            ariaLabel={lowUnreplied ? `居民评价，${lowUnreplied} 条差评待回复` : '居民评价'}
          >
            居民评价
            {lowUnreplied ? <Text className='ratings-badge'>{lowUnreplied} 条差评待回复</Text> : null}
          </Button>
          {me?.user.role === 'supervisor' && (
            <Button className='btn btn-staff-report' onClick={() => Taro.navigateTo({ url: '/packages/workbench/report/index' })}>站点服务报表</Button>
          )}
        </View>
        <Button className='btn btn--text btn-staff-logout' onClick={() => { clear(); void Taro.redirectTo({ url: '/packages/workbench/login/index' }) }}>退出工作台</Button>
      </View>
      <ScrollView scrollX className='chip-row'>
        {FILTERS.map((f, i) => (
          <View key={f.label} className={`chip${i === filter ? ' chip--active' : ''}`} onClick={() => { setFilter(i); void load(i) }} ariaRole='button'>
            {f.label}
          </View>
        ))}
      </ScrollView>
      {error && <ErrorState message={error} onRetry={() => load()} />}
      {items && items.length === 0 && <EmptyState text='没有符合条件的求助' />}
      {items?.map((r) => (
        <View key={r.id} className={`card queue-item${r.overdue ? ' queue-item--overdue' : ''}`} onClick={() => Taro.navigateTo({ url: `/packages/workbench/request/index?id=${r.id}` })} ariaRole='link'>
          <View className='queue-item__head'>
            <Text className='queue-item__title'>{r.urgency === 'urgent' ? '【紧急】' : ''}{SERVICE_CATEGORY_LABELS[r.category]}</Text>
            <Text className='queue-item__status'>{REQUEST_STATUS_LABELS[r.status]}{r.overdue ? ' · 已超时' : ''}</Text>
          </View>
          <Text className='queue-item__desc'>{r.description}</Text>
          <Text className='muted'>{r.number} · {r.station.name} · {dayjs(r.createdAt).fromNow()} · {URGENCY_LABELS[r.urgency]}{r.assigneeName ? ` · ${r.assigneeName}` : ''}{r.sensitive ? ' · 敏感' : ''}</Text>
        </View>
      ))}
    </View>
  )
}
