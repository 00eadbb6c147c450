import { usePageClass } from '@/stores/elder'
import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { STATION_KIND_LABELS } from '@contract/enums'
import { isOpenAtWith } from '@domain/calendar'
import { describeSpecialDays, formatOpeningHours } from '@domain/hours'
import { InfoRow } from '@/components/InfoRow'
import { NoBreak } from '@/components/NoBreak'
import { ServiceTags } from '@/components/ServiceTags'
import { StationCard } from '@/components/StationCard'
import { EmptyState, ErrorState, Loading } from '@/components/StateView'
import { callStation, navigateToStation } from '@/services/stationActions'
import { StationActivities } from './StationActivities'
import { StationBookables } from './StationBookables'
import { StationRatings } from './StationRatings'
import { useStation } from './useStation'
import './index.scss'

export default function StationPage() {
  const pageClass = usePageClass('page-station')
  const { id, station: query, focus, open } = useStation()

  if (!id)
    return (
      <View className={pageClass}>
        <EmptyState text='缺少站点编号' />
      </View>
    )
  if (query.status === 'notFound')
    return (
      <View className={pageClass}>
        <EmptyState text={query.error.message} />
      </View>
    )
  if (query.status === 'error')
    return (
      <View className={pageClass}>
        <ErrorState message={query.error.message} onRetry={query.reload} />
      </View>
    )
  if (!query.data)
    return (
      <View className={pageClass}>
        <Loading />
      </View>
    )
  const station = query.data

  const open_ = isOpenAtWith(station.openingHours, station.specialDays ?? [], new Date())
  const special = describeSpecialDays(station.specialDays ?? [])
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
          <Text className={`station-card__status ${open_ ? 'station-card__status--open' : 'station-card__status--closed'}`}>
            {open_ ? '● 开放中' : '○ 已休息'}
          </Text>
        </View>
        {station.intro && <Text className='station-head__intro'>{station.intro}</Text>}
      </View>

      <View className={`card station-contact${focus ? ' station-contact--focus' : ''}`} id='contact'>
        <Text className='station-section__title'>联系方式</Text>
        <InfoRow label='电话' valueClassName='station-phone'>
          {station.phone}
        </InfoRow>
        <InfoRow label='地址'>{station.address}</InfoRow>
        {station.coverage.length > 0 && (
          <InfoRow label='服务范围' valueClassName='station-coverage'>
            {station.coverage.map((name, i) => (
              <Text key={name} className='station-coverage__name'>
                {name}
                {i < station.coverage.length - 1 ? '、' : ''}
              </Text>
            ))}
          </InfoRow>
        )}
        <InfoRow label='时间' valueClassName='station-hours'>
          <NoBreak text={formatOpeningHours(station.openingHours)} />
        </InfoRow>
        {special.length > 0 && (
          <InfoRow label='近期' valueClassName='station-special-days'>
            <NoBreak text={special.join('；')} />
          </InfoRow>
        )}
        {station.hoursNote && <Text className='muted'>{station.hoursNote}</Text>}
        <View className='btn-row'>
          <Button
            className='btn btn--primary btn--main btn-call'
            onClick={() => callStation(station.phone)}
            ariaLabel={`打电话 ${station.phone}`}
          >
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
        <Button
          className='btn btn--primary btn--main btn-help'
          onClick={() => Taro.navigateTo({ url: `/packages/request/new/index?stationId=${station.id}` })}
        >
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

      <StationBookables stationId={station.id} />

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
