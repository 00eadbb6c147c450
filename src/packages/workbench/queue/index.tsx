import { usePageClass } from '@/stores/elder'
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, ScrollView, Text, View } from '@tarojs/components'
import { SERVICE_CATEGORY_LABELS } from '@contract/enums'
import { REQUEST_STATUS_LABELS, URGENCY_LABELS } from '@contract/requests'
import type { StaffQueueQuery } from '@contract/types'
import { claimNext, fetchQueue } from '@/api/staff'
import { fetchStaffRatings } from '@/api/ratings'
import { Chip, REQUEST_STATUS_TONES } from '@/components/Chip'
import { EmptyState, ErrorState, Loading } from '@/components/StateView'
import { useQuery } from '@/hooks/useQuery'
import { toastError } from '@/services/errors'
import { useStaffSession } from '@/stores/staffSession'
import dayjs from '@/utils/dayjs'
import { sectionsFor } from '../menu'
import { LogoutButton, MyAccountButton } from '../SectionNav'
import { useStaffQuery } from '../useStaffQuery'
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
  const { me, token } = useStaffSession()
  const [filter, setFilter] = useState(0)
  const query = FILTERS[filter]!.query
  const queue = useStaffQuery(['queue', query], () => fetchQueue(query))
  // Low ratings nobody has answered yet: the badge on 居民评价 (optional: the queue works without it).
  const badge = useQuery(['lowUnreplied', token], () => fetchStaffRatings({ low: true, unreplied: true }), {
    enabled: !!token,
    refreshOnShow: true,
    pullDownRefresh: true,
  })
  const lowUnreplied = badge.status === 'ok' ? badge.data.lowUnreplied : 0

  const claim = async () => {
    try {
      const r = await claimNext()
      void Taro.navigateTo({ url: `/packages/workbench/request/index?id=${r.id}` })
    } catch (err) {
      toastError(err)
    }
  }

  if (!token) return <View className={pageClass} />
  return (
    <View className={pageClass}>
      <View className='card'>
        <Text className='queue__who'>
          {me?.user.nickname} · {me?.station.name}
        </Text>
        {me && me.scope.length > 1 && <Text className='muted'>可查看 {me.scope.length} 个站点的队列</Text>}
        <View className='btn-row btn-row--fit'>
          <Button className='btn btn--primary btn--main btn-claim' onClick={claim}>
            领取下一条
          </Button>
          <Button className='btn btn--main' onClick={() => Taro.navigateTo({ url: '/packages/workbench/new/index' })}>
            登记来电/来访
          </Button>
        </View>
        <View className='btn-row btn-row--fit'>
          {sectionsFor(me)
            .filter((s) => s.key !== 'queue')
            .map((s) => (
              <Button
                key={s.key}
                className={`btn ${s.className}`}
                onClick={() => Taro.navigateTo({ url: s.url })}
                ariaLabel={s.key === 'ratings' && lowUnreplied ? `居民评价，${lowUnreplied} 条差评待回复` : s.label}
              >
                {s.label}
                {s.key === 'ratings' && lowUnreplied ? (
                  <Chip tone='danger' filled className='ratings-badge'>
                    {lowUnreplied} 条差评待回复
                  </Chip>
                ) : null}
              </Button>
            ))}
        </View>
        <MyAccountButton />
        <LogoutButton />
      </View>
      <ScrollView scrollX className='chip-row'>
        {FILTERS.map((f, i) => (
          <View key={f.label} className={`chip${i === filter ? ' chip--active' : ''}`} onClick={() => setFilter(i)} ariaRole='button'>
            {f.label}
          </View>
        ))}
      </ScrollView>
      {queue.status === 'loading' && !queue.data && <Loading />}
      {queue.status === 'error' && <ErrorState message={queue.error.message} onRetry={queue.reload} />}
      {queue.status === 'ok' && queue.data.length === 0 && <EmptyState text='没有符合条件的求助' />}
      {queue.status !== 'error' &&
        queue.data?.map((r) => (
          <View
            key={r.id}
            className={`card queue-item${r.overdue ? ' queue-item--overdue' : ''}`}
            onClick={() => Taro.navigateTo({ url: `/packages/workbench/request/index?id=${r.id}` })}
            ariaRole='link'
          >
            <View className='queue-item__head'>
              <Text className='queue-item__title'>{SERVICE_CATEGORY_LABELS[r.category]}</Text>
              <View className='queue-item__chips'>
                {r.urgency === 'urgent' && (
                  <Chip tone='danger' filled className='queue-item__urgent'>
                    紧急
                  </Chip>
                )}
                <Chip tone={REQUEST_STATUS_TONES[r.status]} className='queue-item__status'>
                  {REQUEST_STATUS_LABELS[r.status]}
                </Chip>
                {r.overdue && (
                  <Chip tone='danger' className='queue-item__overdue'>
                    已超时
                  </Chip>
                )}
              </View>
            </View>
            <Text className='queue-item__desc'>{r.description}</Text>
            <Text className='muted'>
              {r.number} · {r.station.name} · {dayjs(r.createdAt).fromNow()} · {URGENCY_LABELS[r.urgency]}
              {r.assigneeName ? ` · ${r.assigneeName}` : ''}
              {r.sensitive ? ' · 敏感' : ''}
            </Text>
          </View>
        ))}
    </View>
  )
}
