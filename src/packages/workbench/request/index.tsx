import { busyProps } from '@/utils/busy'
import { usePageClass } from '@/stores/elder'
import { useCallback, useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Input, Text, Textarea, View } from '@tarojs/components'
import { SERVICE_CATEGORY_LABELS } from '@contract/enums'
import { CATEGORY_QUESTIONS, REQUEST_STATUS_LABELS } from '@contract/requests'
import type { StaffRequest, StationSummary } from '@contract/types'
import { ApiError } from '@/api/client'
import { fetchAccessLog, fetchStaffRequest, staffAction, type StaffActionName } from '@/api/staff'
import { searchStations } from '@/api/stations'
import { Field } from '@/components/Field'
import { ErrorState, Loading } from '@/components/StateView'
import { RatingReplyView } from '@/components/RatingView'
import { Stars } from '@/components/Stars'
import { Timeline } from '@/components/Timeline'
import { RATING_OUTCOME_LABELS } from '@contract/ratings'
import { callStation } from '@/services/stationActions'
import { useStaffSession } from '@/stores/staffSession'
import type { AccessLog } from '@contract/types'
import { formatCstDateTime } from '@domain/chinaTime'
import './index.scss'

/** For supervisors: who opened this request's personal data, and when. */
function AccessLogSection({ id }: { id: string }) {
  const [items, setItems] = useState<AccessLog['items'] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const load = async () => {
    try {
      setItems(await fetchAccessLog(id))
      setError(null)
    } catch (err) {
      setError(err instanceof ApiError ? err.message : '加载失败')
    }
  }
  return (
    <View className='card access-log'>
      <Text className='station-section__title'>个人信息查看记录</Text>
      {items === null ? (
        <Button className='btn btn-access-log' onClick={() => void load()}>
          查看谁看过这条求助
        </Button>
      ) : (
        items.map((e, i) => (
          <Text key={i} className='access-log__item'>
            {formatCstDateTime(new Date(e.accessedAt))} · {e.stationName} {e.staffName}
          </Text>
        ))
      )}
      {error && <View className='field__error' ariaRole='alert'>{error}</View>}
    </View>
  )
}

type Panel = null | 'reply' | 'note' | 'transfer' | 'escalate' | 'resolve' | 'reopen'
const PANEL_LABELS: Record<Exclude<Panel, null>, string> = {
  reply: '回复居民（居民可见）',
  note: '内部备注（仅工作人员可见）',
  transfer: '转介原因（居民可见）',
  escalate: '升级原因',
  resolve: '处理结果（居民可见）',
  reopen: '重新处理的原因',
}

