import { usePageClass } from '@/stores/elder'
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import type { Enrollment } from '@contract/types'
import { formatSchedule, isUpcomingEnrollment } from '@domain/activities'
import { formatCstDateTime } from '@domain/chinaTime'
import { cancelEnrollment, confirmEnrollment, fetchMyEnrollments } from '@/api/activities'
import { CheckinQr } from '@/components/CheckinQr'
import { Tabs } from '@/components/Tabs'
import { EmptyState, ErrorState, Loading } from '@/components/StateView'
import { activityTitle, openActivity } from '@/components/ActivityCard'
import { InfoRow } from '@/components/InfoRow'
import { NoBreak } from '@/components/NoBreak'
import { useQuery } from '@/hooks/useQuery'
import { alertError } from '@/services/errors'
import { useSession } from '@/stores/session'
import { busyProps } from '@/utils/busy'
import { CallStation, EnrollmentStatus, participantText } from '../shared'
import { LoginGate } from '@/components/LoginGate'
import { RatingView } from '@/components/RatingView'
import '../shared.scss'
import './index.scss'

type Tab = 'upcoming' | 'past'
const time = (iso: string) => formatCstDateTime(new Date(iso))
const rate = (enrollmentId: string) => Taro.navigateTo({ url: `/packages/rating/new/index?enrollmentId=${enrollmentId}` })

function EnrollmentCard({ e, onChange, upcoming }: { e: Enrollment; onChange: (e: Enrollment) => void; upcoming: boolean }) {
  const [busy, setBusy] = useState<'cancel' | 'confirm' | null>(null)
  const a = e.activity
  const who = e.participant.name

  const cancel = async () => {
    const waiting = e.status === 'waitlisted'
    const ok = await Taro.showModal({
      title: waiting ? '取消候补' : '取消报名',
      content: `确定取消${who}的${waiting ? '候补' : '报名'}吗？取消后名额会让给候补的家庭，如需参加要重新报名。取消截止：${time(e.cancelDeadline)}。`,
      confirmText: '确定取消',
      cancelText: '再想想',
    })
    if (!ok.confirm) return
    setBusy('cancel')
    try {
      onChange(await cancelEnrollment(e.id))
      void Taro.showToast({ title: '已取消', icon: 'success' })
    } catch (err) {
      alertError('没有取消成功', err)
    } finally {
      setBusy(null)
    }
  }

  const confirm = async () => {
    setBusy('confirm')
    try {
      onChange(await confirmEnrollment(e.id))
      void Taro.showToast({ title: '已确认参加', icon: 'success' })
    } catch (err) {
      alertError('没有确认成功', err)
    } finally {
      setBusy(null)
    }
  }

  return (
    <View className={`card enrollment enrollment--${e.status}`}>
      <View className='enrollment__head'>
        <View className='enrollment__title' onClick={() => openActivity(a.id)} ariaRole='link'>
          {activityTitle(a)}
        </View>
        <EnrollmentStatus enrollment={e} />
      </View>
      <InfoRow label='参加人' valueClassName='enrollment__participant'>
        {participantText(e.participant)}
      </InfoRow>
      <InfoRow label='时间' valueClassName='enrollment__time'>
        <NoBreak text={formatSchedule(a.sessionCount, new Date(a.startsAt), new Date(a.endsAt))} />
      </InfoRow>
      <InfoRow label='地点' valueClassName='enrollment__place'>
        {a.place}（{a.station.name}）
      </InfoRow>
      {e.attendedSessions > 0 && (
        <Text className='muted enrollment__attended'>
          已签到 {e.attendedSessions} 次{a.sessionCount > 1 ? `（共 ${a.sessionCount} 次课）` : ''}
        </Text>
      )}

      {e.ratingDue && (
        <View className='enrollment__rate'>
          <Text className='muted'>参加得怎么样？您的评价会帮助社工站把活动办得更好。</Text>
          <Button
            className='btn btn--primary btn-rate-enrollment'
            onClick={() => rate(e.id)}
            ariaLabel={`评价：${activityTitle(a)}（${who}参加）`}
          >
            评价
          </Button>
        </View>
      )}
      {!e.ratingDue && e.rating && (
        <View className='enrollment__rating'>
          <Text className='enrollment__rating-title'>我的评价</Text>
          <RatingView rating={e.rating}>
            {Date.now() < new Date(e.rating.editableUntil).getTime() && (
              <View className='enrollment__rating-edit'>
                <Text className='muted'>{time(e.rating.editableUntil)} 前可以修改</Text>
                <Button className='btn btn-edit-rating' onClick={() => rate(e.id)} ariaLabel={`修改评价：${activityTitle(a)}`}>
                  修改
                </Button>
              </View>
            )}
          </RatingView>
        </View>
      )}

      {e.status === 'offered' && (
        <View className='enrollment__offer'>
          <Text className='notice-box notice-box--warn'>
            有名额空出来了！请在 {e.offerExpiresAt ? time(e.offerExpiresAt) : '规定时间'} 前确认参加，逾期名额将让给下一位候补。
          </Text>
          <Button className='btn btn--primary btn--main btn-confirm-offer' {...busyProps(busy === 'confirm')} onClick={confirm}>
            确认参加
          </Button>
        </View>
      )}
      {e.status === 'waitlisted' && upcoming && (
        <Text className='muted enrollment__waitlist-note'>有人取消时按报名先后递补，轮到您时会通知您。</Text>
      )}

      {e.status === 'confirmed' && e.checkinCode && upcoming && <CheckinQr code={e.checkinCode} participantName={who} />}

      {e.canCancel ? (
        <View className='enrollment__cancel'>
          <Text className='muted'>{time(e.cancelDeadline)} 前可以取消</Text>
          <Button
            className='btn btn-cancel-enrollment'
            {...busyProps(busy === 'cancel')}
            onClick={cancel}
            ariaLabel={`${e.status === 'waitlisted' ? '取消候补' : '取消报名'}：${who}`}
          >
            {e.status === 'waitlisted' ? '取消候补' : '取消报名'}
          </Button>
        </View>
      ) : (
        upcoming && (
          <View className='enrollment__cancel'>
            <Text className='muted enrollment__cancel-closed'>
              已过取消截止时间（{time(e.cancelDeadline)}），如不能参加请提前告诉社工站。
            </Text>
            <CallStation name={a.station.name} phone={a.station.phone} />
          </View>
        )
      )}
    </View>
  )
}

