import { usePageClass } from '@/stores/elder'
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, ScrollView, Text, View } from '@tarojs/components'
import { LIMITS } from '@contract/limits'
import type { StaffQueueQuery, StaffRequestSummary } from '@contract/types'
import { claimNext, fetchQueue } from '@/api/staff'
import { fetchStaffRatings } from '@/api/ratings'
import { Chip } from '@/components/Chip'
import { InfoRow } from '@/components/InfoRow'
import { EmptyState, ErrorState, Loading } from '@/components/StateView'
import { useQuery } from '@/hooks/useQuery'
import { toastError } from '@/services/errors'
import { useStaffSession } from '@/stores/staffSession'
import dayjs from '@/utils/dayjs'
import { sectionsFor } from '../menu'
import { RequestDetail } from '../request/RequestDetail'
import { DuplicateFlag } from '../components/Duplicates'
import { RequestHeading } from '../components/RequestHeading'
import { ResponseClocks } from '../components/ResponseClocks'
import { LogoutButton, MyAccountButton } from '../SectionNav'
import { useStaffQuery } from '../useStaffQuery'
import { useWide } from '../useWide'
import { NewArrivals } from './NewArrivals'
import './index.scss'
import '../workbench.scss'
import '../request/index.scss'

const FILTERS: { label: string; query: StaffQueueQuery }[] = [
  { label: '进行中', query: {} },
  { label: '我负责的', query: { mine: true } },
  { label: '未分配', query: { unassigned: true } },
  { label: '待受理', query: { status: 'submitted' } },
  { label: '已超时', query: { overdue: true } },
  { label: '紧急', query: { urgency: 'urgent' } },
  { label: '已办结', query: { status: 'resolved' } },
]

const REQUEST_PAGE = '/packages/workbench/request/index'

/** One request in the list: what, how urgent, its status, overdue in words, then labelled rows. */
function QueueItem({
  r,
  showStation,
  selected,
  onOpen,
  onOpenOther,
}: {
  r: StaffRequestSummary
  showStation: boolean
  selected: boolean
  onOpen: () => void
  /** Opens another request (a possible duplicate's link). */
  onOpenOther: (id: string) => void
}) {
  return (
    <View
      className={`card queue-item${r.overdueMinutes !== null ? ' queue-item--overdue' : ''}${selected ? ' queue-item--selected' : ''}`}
      onClick={onOpen}
      ariaRole='link'
    >
      <RequestHeading request={r} block='queue-item' />
      <ResponseClocks clocks={r.clocks} block='queue-item' />
      <Text className='queue-item__desc'>{r.description}</Text>
      <DuplicateFlag duplicates={r.duplicates ?? []} onOpen={onOpenOther} />
      <InfoRow label='负责人' valueClassName='queue-item__assignee'>
        {r.assigneeName ?? '未分配'}
      </InfoRow>
      {showStation && <InfoRow label='所在站点'>{r.station.name}</InfoRow>}
      <InfoRow label='提交'>{dayjs(r.createdAt).fromNow()}</InfoRow>
      <InfoRow label='编号'>{r.number}</InfoRow>
    </View>
  )
}

export default function Queue() {
  const pageClass = usePageClass('page-queue')
  const { me, token } = useStaffSession()
  const wide = useWide()
  const [filter, setFilter] = useState(0)
  const [selected, setSelected] = useState<string | null>(null)
  // How many requests are listed: LIMITS.queuePage at first, more on 「再显示」, back to the first page with another filter.
  const [limit, setLimit] = useState<number>(LIMITS.queuePage)
  const query: StaffQueueQuery = { ...FILTERS[filter]!.query, ...(limit > LIMITS.queuePage ? { limit } : {}) }
  const queue = useStaffQuery(['queue', query], () => fetchQueue(query))
  const items = queue.data?.items
  // Low ratings nobody has answered yet: the badge on 居民评价 (optional: the queue works without it).
  const badge = useQuery(['lowUnreplied', token], () => fetchStaffRatings({ low: true, unreplied: true }), {
    enabled: !!token,
    refreshOnShow: true,
    pullDownRefresh: true,
  })
  const lowUnreplied = badge.status === 'ok' ? badge.data.lowUnreplied : 0
  const showStation = !!me && me.scope.length > 1

  /** On a phone the request opens as its own page; on a desktop beside the list. */
  const openRequest = (id: string) => {
    if (wide) setSelected(id)
    else void Taro.navigateTo({ url: `${REQUEST_PAGE}?id=${id}` })
  }
  const claim = async () => {
    try {
      const r = await claimNext()
      openRequest(r.id)
      if (wide) void queue.reload()
    } catch (err) {
      toastError(err)
    }
  }

  if (!token) return <View className={pageClass} />
  const list = (
    <View className='queue-layout__list wb-split__list'>
      <View className='card queue-head'>
        <InfoRow label='工作人员' valueClassName='queue__who'>
          {me?.user.nickname}
        </InfoRow>
        <InfoRow label='所在站点' valueClassName='queue__station'>
          {me?.station.name}
        </InfoRow>
        <NewArrivals />
        {showStation && (
          <InfoRow label='可查看队列' valueClassName='queue__scope'>
            {me.scope.length} 个站点
          </InfoRow>
        )}
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
          <View
            key={f.label}
            className={`chip${i === filter ? ' chip--active' : ''}`}
            onClick={() => {
              setFilter(i)
              setLimit(LIMITS.queuePage)
            }}
            ariaRole='button'
          >
            {f.label}
          </View>
        ))}
      </ScrollView>
      {queue.status === 'loading' && !queue.data && <Loading />}
      {queue.status === 'error' && <ErrorState message={queue.error.message} onRetry={queue.reload} />}
      {queue.status === 'ok' && queue.data.items.length === 0 && <EmptyState text='没有符合条件的求助' />}
      {queue.status !== 'error' &&
        items?.map((r) => (
          <QueueItem
            key={r.id}
            r={r}
            showStation={showStation}
            selected={wide && r.id === selected}
            onOpen={() => openRequest(r.id)}
            onOpenOther={openRequest}
          />
        ))}
      {queue.status === 'ok' && queue.data.more && limit < LIMITS.queueMax && (
        <Button className='btn queue-more' onClick={() => setLimit(Math.min(limit + LIMITS.queuePage, LIMITS.queueMax))}>
          再显示 {LIMITS.queuePage} 条
        </Button>
      )}
      {queue.status === 'ok' && queue.data.more && limit >= LIMITS.queueMax && (
        <Text className='muted queue-more-note'>只显示前 {LIMITS.queueMax} 条，请用上面的筛选缩小范围</Text>
      )}
    </View>
  )
  if (!wide) return <View className={pageClass}>{list}</View>
  return (
    <View className={`${pageClass} page-queue--wide`}>
      <View className='queue-layout wb-split'>
        {list}
        <View className='queue-layout__detail wb-split__detail'>
          {selected ? (
            <RequestDetail
              key={selected}
              id={selected}
              onGone={() => {
                setSelected(null)
                void queue.reload()
              }}
              onChanged={() => void queue.reload()}
              onOpenRequest={openRequest}
            />
          ) : (
            <EmptyState text='在左侧选择一条求助，在这里查看和处理' />
          )}
        </View>
      </View>
    </View>
  )
}
