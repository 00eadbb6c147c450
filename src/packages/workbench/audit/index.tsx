import { useState } from 'react'
import { Button, ScrollView, Text, View } from '@tarojs/components'
import { Picker } from '@/components/Picker'
import { ACCOUNT_ACTION_LABELS, ACCOUNT_FIELD_LABELS, AUDIT_ENTITY_LABELS, type AuditEntity } from '@contract/staffAccounts'
import type { AuditEntry, AuditQuery } from '@contract/types'
import { formatCstDateTime } from '@domain/chinaTime'
import { fetchAudit } from '@/api/staffAccounts'
import { Chip } from '@/components/Chip'
import { EmptyState, ErrorState, Loading } from '@/components/StateView'
import { toastError } from '@/services/errors'
import { usePageClass } from '@/stores/elder'
import { useStaffSession } from '@/stores/staffSession'
import { busyProps } from '@/utils/busy'
import { SectionNav } from '../SectionNav'
import { useStaffQuery } from '../useStaffQuery'
import './index.scss'
import '../workbench.scss'

const ENTITY_FILTERS: { label: string; entity?: AuditEntity }[] = [
  { label: '全部' },
  ...(Object.keys(AUDIT_ENTITY_LABELS) as AuditEntity[]).map((entity) => ({ label: AUDIT_ENTITY_LABELS[entity], entity })),
]

/** A value before or after, in words. */
function shown(v: unknown): string {
  if (v === null || v === undefined || v === '') return '（空）'
  if (typeof v === 'string') return v
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  return JSON.stringify(v)
}

function Entry({ e }: { e: AuditEntry }) {
  const kind = AUDIT_ENTITY_LABELS[e.entity as AuditEntity] ?? e.entity
  return (
    <View className='card audit-entry'>
      <View className='audit-entry__head'>
        <Text className='audit-entry__summary'>{e.summary || ACCOUNT_ACTION_LABELS[e.action] || e.action}</Text>
        <Chip className='audit-entry__kind'>{kind}</Chip>
      </View>
      <Text className='muted audit-entry__who'>
        {formatCstDateTime(new Date(e.at))} · {e.actor.name}
        {e.station ? ` · ${e.station.name}` : ''}
      </Text>
      {e.changes.map((c, i) => (
        <View key={`${c.field}-${i}`} className='audit-change'>
          <Text className='audit-change__field'>{ACCOUNT_FIELD_LABELS[c.field] ?? c.field}</Text>
          <Text className='audit-change__values'>
            {shown(c.before)} → {shown(c.after)}
          </Text>
        </View>
      ))}
    </View>
  )
}

/** 操作日志 (管理员, 督导): who changed what in my subtree — stations, accounts, the calendar, imports — newest first. */
export default function AuditLog() {
  const pageClass = usePageClass('page-audit')
  const me = useStaffSession((s) => s.me)
  const token = useStaffSession((s) => s.token)
  const [filter, setFilter] = useState(0)
  const [stationIndex, setStationIndex] = useState(0)
  const [more, setMore] = useState<{ key: string; items: AuditEntry[]; nextBefore: number | null } | null>(null)
  const [loadingMore, setLoadingMore] = useState(false)
  const stations = me?.scope ?? []
  const entity = ENTITY_FILTERS[filter]!.entity
  const station = stationIndex > 0 ? stations[stationIndex - 1] : undefined
  const query: AuditQuery = { ...(entity ? { entity } : {}), ...(station ? { stationId: station.id } : {}) }
  const key = JSON.stringify(query)
  const first = useStaffQuery(['audit', query], () => fetchAudit(query))

  if (!token || !me) return <View className={pageClass} />
  const extra = more?.key === key ? more : null
  const items = [...(first.data?.items ?? []), ...(extra?.items ?? [])]
  const nextBefore = extra ? extra.nextBefore : (first.data?.nextBefore ?? null)

  const loadMore = async () => {
    if (!nextBefore || loadingMore) return
    setLoadingMore(true)
    try {
      const page = await fetchAudit({ ...query, before: nextBefore })
      setMore({ key, items: [...(extra?.items ?? []), ...page.items], nextBefore: page.nextBefore })
    } catch (err) {
      toastError(err)
    } finally {
      setLoadingMore(false)
    }
  }

  return (
    <View className={pageClass}>
      <View className='card'>
        <Text className='section-title'>操作日志</Text>
        <Text className='muted audit__intro'>
          谁在什么时候改了什么：{me.station.name}
          {stations.length > 1 ? '及下设站点' : ''}的站点、账号与节假日设置。
        </Text>
        <Picker
          className='audit-station'
          mode='selector'
          range={['全部站点', ...stations.map((s) => s.name)]}
          value={stationIndex}
          onChange={(e) => setStationIndex(Number(e.detail.value))}
        >
          <View className='input picker-value' ariaRole='button' ariaLabel={`站点：${station?.name ?? '全部站点'}，点按选择`}>
            站点：{station?.name ?? '全部站点'}
          </View>
        </Picker>
        <SectionNav current='audit' />
      </View>
      <ScrollView scrollX className='chip-row'>
        {ENTITY_FILTERS.map((f, i) => (
          <View key={f.label} className={`chip${i === filter ? ' chip--active' : ''}`} onClick={() => setFilter(i)} ariaRole='button'>
            {f.label}
          </View>
        ))}
      </ScrollView>
      {first.status === 'loading' && !first.data && <Loading />}
      {first.status === 'error' && <ErrorState message={first.error.message} onRetry={first.reload} />}
      {first.status === 'ok' && items.length === 0 && <EmptyState text='还没有符合条件的记录' />}
      <View className='wb-grid'>{first.status !== 'error' && items.map((e) => <Entry key={e.id} e={e} />)}</View>
      {first.status === 'ok' && nextBefore && (
        <Button className='btn btn-audit-more' {...busyProps(loadingMore)} onClick={() => void loadMore()}>
          加载更早的记录
        </Button>
      )}
    </View>
  )
}