export default function MyEnrollments() {
  const pageClass = usePageClass('page-my-enrollments')
  const token = useSession((s) => s.token)
  const list = useQuery(['myEnrollments', token], fetchMyEnrollments, { enabled: !!token, refreshOnShow: true, pullDownRefresh: true })
  const [tab, setTab] = useState<Tab>('upcoming')

  if (!token) {
    return (
      <View className={pageClass}>
        <LoginGate reason='登录后可以查看报名结果、签到码和候补进度' />
      </View>
    )
  }

  const now = new Date()
  const items = list.status === 'ok' ? list.data : []
  const upcoming = items.filter((e) => isUpcomingEnrollment(e, now))
  const past = items.filter((e) => !isUpcomingEnrollment(e, now))
  const shown = tab === 'upcoming' ? upcoming : past
  const replace = (next: Enrollment) => list.setData((all) => all.map((x) => (x.id === next.id ? next : x)))

  return (
    <View className={pageClass}>
      <Tabs
        label='我的报名'
        tabs={[
          ['upcoming', `即将参加（${upcoming.length}）`],
          ['past', `已结束或取消（${past.length}）`],
        ]}
        value={tab}
        onChange={setTab}
      />

      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && <ErrorState message={list.error.message} onRetry={list.reload} />}
      {list.status === 'ok' && shown.length === 0 && (
        <EmptyState text={tab === 'upcoming' ? '还没有即将参加的活动' : '还没有已结束或取消的报名'}>
          {tab === 'upcoming' && (
            <Button className='btn btn--primary btn--main btn-browse' onClick={() => Taro.switchTab({ url: '/pages/activities/index' })}>
              看看附近的活动
            </Button>
          )}
        </EmptyState>
      )}
      {shown.map((e) => (
        <EnrollmentCard key={e.id} e={e} upcoming={tab === 'upcoming'} onChange={replace} />
      ))}
      <View className='mine-family'>
        <Button className='btn btn--main btn-family' onClick={() => Taro.navigateTo({ url: '/packages/activity/family/index' })}>
          管理我的家人
        </Button>
      </View>
    </View>
  )
}