export default function StaffRequestPage() {
  const pageClass = usePageClass('page-staff-request')
  const { params } = useRouter()
  const id = params.id ?? ''
  const [r, setR] = useState<StaffRequest | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [panel, setPanel] = useState<Panel>(null)
  const [text, setText] = useState('')
  const [fieldError, setFieldError] = useState<string | null>(null)
  const [stationQuery, setStationQuery] = useState('')
  const [stations, setStations] = useState<StationSummary[]>([])
  const [target, setTarget] = useState<StationSummary | null>(null)
  const [busy, setBusy] = useState(false)
  const isSupervisor = useStaffSession((s) => s.me?.user.role === 'supervisor')

  const load = useCallback(async () => {
    try {
      setR(await fetchStaffRequest(id))
    } catch (err) {
      setError(err instanceof ApiError ? err.message : '加载失败')
    }
  }, [id])
  useEffect(() => {
    void load()
  }, [load])

  if (error) return <View className={pageClass}><ErrorState message={error} onRetry={load} /></View>
  if (!r) return <View className={pageClass}><Loading /></View>

  const act = async (action: StaffActionName, body?: Record<string, string>) => {
    setBusy(true)
    try {
      setR(await staffAction(r.id, action, body))
      setPanel(null)
      setText('')
      setFieldError(null)
      setTarget(null)
    } catch (err) {
      const msg = err instanceof ApiError ? err.message : '操作失败'
      if (action === 'transfer' && err instanceof ApiError && err.status === 404 && msg.includes('已转出')) {
        void Taro.showToast({ title: '已转介', icon: 'success' })
        void Taro.navigateBack()
      } else setFieldError(msg)
    } finally {
      setBusy(false)
    }
  }

  const confirmPanel = () => {
    if (!panel) return
    if (!text.trim()) {
      setFieldError('请填写内容')
      return
    }
    if (panel === 'reply' || panel === 'note') void act(panel, { body: text })
    else if (panel === 'resolve') void act('resolve', { summary: text })
    else if (panel === 'transfer') {
      if (!target) setFieldError('请选择要转介的社工站')
      else void act('transfer', { stationId: target.id, reason: text })
    } else void act(panel, { reason: text })
  }

  const open = r.status === 'accepted' || r.status === 'in_progress'
  const questions = CATEGORY_QUESTIONS[r.category] ?? []
  return (
    <View className={pageClass}>
      <View className='card'>
        <Text className='section-title'>{r.urgency === 'urgent' ? '【紧急】' : ''}{SERVICE_CATEGORY_LABELS[r.category]} · {REQUEST_STATUS_LABELS[r.status]}</Text>
        <Text className='muted'>{r.number} · {r.station.name}{r.overdue ? ' · 已超过响应时限' : ''}{r.assigneeName ? ` · 负责人 ${r.assigneeName}` : ''}</Text>
        <Text className='staff-request__desc'>{r.description}</Text>
        {questions.map((q) => (
          <Text key={q.key} className='muted'>{q.label}：{q.options.find((o) => o.value === r.attributes[q.key])?.label ?? '未回答'}</Text>
        ))}
        <View className='staff-request__contact'>
          <Text>联系人：{r.contactName} {r.contactPhone}（{r.preferredTime || '时间不限'}）</Text>
          {r.helped && <Text>被帮助人：{r.helped.relationship} {r.helped.name} {r.helped.phone ?? ''} {r.helped.address ?? ''}</Text>}
          {r.address && <Text>地址：{r.address}</Text>}
        </View>
        <Button className='btn btn-call-resident' onClick={() => callStation(r.contactPhone)}>拨打联系人电话</Button>
      </View>

      <View className='card staff-actions'>
        {r.status === 'submitted' && <Button className='btn btn--primary btn--main btn-accept' {...busyProps(busy)} onClick={() => act('accept')}>受理</Button>}
        <View className='btn-row'>
          {open && <Button className='btn btn-reply' onClick={() => setPanel('reply')}>回复居民</Button>}
          <Button className='btn btn-note' onClick={() => setPanel('note')}>内部备注</Button>
        </View>
        <View className='btn-row'>
          {(open || r.status === 'submitted') && <Button className='btn btn-transfer' onClick={() => setPanel('transfer')}>转介</Button>}
          {(open || r.status === 'submitted') && <Button className='btn btn-escalate' onClick={() => setPanel('escalate')}>升级</Button>}
          {open && <Button className='btn btn-resolve' onClick={() => setPanel('resolve')}>办结</Button>}
          {r.status === 'resolved' && <Button className='btn btn-reopen' onClick={() => setPanel('reopen')}>重新处理</Button>}
        </View>
        {panel && (
          <View className='staff-panel'>
            {panel === 'transfer' && (
              <Field label='转介到'>
                <Input className='input transfer-search' value={stationQuery} placeholder='输入站点名称搜索' onInput={(e) => setStationQuery(e.detail.value)} onConfirm={() => void searchStations({ q: stationQuery, limit: 10 }).then((x) => setStations(x.items))} />
                <Button className='btn btn-search-station' onClick={() => void searchStations({ q: stationQuery, limit: 10 }).then((x) => setStations(x.items))}>搜索</Button>
                {stations.map((s) => (
                  <View key={s.id} className={`option${target?.id === s.id ? ' option--active' : ''}`} onClick={() => setTarget(s)} ariaRole='radio'>{s.name}</View>
                ))}
              </Field>
            )}
            <Field label={PANEL_LABELS[panel]} error={fieldError}>
              <Textarea className='textarea staff-text' value={text} maxlength={1000} onInput={(e) => setText(e.detail.value)} />
            </Field>
            <View className='btn-row'>
              <Button className='btn' onClick={() => { setPanel(null); setFieldError(null) }}>取消</Button>
              <Button className='btn btn--primary btn-confirm' {...busyProps(busy)} onClick={confirmPanel}>确定</Button>
            </View>
          </View>
        )}
        {!panel && fieldError && <Text className='field__error'>{fieldError}</Text>}
      </View>

      {r.rating && (
        <>
          <Text className='section-title'>居民评价</Text>
          <View className='card staff-rating'>
            <View className='staff-rating__head'>
              <Stars stars={r.rating.stars} words />
              {r.rating.outcome && <Text className='tag staff-rating__outcome'>{RATING_OUTCOME_LABELS[r.rating.outcome]}</Text>}
            </View>
            {r.rating.tags.length > 0 && <Text className='muted'>{r.rating.tags.join('、')}</Text>}
            {r.rating.comment ? <Text className='staff-rating__comment'>{r.rating.comment}</Text> : null}
            {r.rating.reply ? (
              <RatingReplyView reply={r.rating.reply} />
            ) : (
              <Button className='btn staff-rating__reply' onClick={() => void Taro.navigateTo({ url: '/packages/workbench/ratings/index' })}>去居民评价中回复</Button>
            )}
          </View>
        </>
      )}

      <Text className='section-title'>时间线</Text>
      <View className='card'>
        <Timeline events={r.events} viewer='staff' />
      </View>
      {isSupervisor && <AccessLogSection id={r.id} />}
    </View>
  )
}
