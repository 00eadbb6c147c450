import { usePageClass } from '@/stores/elder'
import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { ACTIVITY_CATEGORY_LABELS, AUDIENCE_LABELS } from '@contract/activities'
import type { ActivitySummary } from '@contract/types'
import { activityTitle, formatAgeRange, formatSchedule, registrationText } from '@domain/activities'
import { fetchStationActivities } from '@/api/activities'
import { Chip, REGISTRATION_TONES } from '@/components/Chip'
import { InfoRow } from '@/components/InfoRow'
import { EmptyState, ErrorState, Loading } from '@/components/StateView'
import { useStaffSession } from '@/stores/staffSession'
import { useStaffQuery } from '../useStaffQuery'
import './index.scss'
import '../workbench.scss'

/** Upcoming (not yet over) soonest first, then past ones latest first. */
function split(items: ActivitySummary[], now: Date): { upcoming: ActivitySummary[]; past: ActivitySummary[] } {
  const over = (a: ActivitySummary) => new Date(a.endsAt) <= now
  return {
    upcoming: items.filter((a) => !over(a)).sort((a, b) => a.startsAt.localeCompare(b.startsAt)),
    past: items.filter(over).sort((a, b) => b.startsAt.localeCompare(a.startsAt)),
  }
}

function ActivityRow({ a }: { a: ActivitySummary }) {
  const taken = a.capacity - a.seatsLeft
  const open = () => Taro.navigateTo({ url: `/packages/workbench/roster/index?id=${a.id}` })
  return (
    <View className={`card staff-activity staff-activity--${a.registration}`} onClick={open} ariaRole='link'>
      <Text className='staff-activity__title'>{activityTitle(a)}</Text>
      <View className='staff-activity__chips'>
        <Chip tone={REGISTRATION_TONES[a.registration]} className={`staff-activity__state staff-activity__state--${a.registration}`}>
          {registrationText(a)}
        </Chip>
        {a.seatsLeft === 0 && a.registration !== 'cancelled' && <Chip tone='warn'>名额已满</Chip>}
      </View>
      <InfoRow label='时间' valueClassName='staff-activity__when'>
        {formatSchedule(a.sessionCount, new Date(a.startsAt), new Date(a.endsAt))}
      </InfoRow>
      <InfoRow label='对象'>
        {ACTIVITY_CATEGORY_LABELS[a.category]} · {AUDIENCE_LABELS[a.audience]} · {formatAgeRange(a)}
      </InfoRow>
      <InfoRow label='地点'>{a.place}</InfoRow>
      <View className='staff-activity__foot'>
        <View className='staff-activity__numbers'>
          <Text className='staff-activity__seats'>
            已报名 {taken}/{a.capacity}
            {a.seatsLeft === 0 ? '（已满）' : ''}
          </Text>
          <Text className='staff-activity__waitlist'>候补 {a.waitlistCount} 人</Text>
        </View>
        <Text className='staff-activity__more'>名单与签到 ›</Text>
      </View>
    </View>
  )
}

/** The station's activities: what is coming up, what is over, and 发布活动. */
export default function StaffActivities() {
  const pageClass = usePageClass('page-staff-activities')
  const token = useStaffSession((s) => s.token)
  const stationName = useStaffSession((s) => s.me?.station.name)
  const list = useStaffQuery(['stationActivities'], fetchStationActivities)

  if (!token) return <View className={pageClass} />
  const items = list.data ?? null
  const { upcoming, past } = split(items ?? [], new Date())
  return (
    <View className={pageClass}>
      <View className='card'>
        <Text className='staff-activities__station'>{stationName ?? '本站'}的活动</Text>
        <Text className='muted'>点按活动查看报名名单、候补和签到</Text>
        <Button
          className='btn btn--primary btn--main btn-new-activity'
          onClick={() => Taro.navigateTo({ url: '/packages/workbench/activity-edit/index' })}
        >
          ＋ 发布活动
        </Button>
      </View>
      {list.status === 'error' && <ErrorState message={list.error.message} onRetry={list.reload} />}
      {list.status === 'loading' && !items && <Loading />}
      {items && items.length === 0 && (
        <EmptyState text='本站还没有发布活动'>
          <Text className='muted'>发布后，居民可以在小程序“活动”里看到并报名</Text>
        </EmptyState>
      )}
      {upcoming.length > 0 && (
        <View className='staff-activities__group staff-activities__upcoming'>
          <Text className='section-title'>即将开始和进行中（{upcoming.length}）</Text>
          <View className='staff-activities__list wb-grid'>
            {upcoming.map((a) => (
              <ActivityRow key={a.id} a={a} />
            ))}
          </View>
        </View>
      )}
      {past.length > 0 && (
        <View className='staff-activities__group staff-activities__past'>
          <Text className='section-title'>已结束（{past.length}）</Text>
          <View className='staff-activities__list wb-grid'>
            {past.map((a) => (
              <ActivityRow key={a.id} a={a} />
            ))}
          </View>
        </View>
      )}
    </View>
  )
}
