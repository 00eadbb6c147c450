import { usePageClass } from '@/stores/elder'
import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { SERVICE_CATEGORY_LABELS } from '@contract/enums'
import { REQUEST_STATUS_LABELS } from '@contract/requests'
import { fetchMyRequests } from '@/api/requests'
import { Chip, REQUEST_STATUS_TONES } from '@/components/Chip'
import { LoginGate } from '@/components/LoginGate'
import { EmptyState, ErrorState, Loading } from '@/components/StateView'
import { useQuery } from '@/hooks/useQuery'
import { useSession } from '@/stores/session'
import dayjs from '@/utils/dayjs'
import './index.scss'

export default function MyRequests() {
  const pageClass = usePageClass('page-my-requests')
  const token = useSession((s) => s.token)
  const list = useQuery(['myRequests', token], fetchMyRequests, { enabled: !!token, refreshOnShow: true, pullDownRefresh: true })

  if (!token) {
    return (
      <View className={pageClass}>
        <LoginGate reason='登录后可以查看您提交的求助和办理进度' />
      </View>
    )
  }
  return (
    <View className={pageClass}>
      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && <ErrorState message={list.error.message} onRetry={list.reload} />}
      {list.status === 'ok' && list.data.length === 0 && (
        <EmptyState text='您还没有提交过求助'>
          <Button className='btn btn--primary btn--main' onClick={() => Taro.navigateTo({ url: '/packages/request/new/index' })}>
            有问题找社工
          </Button>
        </EmptyState>
      )}
      {list.status === 'ok' &&
        list.data.map((r) => (
          <View
            key={r.id}
            className='card request-item'
            onClick={() => Taro.navigateTo({ url: `/packages/request/detail/index?id=${r.id}` })}
            ariaRole='link'
          >
            <View className='request-item__head'>
              <Text className='request-item__category'>
                {SERVICE_CATEGORY_LABELS[r.category]}
                {r.helpedName ? ` · 为${r.helpedName}代办` : ''}
              </Text>
              <View className='request-item__badges'>
                <Chip tone={REQUEST_STATUS_TONES[r.status]} className={`request-status request-status--${r.status}`}>
                  {REQUEST_STATUS_LABELS[r.status]}
                </Chip>
                {r.ratingDue && (
                  <Chip tone='warn' filled className='rating-due-badge'>
                    待评价
                  </Chip>
                )}
              </View>
            </View>
            <Text className='request-item__desc'>{r.description}</Text>
            <Text className='muted'>
              {r.number} · {r.station.name} · {dayjs(r.updatedAt).fromNow()}更新
            </Text>
          </View>
        ))}
    </View>
  )
}
