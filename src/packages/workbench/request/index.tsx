import { busyProps } from '@/utils/busy'
import { usePageClass } from '@/stores/elder'
import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Input, Text, Textarea, View } from '@tarojs/components'
import { SERVICE_CATEGORY_LABELS } from '@contract/enums'
import { LIMITS } from '@contract/limits'
import { CATEGORY_QUESTIONS, REQUEST_STATUS_LABELS } from '@contract/requests'
import type { StationSummary } from '@contract/types'
import type { StaffActionResult } from '@contract/types'
import { fetchAccessLog, fetchStaffRequest, staffAction, type StaffActionName } from '@/api/staff'
import { searchStations } from '@/api/stations'
import { Chip, REQUEST_STATUS_TONES } from '@/components/Chip'
import { Field } from '@/components/Field'
import { InfoRow } from '@/components/InfoRow'
import { ErrorState, Loading } from '@/components/StateView'
import { RatingReplyView } from '@/components/RatingView'
import { Stars } from '@/components/Stars'
import { Timeline } from '@/components/Timeline'
import { RATING_OUTCOME_LABELS } from '@contract/ratings'
import { useQuery } from '@/hooks/useQuery'
import { describeError } from '@/services/errors'
import { callStation } from '@/services/stationActions'
import { useCan } from '@/stores/staffSession'
import { formatCstDateTime } from '@domain/chinaTime'
import { useStaffQuery } from '../useStaffQuery'
import './index.scss'

