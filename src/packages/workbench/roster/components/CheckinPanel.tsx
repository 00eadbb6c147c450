import { Button, ScrollView, Text, View } from '@tarojs/components'
import { formatSessionTime } from '@domain/activities'
import { busyProps } from '@/utils/busy'
import { sessionLine, sessionName } from '../model'
import type { RosterView } from '../useRoster'

/** 签到: the session (a course's sessions as choices), who is present, 扫码签到 and what the last check-in did. */
export function CheckinPanel({ v }: { v: RosterView }) {
  const { activity: a, session, now, groups, notice } = v
  const count = a.sessions.length
  return (
    <View className='card roster-checkin'>
      <Text className='station-section__title'>签到</Text>
      {count > 1 && (
        <>
          <Text className='field__label'>签到的课次</Text>
          <View ariaRole='radiogroup' ariaLabel='签到的课次'>
            <ScrollView scrollX className='chip-row roster-sessions'>
              {a.sessions.map((s) => (
                <View
                  key={s.id}
                  className={`chip roster-session${s.id === session.id ? ' chip--active' : ''}`}
                  onClick={() => v.chooseSession(s.id)}
                  ariaRole='radio'
                  ariaLabel={`${sessionName(s, count)}，${sessionLine(s, now)}`}
                  {...{ 'aria-checked': s.id === session.id }}
                >
                  {s.id === session.id ? '✓ ' : ''}第{s.seq}次 {formatSessionTime(new Date(s.startsAt), new Date(s.endsAt)).split('（')[0]}
                </View>
              ))}
            </ScrollView>
          </View>
        </>
      )}
      <Text className='roster-session-line'>
        {sessionName(session, count)}：{sessionLine(session, now)}
      </Text>
      <Text className='roster-present-line'>
        已签到 {groups.present.length} 人，未签到 {groups.confirmed.length - groups.present.length} 人
      </Text>
      <Button className='btn btn--primary btn--main btn-scan-checkin' {...busyProps(v.busy === 'scan')} onClick={v.scan}>
        📷 扫码签到
      </Button>
      <Text className='muted'>扫居民在“我的报名”里出示的签到码；也可以在下方名单中按姓名签到。</Text>
      {notice && (
        <View className={`checkin-notice checkin-notice--${notice.kind}`} ariaRole='alert'>
          <Text className='checkin-notice__text'>{notice.text}</Text>
          {notice.kind !== 'error' && (
            <Button className='btn btn-scan-next' onClick={v.scan}>
              继续扫码
            </Button>
          )}
        </View>
      )}
    </View>
  )
}
