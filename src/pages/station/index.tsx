import { usePageClass } from '@/stores/elder'
import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { STATION_KIND_LABELS } from '@contract/enums'
import { formatOpeningHours, isOpenAt } from '@domain/hours'
import { ServiceTags } from '@/components/ServiceTags'
import { StationCard } from '@/components/StationCard'
import { EmptyState, ErrorState, Loading } from '@/components/StateView'
import { callStation, navigateToStation } from '@/services/stationActions'
import { StationActivities } from './StationActivities'
import { StationRatings } from './StationRatings'
import { useStation } from './useStation'
import './index.scss'

export default function StationPage() {
  const pageClass = usePageClass('page-station')
  const { status, station, error, focus, reload, open } = useStation()

  if (status === 'loading') return <View className={pageClass}><Loading /></View>
  if (status === 'notFound') return <View className={pageClass}><EmptyState text={error ?? '没有找到这个社工站'} /></View>
  if (status === 'error' || !station) return <View className={pageClass}><ErrorState message={error ?? '加载失败'} onRetry={reload} /></View>

  const open_ = isOpenAt(station.openingHours, new Date())
  return (
    <View className={pageClass}>
      {station.ancestors.length > 0 && (
        <View className='breadcrumb' ariaLabel='上级站点'>
          {station.ancestors.map((a) => (
            <View key={a.id} className='breadcrumb__item' onClick={() => open(a.id)} ariaRole='link'>
              {a.name} ›
            </View>
          ))}
          <Text className='breadcrumb__current'>{station.name}</Text>
        </View>
      )}

      <View className='card station-head'>
        <Text className='station-head__name'>{station.name}</Text>
        <View className='station-head__meta'>
          <Text className='tag'>{STATION_KIND_LABELS[station.kind]}</Text>
          <Text className={`station-card__status ${open_ ? 'station-card__status--open' : 'station-card__status--closed'}`}>{open_ ? '● 开放中' : '○ 已休息'}</Text>
        </View>
        {station.intro && <Text className='station-head__intro'>{station.intro}</Text>}
      </View>

      <View className={`card station-contact${focus ? ' station-contact--focus' : ''}`} id='contact'>
        <Text className='station-section__title'>联系方式</Text>
        <View className='station-row'>
          <Text className='station-row__label'>电话</Text>
          <Text className='station-row__value station-phone'>{station.phone}</Text>
        </View>
        <View className='station-row'>
          <Text className='station-row__label'>地址</Text>
          <Text className='station-row__value'>{station.address}</Text>
        </View>
        <View className='station-row'>
          <Text className='station-row__label'>时间</Text>
          <Text className='station-row__value station-hours'>{formatOpeningHours(station.openingHours)}</Text>
        </View>
        {station.hoursNote && <Text className='muted'>{station.hoursNote}</Text>}
        <View className='btn-row'>
          <Button className='btn btn--primary btn--main btn-call' onClick={() => callStation(station.phone)} ariaLabel={`打电话 ${station.phone}`}>
            打电话
          </Button>
          <Button className='btn btn--main btn-navigate' onClick={() => navigateToStation(station)} ariaLabel={`导航到${station.name}`}>
            导航
          </Button>
        </View>
      </View>

      <View className={`card station-services${focus ? ' station-contact--focus' : ''}`}>
        <Text className='station-section__title'>服务内容</Text>
        <ServiceTags services={station.services} />
        <Button className='btn btn--primary btn--main btn-help' onClick={() => Taro.navigateTo({ url: `/packages/request/new/index?stationId=${station.id}` })}>
          向本站求助
        </Button>
      </View>

      {station.brandProjects.map((b) => (
        <View key={b.name} className='card brand-project'>
          <Text className='brand-project__label'>品牌项目 · 一站一品</Text>
          <Text className='brand-project__name'>{b.name}</Text>
          <Text className='brand-project__summary'>{b.summary}</Text>
          {b.items.length > 0 && (
            <View className='brand-project__list'>
              {b.items.map((it) => (
                <Text key={it} className='tag brand-project__item'>
                  {it}
                </Text>
              ))}
            </View>
          )}
        </View>
      ))}

      <StationActivities stationId={station.id} />

      <StationRatings stationId={station.id} />

      {station.children.length > 0 && (
        <View className='station-children'>
          <Text className='section-title'>下设站点（{station.children.length}）</Text>
          {station.children.map((c) => (
            <StationCard key={c.id} station={c} />
          ))}
        </View>
      )}
    </View>
  )
}
