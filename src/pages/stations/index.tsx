import { usePageClass } from '@/stores/elder'
import { Button, Map, ScrollView, Text, View } from '@tarojs/components'
import { SERVICE_CATEGORIES, SERVICE_CATEGORY_LABELS } from '@contract/enums'
import { StationCard } from '@/components/StationCard'
import { SketchMap } from '@/components/SketchMap'
import { LocationStatus } from '@/components/LocationStatus'
import { PrivacyPopup } from '@/components/PrivacyPopup'
import { EmptyState, ErrorState, Loading } from '@/components/StateView'
import { CARDS_MORE, KIND_FILTERS, useStations } from './useStations'
import './index.scss'

export default function Stations() {
  const pageClass = usePageClass('page-stations')
  const s = useStations()
  const { nearby, location } = s
  const position = location.position

  return (
    <View className={pageClass}>
      <PrivacyPopup />
      <LocationStatus text={`位置：${s.label}`} onRelocate={s.relocate} onPickArea={s.pickArea} />

      <ScrollView scrollX className='chip-row filter-kind' ariaLabel='按站点类型筛选'>
        {KIND_FILTERS.map((f) => (
          <View
            key={f.label}
            className={`chip${s.kind === f.value ? ' chip--active' : ''}`}
            onClick={() => s.setKind(f.value)}
            ariaRole='button'
            {...{ 'aria-pressed': s.kind === f.value }}
          >
            {f.label}
          </View>
        ))}
      </ScrollView>
      <ScrollView scrollX className='chip-row filter-service' ariaLabel='按服务内容筛选'>
        <View
          className={`chip${s.service === undefined ? ' chip--active' : ''}`}
          onClick={() => s.setService(undefined)}
          ariaRole='button'
          {...{ 'aria-pressed': s.service === undefined }}
        >
          全部服务
        </View>
        {SERVICE_CATEGORIES.map((c) => (
          <View
            key={c}
            className={`chip${s.service === c ? ' chip--active' : ''}`}
            onClick={() => s.setService(c)}
            ariaRole='button'
            {...{ 'aria-pressed': s.service === c }}
          >
            {SERVICE_CATEGORY_LABELS[c]}
          </View>
        ))}
      </ScrollView>

      {!position && (location.status === 'denied' || location.status === 'failed') && (
        <EmptyState text='没有获得您的位置。请手动选择所在地区，查看附近的社工站。'>
          <Button className='btn btn--primary btn--main btn-pick-area' onClick={s.pickArea}>
            手动选择地区
          </Button>
          {process.env.TARO_ENV === 'weapp' && location.status === 'denied' && (
            <Button className='btn btn-open-settings' onClick={s.openSettings}>
              去设置开启定位
            </Button>
          )}
        </EmptyState>
      )}

      {position &&
        s.items.length > 0 &&
        (process.env.TARO_ENV === 'weapp' ? (
          <Map
            id='stations-map'
            className='stations-map'
            latitude={s.mapCenter!.lat}
            longitude={s.mapCenter!.lng}
            scale={13}
            showLocation={location.source === 'gps'}
            markers={
              s.items.map((st, i) => ({
                id: i,
                latitude: st.location.lat,
                longitude: st.location.lng,
                title: st.name,
                iconPath: st.id === s.selectedId ? '/assets/map/marker-selected.png' : '/assets/map/marker.png',
                width: st.id === s.selectedId ? 40 : 30,
                height: st.id === s.selectedId ? 40 : 30,
                // The number of its card in the list below.
                label: {
                  content: String(i + 1),
                  color: '#075c43',
                  fontSize: 14,
                  anchorX: -4,
                  anchorY: -48,
                  bgColor: '#ffffff',
                  padding: 2,
                  borderRadius: 4,
                },
                callout: {
                  content: st.name,
                  display: st.id === s.selectedId ? 'ALWAYS' : 'BYCLICK',
                  padding: 8,
                  borderRadius: 6,
                  fontSize: 14,
                  color: '#1f2329',
                  bgColor: '#ffffff',
                  textAlign: 'center',
                },
              })) as never
            }
            onMarkerTap={(e) => {
              const st = s.items[Number((e.detail as { markerId: number }).markerId)]
              if (st) s.select(st.id, 'map')
            }}
            onError={() => undefined}
            onCalloutTap={(e) => {
              const st = s.items[Number((e.detail as { markerId: number }).markerId)]
              if (st) s.select(st.id, 'map')
            }}
          />
        ) : (
          <SketchMap center={position} stations={s.items} selectedId={s.selectedId} onSelect={(id) => s.select(id, 'map')} />
        ))}

      {position && nearby.status === 'loading' && s.items.length === 0 && <Loading text='正在查找附近的社工站…' />}
      {nearby.status === 'error' && <ErrorState message={nearby.error.message} onRetry={nearby.reload} />}
      {nearby.status === 'ok' && s.items.length === 0 && <EmptyState text='附近没有符合条件的社工站，换个筛选条件试试' />}

      <View className='stations-list'>
        {s.cards.map((st, i) => (
          <StationCard
            key={st.id}
            station={st}
            number={i + 1}
            highlighted={st.id === s.selectedId}
            onLocate={() => s.select(st.id, 'list')}
          />
        ))}
      </View>
      {s.cards.length < s.items.length && (
        <View className='list-more stations-more'>
          <Text className='muted'>还有 {s.items.length - s.cards.length} 个社工站</Text>
          <Button className='btn btn-stations-more' onClick={s.showMore}>
            再显示 {Math.min(CARDS_MORE, s.items.length - s.cards.length)} 个
          </Button>
        </View>
      )}
    </View>
  )
}
