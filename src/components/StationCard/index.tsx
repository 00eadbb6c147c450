import { Button, Text, View } from '@tarojs/components'
import { STATION_KIND_LABELS } from '@contract/enums'
import type { StationSummary } from '@contract/types'
import { formatDistance } from '@domain/format'
import { isOpenAtWith } from '@domain/calendar'
import { callStation, navigateToStation, openStation } from '@/services/stationActions'
import './index.scss'

export interface StationCardProps {
  station: StationSummary & { distanceMeters?: number }
  /** The big card of 首页, or a row of a list. */
  variant?: 'hero' | 'list'
  highlighted?: boolean
  /** Its number on the map above the list (找社工站). */
  number?: number
  now?: Date
  onLocate?: () => void
}

export function StationCard({ station, variant = 'list', highlighted = false, number, now = new Date(), onLocate }: StationCardProps) {
  // Public holidays, 调休 and the station's own closures come with the station (specialDays).
  const open = isOpenAtWith(station.openingHours, station.specialDays ?? [], now)
  return (
    <View
      id={`station-${station.id}`}
      className={`station-card station-card--${variant}${highlighted ? ' station-card--highlighted' : ''}`}
    >
      <View className='station-card__main' onClick={() => openStation(station.id)} ariaRole='link'>
        <View className='station-card__head'>
          {number !== undefined && (
            <View className='station-card__number' ariaLabel={`${number}号`}>
              {number}
            </View>
          )}
          <Text className='station-card__name'>{station.name}</Text>
          {station.distanceMeters !== undefined && <Text className='station-card__distance'>{formatDistance(station.distanceMeters)}</Text>}
        </View>
        <View className='station-card__meta'>
          <Text className='station-card__kind'>{STATION_KIND_LABELS[station.kind]}</Text>
          <Text className={`station-card__status ${open ? 'station-card__status--open' : 'station-card__status--closed'}`}>
            {open ? '● 开放中' : '○ 已休息'}
          </Text>
        </View>
        <Text className='station-card__address'>{station.address}</Text>
        {variant === 'hero' && station.brandProjects[0] && (
          <View className='brand-project station-card__brand'>
            <Text className='brand-project__label'>品牌项目</Text>
            <Text className='brand-project__name'>{station.brandProjects[0].name}</Text>
            {station.brandProjects[0].items.length > 0 && (
              <Text className='brand-project__items'>{station.brandProjects[0].items.join(' · ')}</Text>
            )}
          </View>
        )}
      </View>
      <View className='btn-row station-card__actions'>
        <Button
          className={`btn btn--primary btn-call${variant === 'hero' ? ' btn--main' : ''}`}
          onClick={() => callStation(station.phone)}
          ariaLabel={`打电话给${station.name}，${station.phone}`}
        >
          打电话
        </Button>
        <Button
          className={`btn btn-navigate${variant === 'hero' ? ' btn--main' : ''}`}
          onClick={() => navigateToStation(station)}
          ariaLabel={`导航到${station.name}`}
        >
          导航
        </Button>
        {onLocate && (
          <Button className='btn btn-show-on-map' onClick={onLocate} ariaLabel={`地图上显示${station.name}`}>
            地图
          </Button>
        )}
      </View>
    </View>
  )
}

export default StationCard
