import { useCallback, useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import type { StationDetail } from '@contract/types'
import { fetchStation } from '@/api/stations'
import { ApiError } from '@/api/client'

export function useStation() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const focus = params.focus === 'contact'
  const [state, setState] = useState<{ status: 'loading' | 'ok' | 'error' | 'notFound'; station: StationDetail | null; error: string | null }>({
    status: 'loading',
    station: null,
    error: null,
  })

  const load = useCallback(async () => {
    if (!id) {
      setState({ status: 'notFound', station: null, error: '缺少站点编号' })
      return
    }
    setState((s) => ({ ...s, status: 'loading', error: null }))
    try {
      const station = await fetchStation(id)
      setState({ status: 'ok', station, error: null })
      void Taro.setNavigationBarTitle({ title: station.name }).catch(() => undefined)
    } catch (err) {
      const e = err instanceof ApiError ? err : null
      setState({ status: e?.status === 404 || e?.status === 400 ? 'notFound' : 'error', station: null, error: e?.message ?? '加载失败，请重试' })
    }
  }, [id])

  useEffect(() => {
    void load()
  }, [load])

  return { ...state, focus, reload: load, open: (stationId: string) => Taro.navigateTo({ url: `/pages/station/index?id=${stationId}` }) }
}
