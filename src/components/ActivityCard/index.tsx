import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ACTIVITY_CATEGORY_LABELS, AUDIENCE_LABELS } from '@contract/activities'
import type { ActivitySummary } from '@contract/types'
import { NoBreak } from '@/components/NoBreak'
import { activityTitle, formatAgeRange, formatSchedule, registrationText, seatsLabel } from '@domain/activities'
import { formatDistance } from '@domain/format'
import './index.scss'

export { activityTitle }

/** Who an activity is for: "儿童 · 6–12 岁", "老年人 · 60 岁以上", "不限人群 · 不限年龄". */
export const audienceText = (a: Pick<ActivitySummary, 'audience' | 'minAge' | 'maxAge'>) =>
  `${a.audience === 'all' ? '不限人群' : AUDIENCE_LABELS[a.audience]} · ${formatAgeRange(a)}`

export const openActivity = (id: string) => Taro.navigateTo({ url: `/packages/activity/detail/index?id=${id}` })

/** One activity in a list: what, where, when, for whom, seats, and where registration stands. Tap → detail. */
export function ActivityCard({ activity: a }: { activity: ActivitySummary }) {
  const full = a.seatsLeft === 0
  return (
    <View className='activity-card' onClick={() => openActivity(a.id)} ariaRole='link'>
      <View className='activity-card__head'>
        <Text className='activity-card__title'>{activityTitle(a)}</Text>
        <Text className='tag activity-card__category'>{ACTIVITY_CATEGORY_LABELS[a.category]}</Text>
      </View>
      <View className='activity-card__row'>
        <Text className='activity-card__station'>{a.station.name}</Text>
        {a.distanceMeters !== null && <Text className='activity-card__distance'>距您 {formatDistance(a.distanceMeters)}</Text>}
      </View>
      <NoBreak
        className='activity-card__schedule'
        text={`时间：${formatSchedule(a.sessionCount, new Date(a.startsAt), new Date(a.endsAt))}`}
      />
      <Text className='activity-card__audience'>对象：{audienceText(a)}</Text>
      <View className='activity-card__row'>
        <Text className={`activity-card__seats${full ? ' activity-card__seats--full' : ''}`}>
          {seatsLabel(a.seatsLeft, a.waitlistCount)}
        </Text>
        <Text className={`activity-card__registration activity-card__registration--${a.registration}`}>{registrationText(a)}</Text>
      </View>
    </View>
  )
}

export default ActivityCard
