import { useEffect } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { fetchStation } from '@/api/stations'
import { useQuery } from '@/hooks/useQuery'

export function useStation() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const focus = params.focus === 'contact'
  const station = useQuery(['station', id], () => fetchStation(id), { enabled: !!id, notFound: true })

  useEffect(() => {
    if (station.status === 'ok') void Taro.setNavigationBarTitle({ title: station.data.name }).catch(() => undefined)
  }, [station.status, station.data])

  return { id, station, focus, open: (stationId: string) => Taro.navigateTo({ url: `/pages/station/index?id=${stationId}` }) }
}
