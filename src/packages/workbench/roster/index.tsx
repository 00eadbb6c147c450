import { usePageClass } from '@/stores/elder'
import { Text, View } from '@tarojs/components'
import { Chip } from '@/components/Chip'
import { ErrorState, Loading } from '@/components/StateView'
import { CheckinPanel } from './components/CheckinPanel'
import { RosterEntryCard, TickButton } from './components/RosterEntryCard'
import { RosterHead } from './components/RosterHead'
import { useRoster } from './useRoster'
import './index.scss'
import '../workbench.scss'

/** The roster of one activity: seats, offers and the waitlist, check-in by QR code or by name, and the tools to run it. */
export default function StaffRoster() {
  const pageClass = usePageClass('page-roster')
  const { query, view: v } = useRoster()

  if (query.status === 'idle') return <View className={pageClass} />
  if (!v) {
    return (
      <View className={pageClass}>
        {query.status === 'error' ? <ErrorState message={query.error.message} onRetry={query.reload} /> : <Loading />}
      </View>
    )
  }

  const { activity: a, session, groups } = v
  const { confirmed, offered, waitlisted, noPhotos } = groups
  return (
    <View className={pageClass}>
      <RosterHead v={v} />
      <CheckinPanel v={v} />

      {a.photoConsentRequired ? (
        noPhotos.length > 0 && (
          <View className='card roster-no-photo' ariaRole='note'>
            <Text className='roster-no-photo__title'>⚠ 不同意拍照（{noPhotos.length} 人）</Text>
            <Text className='roster-no-photo__names'>{noPhotos.map((e) => e.participantName).join('、')}</Text>
            <Text className='muted'>拍照和发布宣传时请避开以上参加者，不要公开其照片。</Text>
          </View>
        )
      ) : (
        <Text className='muted roster-photo-note'>本活动没有设置拍照宣传同意：请勿公开发布参加者的照片。</Text>
      )}

      <Text className='section-title'>报名成功（{confirmed.length}）</Text>
      {confirmed.length === 0 && (
        <View className='card'>
          <Text className='muted'>还没有人报名</Text>
        </View>
      )}
      {confirmed.map((e) => {
        const here = e.attendedSessionIds.includes(session.id)
        return (
          <RosterEntryCard
            key={e.enrollmentId}
            e={e}
            present={here}
            photoConsentRequired={a.photoConsentRequired}
            attendance={a.sessions.length > 1 ? `已出勤 ${e.attendedSessionIds.length}/${a.sessions.length} 次` : undefined}
            aside={<TickButton e={e} present={here} busy={v.busy === `tick-${e.enrollmentId}`} onTick={v.tickByName} />}
          />
        )
      })}

      {offered.length > 0 && (
        <>
          <Text className='section-title'>待确认（{offered.length}）</Text>
          {offered.map((e) => (
            <RosterEntryCard
              key={e.enrollmentId}
              e={e}
              photoConsentRequired={a.photoConsentRequired}
              aside={
                <Chip tone='warn' className='roster-entry__status'>
                  名额保留中，待家长确认
                </Chip>
              }
            />
          ))}
        </>
      )}

      <Text className='section-title'>候补名单（{waitlisted.length}）</Text>
      {waitlisted.length === 0 && (
        <View className='card'>
          <Text className='muted'>没有人候补</Text>
        </View>
      )}
      {waitlisted.map((e, i) => (
        <RosterEntryCard
          key={e.enrollmentId}
          e={e}
          photoConsentRequired={a.photoConsentRequired}
          aside={
            <Chip tone='warn' className='roster-entry__position'>
              候补第 {e.waitlistPosition ?? i + 1} 位
            </Chip>
          }
        />
      ))}
      {waitlisted.length > 0 && (
        <Text className='muted roster-waitlist-note'>
          有人取消或增加名额时，候补按以上顺序
          {a.confirmWithinHours ? `转为待确认（需在 ${a.confirmWithinHours} 小时内确认）` : '自动转为报名成功'}。
        </Text>
      )}
    </View>
  )
}