/** For supervisors: who opened this request's personal data, and when (loaded when asked for). */
function AccessLogSection({ id }: { id: string }) {
  const [asked, setAsked] = useState(false)
  const log = useQuery(['accessLog', id], () => fetchAccessLog(id), { enabled: asked })
  return (
    <View className='card access-log'>
      <Text className='station-section__title'>个人信息查看记录</Text>
      {log.status === 'ok' ? (
        log.data.map((e, i) => (
          <Text key={i} className='access-log__item'>
            {formatCstDateTime(new Date(e.accessedAt))} · {e.stationName} {e.staffName}
          </Text>
        ))
      ) : (
        <Button
          className='btn btn-access-log'
          {...busyProps(log.status === 'loading')}
          onClick={() => (asked ? void log.reload() : setAsked(true))}
        >
          查看谁看过这条求助
        </Button>
      )}
      {log.status === 'error' && (
        <View className='field__error' ariaRole='alert'>
          {log.error.message}
        </View>
      )}
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
/** How long each panel's text may be (the limits the server checks). */
const PANEL_LIMITS: Record<Exclude<Panel, null>, number> = {
  reply: LIMITS.requestText,
  note: LIMITS.requestText,
  transfer: LIMITS.reason,
  escalate: LIMITS.reason,
  resolve: LIMITS.resolutionSummary,
  reopen: LIMITS.reason,
}

/** Back to the queue (the page it was opened from, or the queue itself when opened directly). */
function backToQueue() {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
  else void Taro.redirectTo({ url: '/packages/workbench/queue/index' })
}

export default function StaffRequestPage() {
  const pageClass = usePageClass('page-staff-request')
  const { params } = useRouter()
  const id = params.id ?? ''
  const request = useStaffQuery(['staffRequest', id], () => fetchStaffRequest(id))
  const [panel, setPanel] = useState<Panel>(null)
  const [text, setText] = useState('')
  const [fieldError, setFieldError] = useState<string | null>(null)
  const [stationQuery, setStationQuery] = useState('')
  const [stations, setStations] = useState<StationSummary[]>([])
  const [target, setTarget] = useState<StationSummary | null>(null)
  const [busy, setBusy] = useState(false)
  const seesAccessLog = useCan('accessLog.view')

  if (request.status === 'error' || request.status === 'idle') {
    return <View className={pageClass}>{request.error && <ErrorState message={request.error.message} onRetry={request.reload} />}</View>
  }
  if (!request.data)
    return (
      <View className={pageClass}>
        <Loading />
      </View>
    )
  const r = request.data

  /** The answer to an action: the request as it is now, or where it went when it left this account's sight. */
  const landed = ({ request: next, movedTo }: StaffActionResult) => {
    setPanel(null)
    setText('')
    setFieldError(null)
    setTarget(null)
    if (movedTo) void Taro.showToast({ title: `已转介至${movedTo.name}`, icon: 'none' })
    if (next) request.setData(() => next)
    else backToQueue()
  }

  const act = async (action: StaffActionName, body?: Record<string, string>) => {
    setBusy(true)
    try {
      landed(await staffAction(r.id, action, body))
    } catch (err) {
      setFieldError(describeError(err).message)
    } finally {
      setBusy(false)
    }
  }

  const search = () =>
    void searchStations({ q: stationQuery, limit: 10 }).then(
      (x) => setStations(x.items),
      (err: unknown) => setFieldError(describeError(err).message),
    )

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
        <View className='staff-request__head'>
          <Text className='staff-request__title'>{SERVICE_CATEGORY_LABELS[r.category]}</Text>
          {r.urgency === 'urgent' && (
            <Chip tone='danger' filled className='staff-request__urgent'>
              紧急
            </Chip>
          )}
          <Chip tone={REQUEST_STATUS_TONES[r.status]} className='staff-request__status'>
            {REQUEST_STATUS_LABELS[r.status]}
          </Chip>
          {r.overdue && (
            <Chip tone='danger' className='staff-request__overdue'>
              已超过响应时限
            </Chip>
          )}
        </View>
        <Text className='muted'>
          {r.number} · {r.station.name}
          {r.assigneeName ? ` · 负责人 ${r.assigneeName}` : ''}
        </Text>
        <Text className='staff-request__desc'>{r.description}</Text>
        {questions.map((q) => (
          <InfoRow key={q.key} label={q.label}>
            {q.options.find((o) => o.value === r.attributes[q.key])?.label ?? '未回答'}
          </InfoRow>
        ))}
        <View className='staff-request__contact'>
          <InfoRow label='联系人'>
            {r.contactName} {r.contactPhone}
          </InfoRow>
          <InfoRow label='方便联系的时间'>{r.preferredTime || '时间不限'}</InfoRow>
          {r.helped && (
            <InfoRow label='被帮助人'>
              {r.helped.relationship} {r.helped.name} {r.helped.phone ?? ''} {r.helped.address ?? ''}
            </InfoRow>
          )}
          {r.address && <InfoRow label='地址'>{r.address}</InfoRow>}
        </View>
        <Button className='btn btn-call-resident' onClick={() => callStation(r.contactPhone)}>
          拨打联系人电话
        </Button>
      </View>

      <View className='card staff-actions'>
        {r.status === 'submitted' && (
          <Button className='btn btn--primary btn--main btn-accept' {...busyProps(busy)} onClick={() => act('accept')}>
            受理
          </Button>
        )}
        <View className='btn-row'>
          {open && (
            <Button className='btn btn-reply' onClick={() => setPanel('reply')}>
              回复居民
            </Button>
          )}
          <Button className='btn btn-note' onClick={() => setPanel('note')}>
            内部备注
          </Button>
        </View>
        <View className='btn-row'>
          {(open || r.status === 'submitted') && (
            <Button className='btn btn-transfer' onClick={() => setPanel('transfer')}>
              转介
            </Button>
          )}
          {(open || r.status === 'submitted') && (
            <Button className='btn btn-escalate' onClick={() => setPanel('escalate')}>
              升级
            </Button>
          )}
          {open && (
            <Button className='btn btn-resolve' onClick={() => setPanel('resolve')}>
              办结
            </Button>
          )}
          {r.status === 'resolved' && (
            <Button className='btn btn-reopen' onClick={() => setPanel('reopen')}>
              重新处理
            </Button>
          )}
        </View>
        {panel && (
          <View className='staff-panel'>
            {panel === 'transfer' && (
              <Field label='转介到'>
                <Input
                  className='input transfer-search'
                  value={stationQuery}
                  placeholder='输入站点名称搜索'
                  onInput={(e) => setStationQuery(e.detail.value)}
                  onConfirm={search}
                />
                <Button className='btn btn-search-station' onClick={search}>
                  搜索
                </Button>
                {stations.map((s) => (
                  <View
                    key={s.id}
                    className={`option${target?.id === s.id ? ' option--active' : ''}`}
                    onClick={() => setTarget(s)}
                    ariaRole='radio'
                  >
                    {s.name}
                  </View>
                ))}
              </Field>
            )}
            <Field label={PANEL_LABELS[panel]} error={fieldError}>
              <Textarea
                className='textarea staff-text'
                value={text}
                maxlength={PANEL_LIMITS[panel]}
                onInput={(e) => setText(e.detail.value)}
              />
            </Field>
            <View className='btn-row'>
              <Button
                className='btn'
                onClick={() => {
                  setPanel(null)
                  setFieldError(null)
                }}
              >
                取消
              </Button>
              <Button className='btn btn--primary btn-confirm' {...busyProps(busy)} onClick={confirmPanel}>
                确定
              </Button>
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
              {r.rating.outcome && (
                <Chip tone={r.rating.outcome === 'unresolved' ? 'danger' : 'normal'} className='staff-rating__outcome'>
                  {RATING_OUTCOME_LABELS[r.rating.outcome]}
                </Chip>
              )}
            </View>
            {r.rating.tags.length > 0 && <Text className='muted'>{r.rating.tags.join('、')}</Text>}
            {r.rating.comment ? <Text className='staff-rating__comment'>{r.rating.comment}</Text> : null}
            {r.rating.reply ? (
              <RatingReplyView reply={r.rating.reply} />
            ) : (
              <Button
                className='btn staff-rating__reply'
                onClick={() => void Taro.navigateTo({ url: '/packages/workbench/ratings/index' })}
              >
                去居民评价中回复
              </Button>
            )}
          </View>
        </>
      )}

      <Text className='section-title'>时间线</Text>
      <View className='card'>
        <Timeline events={r.events} viewer='staff' />
      </View>
      {seesAccessLog && <AccessLogSection id={r.id} />}
    </View>
  )
}
