import { Text, View } from '@tarojs/components'
import type { WorkerReportRow } from '@contract/types'
import { formatShare } from '@domain/ratings'
import { InfoRow } from '@/components/InfoRow'

const rate = (share: number | null, part: number, whole: number) => (share === null ? '—' : `${formatShare(share)}（${part}/${whole}）`)

/** 社工个人：each worker's requests accepted and resolved in the period, and the share within target. */
export function WorkerFigures({ workers, showStation }: { workers: readonly WorkerReportRow[]; showStation: boolean }) {
  if (workers.length === 0) return null
  return (
    <View className='card report-workers'>
      <Text className='report-row__name report-workers__title'>社工个人</Text>
      {workers.map((w) => (
        <View key={w.id} className='report-worker'>
          <Text className='report-worker__name'>
            {w.nickname}
            {showStation ? `（${w.station.name}）` : ''}
          </Text>
          <InfoRow label='按时受理率'>{rate(w.onTimeRate, w.acceptedOnTime, w.accepted)}</InfoRow>
          <InfoRow label='按时办结率'>{rate(w.resolvedOnTimeRate, w.resolvedOnTime, w.resolvedTimed)}</InfoRow>
        </View>
      ))}
    </View>
  )
}
