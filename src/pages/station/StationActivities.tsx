import { useCallback, useEffect, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import type { ActivitySummary } from '@contract/types'
import { fetchActivities } from '@/api/activities'
import { ApiError } from '@/api/client'
import { ActivityCard } from '@/components/ActivityCard'

/** 本站活动: the station's upcoming activities, each opening its detail. A failure here leaves the rest of the page alone. */
export function StationActivities({ stationId }: { stationId: string }) {
  const [state, setState] = useState<{ status: 'loading' | 'ok' | 'error'; items: ActivitySummary[]; error: string | null }>({ status: 'loading', items: [], error: null })

  const load = useCallback(async () => {
    setState((s) => ({ ...s, status: 'loading', error: null }))
    try {
      setState({ status: 'ok', items: await fetchActivities({ stationId }), error: null })
    } catch (err) {
      setState({ status: 'error', items: [], error: err instanceof ApiError ? err.message : '加载失败' })
    }
  }, [stationId])

  useEffect(() => {
    void load()
  }, [load])

  return (
    <View className='station-activities'>
      <Text className='section-title'>本站活动{state.status === 'ok' && state.items.length > 0 ? `（${state.items.length}）` : ''}</Text>
      {state.status === 'loading' && <Text className='muted station-activities__note'>正在加载本站活动…</Text>}
      {state.status === 'error' && (
        <View className='station-activities__note'>
          <Text className='muted'>本站活动暂时没有加载出来：{state.error}</Text>
          <Button className='btn btn--text btn-retry-activities' onClick={load}>重试</Button>
        </View>
      )}
      {state.status === 'ok' && state.items.length === 0 && <Text className='muted station-activities__note'>本站近期没有活动</Text>}
      {state.items.map((a) => (
        <ActivityCard key={a.id} activity={a} />
      ))}
    </View>
  )
}

export default StationActivities
