import { usePageClass } from '@/stores/elder'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { ACTIVE_ENROLLMENT_STATUSES, ACTIVITY_CATEGORY_LABELS } from '@contract/activities'
import { formatSessionTime, refusalFor, registrationText } from '@domain/activities'
import { formatCstDateTime } from '@domain/chinaTime'
import { fetchActivity, fetchMyEnrollments } from '@/api/activities'
import { InfoRow } from '@/components/InfoRow'
import { EmptyState, ErrorState, Loading } from '@/components/StateView'
import { audienceText } from '@/components/ActivityCard'
import { useQuery } from '@/hooks/useQuery'
import { useSession } from '@/stores/session'
import { CallStation, EnrollmentStatus, openMyEnrollments, participantText } from '../shared'
import { NoBreak } from '@/components/NoBreak'
import '../shared.scss'
import './index.scss'

const time = (iso: string) => formatCstDateTime(new Date(iso))

export default function ActivityDetailPage() {
  const pageClass = usePageClass('page-activity-detail')
  const { params } = useRouter()
  const id = params.id ?? ''
  const token = useSession((s) => s.token)
  // Back from enrolling or from 我的报名: seats and the family's status may have changed.
  const activity = useQuery(['activity', id], () => fetchActivity(id), {
    enabled: !!id,
    notFound: true,
    refreshOnShow: true,
    pullDownRefresh: true,
  })
  // The family's own enrollments in this activity (only when logged in; a failure just leaves them out).
  const enrollments = useQuery(['myEnrollments', token], fetchMyEnrollments, {
    enabled: !!token,
    refreshOnShow: true,
    pullDownRefresh: true,
  })
  const mine = (enrollments.status === 'ok' ? enrollments.data : []).filter(
    (e) => e.activity.id === id && ACTIVE_ENROLLMENT_STATUSES.includes(e.status),
  )

  if (!id)
    return (
      <View className={pageClass}>
        <EmptyState text='缺少活动编号' />
      </View>
    )
  if (activity.status === 'notFound')
    return (
      <View className={pageClass}>
        <EmptyState text={activity.error.message} />
      </View>
    )
  if (activity.status === 'error')
    return (
      <View className={pageClass}>
        <ErrorState message={activity.error.message} onRetry={activity.reload} />
      </View>
    )
  if (!activity.data)
    return (
      <View className={pageClass}>
        <Loading />
      </View>
    )

  const a = activity.data
  const full = a.seatsLeft === 0
  // The server's view wins over the phone's clock (which may be off).
  const canEnroll = a.registration === 'open'
  const reason = refusalFor(a.registration, new Date(a.opensAt))
  const enroll = () => Taro.navigateTo({ url: `/packages/activity/enroll/index?id=${a.id}` })

  return (
    <View className={pageClass}>
      <View className='card activity-head'>
        {a.project && <Text className='brand-project__label activity-head__project'>{a.project}</Text>}
        <Text className='activity-head__title'>{a.title}</Text>
        <View className='activity-head__tags'>
          <Text className='tag'>{ACTIVITY_CATEGORY_LABELS[a.category]}</Text>
          <Text className='tag'>{audienceText(a)}</Text>
        </View>
        <View
          className='activity-head__station'
          onClick={() => Taro.navigateTo({ url: `/pages/station/index?id=${a.station.id}` })}
          ariaRole='link'
          ariaLabel={`主办：${a.station.name}，查看社工站`}
        >
          <Text>主办：</Text>
          <Text className='activity-head__station-name'>{a.station.name}</Text>
          <Text className='muted'> ›</Text>
        </View>
      </View>

      {mine.length > 0 && (
        <View className='card my-enrollments' ariaRole='status'>
          <Text className='station-section__title'>您的报名</Text>
          {mine.map((e) => (
            <View key={e.id} className='my-enrollment'>
              <Text className='my-enrollment__name'>{participantText(e.participant)}</Text>
              <EnrollmentStatus enrollment={e} />
            </View>
          ))}
          <Button className='btn btn--main btn-view-mine' onClick={openMyEnrollments}>
            查看我的报名{mine.some((e) => e.status === 'confirmed') ? '和签到码' : ''}
          </Button>
        </View>
      )}

      <View className='card activity-enroll'>
        <View className='activity-enroll__seats'>
          <Text className={`activity-seats${full ? ' activity-seats--full' : ''}`}>
            {full ? `名额已满（共 ${a.capacity} 个）` : `剩余 ${a.seatsLeft} 个名额（共 ${a.capacity} 个）`}
          </Text>
          {(full || a.waitlistCount > 0) && (
            <Text className='activity-waitlist'>{a.waitlistCount > 0 ? `${a.waitlistCount} 人在候补` : '现在报名可进入候补'}</Text>
          )}
        </View>
        <Text className={`activity-registration activity-registration--${a.registration}`}>{registrationText(a)}</Text>
        {canEnroll ? (
          <View>
            {full && (
              <Text className='notice-box activity-enroll__waitlist-note'>
                名额已满，报名后进入候补，按报名先后递补。
                {a.confirmWithinHours
                  ? `有名额空出时会通知您，需在 ${a.confirmWithinHours} 小时内确认参加。`
                  : '有名额空出时自动转为报名成功，并通知您。'}
              </Text>
            )}
            <Button className='btn btn--primary btn--main btn-enroll' onClick={enroll}>
              {mine.length > 0 ? '为其他家人报名' : full ? '我要报名（候补）' : '我要报名'}
            </Button>
          </View>
        ) : (
          <View>
            <Text className='notice-box notice-box--warn activity-enroll__reason'>{reason}</Text>
            <Button
              className='btn btn--main btn-enroll btn-enroll--unavailable'
              {...{ 'aria-disabled': true }}
              onClick={() => void Taro.showModal({ title: '暂时不能报名', content: reason ?? '', showCancel: false })}
            >
              暂不能报名
            </Button>
          </View>
        )}
      </View>

      <View className='card activity-info'>
        <Text className='station-section__title'>活动安排</Text>
        <InfoRow label='时间' className='activity-time'>
          <NoBreak text={a.sessionCount > 1 ? `共 ${a.sessionCount} 次课` : formatSessionTime(new Date(a.startsAt), new Date(a.endsAt))} />
        </InfoRow>
        {a.sessionCount > 1 && (
          <View className='activity-sessions' ariaLabel={`全部 ${a.sessions.length} 次课的时间`}>
            {a.sessions.map((s) => (
              <View key={s.id} className='activity-session'>
                <Text className='activity-session__seq'>第 {s.seq} 次</Text>
                <NoBreak className='activity-session__time' text={formatSessionTime(new Date(s.startsAt), new Date(s.endsAt))} />
              </View>
            ))}
          </View>
        )}
        <InfoRow label='地点' className='activity-place'>
          <Text>{a.place}</Text>
          {a.location && (
            <Button
              className='btn btn-navigate'
              ariaLabel={`导航到${a.place}`}
              onClick={() =>
                void Taro.openLocation({
                  latitude: a.location!.lat,
                  longitude: a.location!.lng,
                  name: a.place,
                  address: a.station.name,
                  scale: 16,
                }).catch(() => undefined)
              }
            >
              导航
            </Button>
          )}
        </InfoRow>
        <InfoRow label='对象' className='activity-audience'>
          <Text>{audienceText(a)}</Text>
        </InfoRow>
        <InfoRow label='名额' className='activity-capacity'>
          <Text>
            共 {a.capacity} 个，剩余 {a.seatsLeft} 个{a.waitlistCount > 0 ? `，${a.waitlistCount} 人候补` : ''}
          </Text>
        </InfoRow>
        <InfoRow label='报名时间' className='activity-window'>
          <Text>
            {time(a.opensAt)} 开始，{time(a.closesAt)} 截止
          </Text>
        </InfoRow>
        <InfoRow label='取消报名' className='activity-cancel-deadline'>
          <Text>{time(a.cancelDeadline)} 前可在“我的报名”中取消</Text>
        </InfoRow>
        {a.bring && (
          <InfoRow label='请携带' className='activity-bring'>
            <Text>{a.bring}</Text>
          </InfoRow>
        )}
      </View>

      <View className='card activity-description'>
        <Text className='station-section__title'>活动介绍</Text>
        <Text className='activity-description__text'>{a.description}</Text>
        {a.photoConsentRequired && (
          <Text className='notice-box activity-photo-note'>
            拍照说明：活动中社工会拍照，经家长单独同意后用于社工站的公开宣传（如公众号、宣传栏）。是否同意不影响报名；不同意的，拍照时会避开孩子，或对面部做遮挡处理。
          </Text>
        )}
        <CallStation name={a.station.name} phone={a.station.phone} />
      </View>
    </View>
  )
}
