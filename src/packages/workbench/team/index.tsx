import { busyProps } from '@/utils/busy'
import { usePageClass } from '@/stores/elder'
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Input, Text, View } from '@tarojs/components'
import { STAFF_ROLE_LABELS } from '@contract/enums'
import { LIMITS } from '@contract/limits'
import type { Colleague } from '@contract/types'
import { describeWorkload } from '@domain/assignment'
import { fetchColleagues, saveWorkloadCap } from '@/api/staff'
import { Field } from '@/components/Field'
import { InfoRow } from '@/components/InfoRow'
import { EmptyState, ErrorState, Loading } from '@/components/StateView'
import { describeError } from '@/services/errors'
import { useStaffQuery } from '../useStaffQuery'
import '../workbench.scss'

/** One colleague: their open requests now, and the cap the head sets (empty: no cap). */
function ColleagueCard({ c, onSaved }: { c: Colleague; onSaved: (next: Colleague) => void }) {
  const [cap, setCap] = useState(c.workloadCap === null ? '' : String(c.workloadCap))
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const save = async () => {
    const value = cap.trim() === '' ? null : Number(cap)
    if (value !== null && (!Number.isInteger(value) || value < 1 || value > LIMITS.workloadCap)) {
      setError(`请填写 1～${LIMITS.workloadCap} 的整数，或留空表示不限`)
      return
    }
    setBusy(true)
    try {
      onSaved(await saveWorkloadCap(c.id, value))
      setError(null)
      void Taro.showToast({ title: '已保存', icon: 'none' })
    } catch (err) {
      setError(describeError(err).message)
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='card team-member'>
      <Text className='station-section__title team-member__name'>{c.nickname}</Text>
      <InfoRow label='角色'>{STAFF_ROLE_LABELS[c.role]}</InfoRow>
      <InfoRow label='负责的求助' valueClassName='team-member__load'>
        {describeWorkload(c)}
      </InfoRow>
      <Field label='同时负责上限（条，留空为不限）' error={error}>
        <Input className='input team-member__cap' type='number' value={cap} placeholder='不限' onInput={(e) => setCap(e.detail.value)} />
      </Field>
      <Button className='btn btn--primary btn-save-cap' {...busyProps(busy)} onClick={save}>
        保存上限
      </Button>
    </View>
  )
}

/** 团队与负责量 (站长): each worker's open requests, and the cap on them. */
export default function Team() {
  const pageClass = usePageClass('page-team')
  const colleagues = useStaffQuery(['colleagues'], fetchColleagues)
  return (
    <View className={pageClass}>
      <Text className='section-title'>本站社工的负责量</Text>
      {colleagues.status === 'loading' && !colleagues.data && <Loading />}
      {colleagues.status === 'error' && <ErrorState message={colleagues.error.message} onRetry={colleagues.reload} />}
      {colleagues.status === 'ok' && colleagues.data.length === 0 && <EmptyState text='本站还没有社工账号' />}
      {colleagues.data?.map((c) => (
        <ColleagueCard key={c.id} c={c} onSaved={(next) => colleagues.setData((all) => all.map((x) => (x.id === next.id ? next : x)))} />
      ))}
    </View>
  )
}
