import { usePageClass } from '@/stores/elder'
import Taro from '@tarojs/taro'
import { Button, ScrollView, View } from '@tarojs/components'
import { ACTIVITY_CATEGORIES, ACTIVITY_CATEGORY_LABELS } from '@contract/activities'
import { LocationStatus } from '@/components/LocationStatus'
import { PrivacyPopup } from '@/components/PrivacyPopup'
import { EmptyState, ErrorState, Loading } from '@/components/StateView'
import { ActivityCard } from '@/components/ActivityCard'
import { useDrawnInParts } from '@/hooks/useDrawnInParts'
import { AUDIENCE_FILTERS, DATE_FILTERS, useActivities } from './useActivities'
import './index.scss'

/** A filter chip: a toggle button whose state is said (aria-pressed) and shown (filled), not only coloured. */
function Chip({ active, label, onClick, className = '' }: { active: boolean; label: string; onClick: () => void; className?: string }) {
  return (
    <View
      className={`chip${active ? ' chip--active' : ''} ${className}`}
      onClick={onClick}
      ariaRole='button'
      {...{ 'aria-pressed': active }}
    >
      {active ? '✓ ' : ''}
      {label}
    </View>
  )
}

/** Cards drawn with the page (about a phone's first screen), then per task after it. */
const CARDS_FIRST = 3
const CARDS_STEP = 4

export default function Activities() {
  const pageClass = usePageClass('page-activities')
  const s = useActivities()
  const firstLoad = s.list.status === 'idle' || (s.list.status === 'loading' && s.items.length === 0)
  // The first screen's cards with the page, the rest a few at a time after (one long render otherwise).
  const drawn = useDrawnInParts(s.items.length, CARDS_FIRST, CARDS_STEP)

  return (
    <View className={pageClass}>
      <PrivacyPopup />
      <LocationStatus
        text={s.location.position ? `位置：${s.label}，近的活动在前` : `位置：${s.label}，按时间排列`}
        onRelocate={s.relocate}
        onPickArea={s.pickArea}
      />

      <ScrollView scrollX className='chip-row filter-audience' ariaLabel='按参加对象筛选'>
        {AUDIENCE_FILTERS.map((f) => (
          <Chip
            key={f.label}
            className='chip-audience'
            active={s.audience === f.value}
            label={f.label}
            onClick={() => s.setAudience(f.value)}
          />
        ))}
      </ScrollView>
      <ScrollView scrollX className='chip-row filter-category' ariaLabel='按活动类别筛选'>
        <Chip className='chip-category' active={s.category === undefined} label='全部类别' onClick={() => s.setCategory(undefined)} />
        {ACTIVITY_CATEGORIES.map((c) => (
          <Chip
            key={c}
            className='chip-category'
            active={s.category === c}
            label={ACTIVITY_CATEGORY_LABELS[c]}
            onClick={() => s.setCategory(c)}
          />
        ))}
      </ScrollView>
      <ScrollView scrollX className='chip-row filter-date' ariaLabel='按日期筛选'>
        {DATE_FILTERS.map((f) => (
          <Chip
            key={f.value}
            className='chip-date'
            active={s.dateFilter === f.value}
            label={f.label}
            onClick={() => s.setDateFilter(f.value)}
          />
        ))}
      </ScrollView>

      {firstLoad && <Loading text='正在查找附近的活动…' />}
      {s.list.status === 'error' && <ErrorState message={s.list.error.message} onRetry={s.list.reload} />}
      {s.list.status === 'ok' && s.items.length === 0 && (
        <EmptyState text='没有符合条件的活动，换个筛选条件试试'>
          <Button className='btn btn--main btn-stations' onClick={() => Taro.switchTab({ url: '/pages/stations/index' })}>
            看看附近的社工站
          </Button>
        </EmptyState>
      )}

      {s.items.length > 0 && (
        <View className='activity-list' ariaLabel={`共 ${s.items.length} 个活动`}>
          {s.items.slice(0, drawn).map((a) => (
            <ActivityCard key={a.id} activity={a} />
          ))}
        </View>
      )}

      {/* Below the list once it is all there, so the list does not push it down as it arrives. */}
      {!firstLoad && drawn === s.items.length && (
        <View className='activities-mine'>
          <Button className='btn btn--main btn-my-enrollments' onClick={() => Taro.navigateTo({ url: '/packages/activity/mine/index' })}>
            我的报名
          </Button>
        </View>
      )}
    </View>
  )
}
