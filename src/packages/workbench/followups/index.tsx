import { Text, View } from '@tarojs/components'
import type { FollowUp, FollowUpOutcome } from '@contract/types'
import { fetchFollowUps } from '@/api/followups'
import { EmptyState, ErrorState, Loading } from '@/components/StateView'
import { usePageClass } from '@/stores/elder'
import { useStaffSession } from '@/stores/staffSession'
import { useStaffQuery } from '../useStaffQuery'
import { FollowUpCard } from './FollowUpCard'
import './index.scss'
import '../workbench.scss'

/**
 * 回访: the follow-up calls agreed when requests were resolved — due ones
 * first (today's and those not reached yet), then the next two weeks'.
 */
export default function FollowUps() {
  const pageClass = usePageClass('page-workbench-followups')
  const token = useStaffSession((s) => s.token)
  const me = useStaffSession((s) => s.me)
  const list = useStaffQuery(['followUps'], fetchFollowUps)
  if (!token) return <View className={pageClass} />
  const now = new Date()
  const showStation = (me?.scope.length ?? 1) > 1
  const recorded = (f: FollowUp, outcome: FollowUpOutcome) =>
    list.setData((l) => ({
      upcoming: l.upcoming,
      due: outcome.closed
        ? l.due.filter((x) => x.id !== f.id)
        : l.due.map((x) => (x.id === f.id ? { ...x, attempts: outcome.attempts, lastAttemptAt: new Date().toISOString() } : x)),
    }))
  const data = list.data
  return (
    <View className={pageClass}>
      <View className='card'>
        <Text className='followups__title'>回访</Text>
        <Text className='muted'>办结时约定的回访电话。点电话号码即可拨打；接通后记录居民是否满意，还需要帮助的求助会回到本站队列。</Text>
      </View>
      {list.status === 'error' && <ErrorState message={list.error.message} onRetry={list.reload} />}
      {list.status === 'loading' && !data && <Loading />}
      {data && (
        <>
          <Text className='section-title followups__section'>待回访（{data.due.length}）</Text>
          {data.due.length === 0 && <EmptyState text='现在没有要打的回访电话' />}
          {data.due.map((f) => (
            <FollowUpCard key={f.id} f={f} now={now} showStation={showStation} onRecorded={recorded} />
          ))}
          <Text className='section-title followups__section'>两周内到期（{data.upcoming.length}）</Text>
          {data.upcoming.length === 0 && <EmptyState text='两周内没有到期的回访' />}
          {data.upcoming.map((f) => (
            <FollowUpCard key={f.id} f={f} now={now} showStation={showStation} onRecorded={recorded} />
          ))}
        </>
      )}
    </View>
  )
}
