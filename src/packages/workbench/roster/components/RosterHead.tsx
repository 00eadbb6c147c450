import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { activityTitle, formatAgeRange, registrationText } from '@domain/activities'
import { Chip, REGISTRATION_TONES } from '@/components/Chip'
import { InfoRow } from '@/components/InfoRow'
import { busyProps } from '@/utils/busy'
import type { RosterView } from '../useRoster'

/** The activity, its counts, and the tools to run it (编辑, 截止/重新开放报名, 导出名单). */
export function RosterHead({ v }: { v: RosterView }) {
  const { activity: a, groups, busy } = v
  return (
    <View className='card roster-head'>
      <Text className='roster-head__title'>{activityTitle(a)}</Text>
      <View className='roster-head__chips'>
        <Chip
          tone={REGISTRATION_TONES[a.registration]}
          className={`roster-head__registration roster-head__registration--${a.registration}`}
        >
          {registrationText(a)}
        </Chip>
      </View>
      <InfoRow label='地点'>{a.place}</InfoRow>
      <InfoRow label='对象'>
        {formatAgeRange(a)}
        {a.sessions.length > 1 ? ` · 共 ${a.sessions.length} 次课` : ''}
      </InfoRow>
      <View className='roster-counts' ariaRole='status'>
        <View className='roster-count roster-count--seats'>
          <Text className='roster-count__label'>已报名</Text>
          <Text className='roster-count__value'>
            {groups.confirmed.length}/{a.capacity}
          </Text>
        </View>
        <View className='roster-count roster-count--waitlist'>
          <Text className='roster-count__label'>候补</Text>
          <Text className='roster-count__value'>{groups.waitlisted.length}</Text>
        </View>
        <View className='roster-count roster-count--present'>
          <Text className='roster-count__label'>本次已签到</Text>
          <Text className='roster-count__value'>{groups.present.length}</Text>
        </View>
      </View>
      {groups.offered.length > 0 && <Text className='muted roster-offered-count'>另有 {groups.offered.length} 人的名额在等待家长确认</Text>}
      <View className='btn-row btn-row--fit'>
        <Button
          className='btn btn-edit-activity'
          onClick={() => Taro.navigateTo({ url: `/packages/workbench/activity-edit/index?id=${a.id}` })}
        >
          编辑
        </Button>
        {v.canClose && (
          <Button className='btn btn-close-registration' {...busyProps(busy === 'registration')} onClick={v.switchRegistration}>
            截止报名
          </Button>
        )}
        {v.canReopen && (
          <Button className='btn btn-reopen-registration' {...busyProps(busy === 'registration')} onClick={v.switchRegistration}>
            重新开放报名
          </Button>
        )}
        <Button className='btn btn-export-roster' {...busyProps(busy === 'export')} onClick={v.exportCsv}>
          导出名单
        </Button>
      </View>
      <Text className='muted roster-privacy'>名单含居民和儿童的个人信息，仅用于本站组织活动，请勿转发到群聊。</Text>
    </View>
  )
}
