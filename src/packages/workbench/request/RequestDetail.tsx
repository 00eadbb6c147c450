import { busyProps } from '@/utils/busy'
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Input, Text, View } from '@tarojs/components'
import { LIMITS } from '@contract/limits'
import { CATEGORY_QUESTIONS, REQUEST_CHANNEL_LABELS } from '@contract/requests'
import { RATING_OUTCOME_LABELS } from '@contract/ratings'
import type { ServiceCategory, StaffActionResult, StaffRequest, StationSummary } from '@contract/types'
import { atCap, describeWorkload } from '@domain/assignment'
import { fillReply, type ReplyValues } from '@domain/cannedReplies'
import { formatCstDateTime } from '@domain/chinaTime'
import {
  assignRequest,
  fetchAccessLog,
  fetchColleagues,
  fetchReplies,
  fetchStaffRequest,
  linkRequest,
  mergeRequest,
  staffAction,
  unlinkRequest,
  type StaffActionName,
} from '@/api/staff'
import { searchStations } from '@/api/stations'
import { Chip } from '@/components/Chip'
import { Field } from '@/components/Field'
import { InfoRow } from '@/components/InfoRow'
import { ErrorState, Loading } from '@/components/StateView'
import { RatingReplyView } from '@/components/RatingView'
import { Stars } from '@/components/Stars'
import { TextBox } from '@/components/TextBox'
import { Timeline } from '@/components/Timeline'
import { useQuery } from '@/hooks/useQuery'
import { describeError } from '@/services/errors'
import { callStation } from '@/services/stationActions'
import { useCan, useStaffSession } from '@/stores/staffSession'
import { DuplicatesCard, RelatedCard, RequestLink } from '../components/Duplicates'
import { RequestHeading } from '../components/RequestHeading'
import { MergeLinkPanel } from './MergeLinkPanel'
import { BookingProposalSection } from './BookingProposals'
import { ResponseClocks } from '../components/ResponseClocks'
import { FollowUpChoice, followUpBody } from '../components/FollowUpChoice'
import { useStaffQuery } from '../useStaffQuery'

/** For supervisors: who opened this request's personal data, and when (loaded when asked for). */
function AccessLogSection({ id }: { id: string }) {
  const [asked, setAsked] = useState(false)
  const log = useQuery(['accessLog', id], () => fetchAccessLog(id), { enabled: asked })
  return (
    <View className='card access-log'>
      <Text className='station-section__title'>个人信息查看记录</Text>
      {log.status === 'ok' ? (
        log.data.map((e, i) => (
          <InfoRow key={i} label={formatCstDateTime(new Date(e.accessedAt))} className='access-log__item'>
            {e.stationName} {e.staffName}
          </InfoRow>
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

/** 分派: the station's colleagues with their open workload; one is chosen, then confirmed. */
function AssignPanel({
  request,
  busy,
  error,
  onAssign,
  onCancel,
}: {
  request: StaffRequest
  busy: boolean
  error: string | null
  onAssign: (id: string) => void
  onCancel: () => void
}) {
  const colleagues = useStaffQuery(['colleagues'], fetchColleagues, { refreshOnShow: false, pullDownRefresh: false })
  const [chosen, setChosen] = useState<string | null>(null)
  return (
    <View className='staff-panel assign-panel'>
      <Field label='分派给' error={error}>
        {colleagues.status === 'loading' && !colleagues.data && <Loading />}
        {colleagues.status === 'error' && <ErrorState message={colleagues.error.message} onRetry={colleagues.reload} />}
        {colleagues.data?.map((c) => (
          <View
            key={c.id}
            className={`option assign-option${chosen === c.id ? ' option--active' : ''}${atCap(c) ? ' assign-option--full' : ''}`}
            onClick={() => setChosen(c.id)}
            ariaRole='radio'
          >
            <Text className='assign-option__name'>
              {c.nickname}
              {c.id === request.assigneeId ? '（当前负责人）' : ''}
            </Text>
            <Text className='assign-option__load'>
              {describeWorkload(c)}
              {atCap(c) ? '，已满' : ''}
            </Text>
          </View>
        ))}
      </Field>
      <View className='btn-row'>
        <Button className='btn' onClick={onCancel}>
          取消
        </Button>
        <Button className='btn btn--primary btn-confirm-assign' {...busyProps(busy)} onClick={() => chosen && onAssign(chosen)}>
          确定分派
        </Button>
      </View>
    </View>
  )
}

/** 常用回复 that fit the request's category, filled in for it; tapping one adds it to the text. */
function ReplyTemplates({ category, values, onPick }: { category: ServiceCategory; values: ReplyValues; onPick: (words: string) => void }) {
  const replies = useStaffQuery(['replies'], fetchReplies, { refreshOnShow: false, pullDownRefresh: false })
  const fitting = (replies.data ?? []).filter((t) => t.category === null || t.category === category)
  if (fitting.length === 0) return null
  return (
    <View className='reply-templates'>
      <Text className='muted'>插入常用回复：</Text>
      <View className='reply-templates__list'>
        {fitting.map((t) => (
          <Button key={t.id} className='btn reply-template' onClick={() => onPick(fillReply(t.body, values))}>
            {t.title}
          </Button>
        ))}
      </View>
    </View>
  )
}

type Panel = null | 'reply' | 'note' | 'transfer' | 'escalate' | 'resolve' | 'reopen' | 'assign' | 'merge' | 'link'
type TextPanel = Exclude<Panel, null | 'assign' | 'merge' | 'link'>
const PANEL_LABELS: Record<TextPanel, string> = {
  reply: '回复居民（居民可见）',
  note: '内部备注（仅工作人员可见）',
  transfer: '转介原因（居民可见）',
  escalate: '升级原因',
  resolve: '处理结果（居民可见）',
  reopen: '重新处理的原因',
}
/** How long each panel's text may be (the limits the server checks). */
const PANEL_LIMITS: Record<TextPanel, number> = {
  reply: LIMITS.requestText,
  note: LIMITS.requestText,
  transfer: LIMITS.reason,
  escalate: LIMITS.reason,
  resolve: LIMITS.resolutionSummary,
  reopen: LIMITS.reason,
}

export interface RequestDetailProps {
  id: string
  /** The request left this account's sight (transferred, escalated): back to the queue. */
  onGone: () => void
  /** Something changed (the queue beside it reloads). */
  onChanged?: () => void
  /** Opens another request (a duplicate, a related one); default: its own page. */
  onOpenRequest?: (id: string) => void
}

const openRequestPage = (id: string) => void Taro.navigateTo({ url: `/packages/workbench/request/index?id=${id}` })

/**
 * A request as the station works it: what the resident asked, in labelled
 * rows; the actions; the rating; the timeline. The request page shows it on a
 * phone; the queue shows it beside the list on a desktop.
 */
export function RequestDetail({ id, onGone, onChanged, onOpenRequest = openRequestPage }: RequestDetailProps) {
  const request = useStaffQuery(['staffRequest', id], () => fetchStaffRequest(id))
  const [panel, setPanel] = useState<Panel>(null)
  const [text, setText] = useState('')
  const [fieldError, setFieldError] = useState<string | null>(null)
  const [stationQuery, setStationQuery] = useState('')
  const [stations, setStations] = useState<StationSummary[]>([])
  const [target, setTarget] = useState<StationSummary | null>(null)
  const [busy, setBusy] = useState(false)
  const [followUpDays, setFollowUpDays] = useState('0')
  const seesAccessLog = useCan('accessLog.view')
  const assigns = useCan('queue.assign')
  const books = useCan('bookings.manage')
  const me = useStaffSession((s) => s.me)

  if (request.status === 'error' || request.status === 'idle') {
    return <View className='staff-request'>{request.error && <ErrorState message={request.error.message} onRetry={request.reload} />}</View>
  }
  if (!request.data)
    return (
      <View className='staff-request'>
        <Loading />
      </View>
    )
  const shown = request.data

  const closePanel = () => {
    setPanel(null)
    setText('')
    setFieldError(null)
    setTarget(null)
    setFollowUpDays('0')
  }
  /** The answer to an action: the request as it is now, or where it went when it left this account's sight. */
  const landed = ({ request: next, movedTo }: StaffActionResult) => {
    closePanel()
    onChanged?.()
    if (movedTo) void Taro.showToast({ title: `已转介至${movedTo.name}`, icon: 'none' })
    if (next) request.setData(() => next)
    else onGone()
  }
  const run = async (call: () => Promise<StaffActionResult>) => {
    setBusy(true)
    try {
      landed(await call())
    } catch (err) {
      setFieldError(describeError(err).message)
    } finally {
      setBusy(false)
    }
  }
  const act = (action: StaffActionName, body?: Record<string, string | number>) => run(() => staffAction(shown.id, action, body))

  const assign = (assigneeId: string | null) => run(() => assignRequest(shown.id, assigneeId))
  const unlink = async (other: { id: string; number: string }) => {
    const { confirm } = await Taro.showModal({
      title: '取消关联',
      content: `${shown.number} 与 ${other.number} 将不再显示为相关求助。`,
      confirmText: '取消关联',
      cancelText: '保留',
    })
    if (confirm) void run(() => unlinkRequest(shown.id, other.id))
  }

  const search = () =>
    void searchStations({ q: stationQuery, limit: 10 }).then(
      (x) => setStations(x.items),
      (err: unknown) => setFieldError(describeError(err).message),
    )

  const confirmPanel = () => {
    if (!panel || panel === 'assign' || panel === 'merge' || panel === 'link') return
    if (!text.trim()) {
      setFieldError('请填写内容')
      return
    }
    if (text.length > PANEL_LIMITS[panel]) {
      setFieldError(`请删减到 ${PANEL_LIMITS[panel]} 字以内`)
      return
    }
    if (panel === 'reply' || panel === 'note') void act(panel, { body: text })
    else if (panel === 'resolve') void act('resolve', { summary: text, ...followUpBody(followUpDays) })
    else if (panel === 'transfer') {
      if (!target) setFieldError('请选择要转介的社工站')
      else void act('transfer', { stationId: target.id, reason: text })
    } else void act(panel, { reason: text })
  }

  const open = shown.status === 'accepted' || shown.status === 'in_progress'
  const live = open || shown.status === 'submitted'
  const ownStation = me?.station.id === shown.station.id
  const mine = !!me && shown.assigneeId === me.user.id
  const questions = CATEGORY_QUESTIONS[shown.category] ?? []
  return (
    <View className='staff-request'>
      <View className='card'>
        <RequestHeading request={shown} block='staff-request' />
        <ResponseClocks clocks={shown.clocks} block='staff-request' />
        <InfoRow label='编号'>{shown.number}</InfoRow>
        <InfoRow label='所在站点'>{shown.station.name}</InfoRow>
        <InfoRow label='负责人' valueClassName='staff-request__assignee'>
          {shown.assigneeName ?? '未分配'}
        </InfoRow>
        <InfoRow label='来源'>{REQUEST_CHANNEL_LABELS[shown.channel]}</InfoRow>
        <InfoRow label='提交时间'>{formatCstDateTime(new Date(shown.createdAt))}</InfoRow>
        {shown.status === 'submitted' && <InfoRow label='受理时限'>{formatCstDateTime(new Date(shown.dueAt))} 前</InfoRow>}
        {shown.mergedInto && (
          <InfoRow label='已合并到' className='staff-request__merged'>
            <RequestLink number={shown.mergedInto.number} onOpen={() => onOpenRequest(shown.mergedInto!.id)} />
          </InfoRow>
        )}
      </View>

      {live && <DuplicatesCard duplicates={shown.duplicates ?? []} onOpen={onOpenRequest} />}
      <RelatedCard related={shown.related ?? []} onOpen={onOpenRequest} onUnlink={(r) => void unlink(r)} />

      <View className='card'>
        <Text className='station-section__title'>居民反映的问题</Text>
        <Text className='staff-request__desc'>{shown.description}</Text>
        {questions.map((q) => (
          <InfoRow key={q.key} label={q.label}>
            {q.options.find((o) => o.value === shown.attributes[q.key])?.label ?? '未回答'}
          </InfoRow>
        ))}
      </View>

      <View className='card staff-request__contact'>
        <Text className='station-section__title'>联系方式</Text>
        <InfoRow label='联系人'>{shown.contactName}</InfoRow>
        <InfoRow label='联系电话'>{shown.contactPhone}</InfoRow>
        <InfoRow label='方便联系的时间'>{shown.preferredTime || '时间不限'}</InfoRow>
        {shown.address && <InfoRow label='地址'>{shown.address}</InfoRow>}
        <Button className='btn btn-call-resident' onClick={() => callStation(shown.contactPhone)}>
          拨打联系人电话
        </Button>
      </View>

      {shown.helped && (
        <View className='card staff-request__helped'>
          <Text className='station-section__title'>被帮助人</Text>
          <InfoRow label='姓名'>{shown.helped.name}</InfoRow>
          <InfoRow label='与联系人关系'>{shown.helped.relationship}</InfoRow>
          {shown.helped.phone && <InfoRow label='电话'>{shown.helped.phone}</InfoRow>}
          {shown.helped.address && <InfoRow label='住址'>{shown.helped.address}</InfoRow>}
        </View>
      )}

      <View className='card staff-actions'>
        {shown.status === 'submitted' && (!shown.assigneeId || mine) && (
          <Button className='btn btn--primary btn--main btn-accept' {...busyProps(busy)} onClick={() => act('accept')}>
            受理
          </Button>
        )}
        <View className='btn-row btn-row--fit'>
          {open && (
            <Button className='btn btn-reply' onClick={() => setPanel('reply')}>
              回复居民
            </Button>
          )}
          <Button className='btn btn-note' onClick={() => setPanel('note')}>
            内部备注
          </Button>
        </View>
        <View className='btn-row btn-row--fit'>
          {live && ownStation && assigns && (
            <Button className='btn btn-assign' onClick={() => setPanel('assign')}>
              分派
            </Button>
          )}
          {open && ownStation && !shown.assigneeId && (
            <Button className='btn btn-take' {...busyProps(busy)} onClick={() => me && void assign(me.user.id)}>
              我来负责
            </Button>
          )}
          {live && mine && (
            <Button className='btn btn-hand-back' {...busyProps(busy)} onClick={() => void assign(null)}>
              交回
            </Button>
          )}
        </View>
        <View className='btn-row btn-row--fit'>
          {live && (
            <Button className='btn btn-transfer' onClick={() => setPanel('transfer')}>
              转介
            </Button>
          )}
          {live && (
            <Button className='btn btn-escalate' onClick={() => setPanel('escalate')}>
              升级
            </Button>
          )}
          {open && (
            <Button className='btn btn-resolve' onClick={() => setPanel('resolve')}>
              办结
            </Button>
          )}
          {shown.status === 'resolved' && (
            <Button className='btn btn-reopen' onClick={() => setPanel('reopen')}>
              重新处理
            </Button>
          )}
        </View>
        <View className='btn-row btn-row--fit'>
          {live && (
            <Button className='btn btn-merge' onClick={() => setPanel('merge')}>
              合并到…
            </Button>
          )}
          <Button className='btn btn-link' onClick={() => setPanel('link')}>
            关联…
          </Button>
        </View>
        {panel === 'assign' && (
          <AssignPanel
            request={shown}
            busy={busy}
            error={fieldError}
            onAssign={(assigneeId) => void assign(assigneeId)}
            onCancel={closePanel}
          />
        )}
        {(panel === 'merge' || panel === 'link') && (
          <MergeLinkPanel
            request={shown}
            kind={panel}
            busy={busy}
            error={fieldError}
            onConfirm={(other, note) =>
              void run(() => (panel === 'merge' ? mergeRequest(shown.id, other.id, note) : linkRequest(shown.id, other.id)))
            }
            onCancel={closePanel}
          />
        )}
        {panel && panel !== 'assign' && panel !== 'merge' && panel !== 'link' && (
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
            {(panel === 'reply' || panel === 'resolve') && (
              <ReplyTemplates
                category={shown.category}
                values={{ resident: shown.contactName, stationPhone: shown.station.phone, worker: me?.user.nickname ?? '' }}
                onPick={(words) => setText((before) => (before.trim() ? `${before}\n${words}` : words))}
              />
            )}
            {panel === 'resolve' && <FollowUpChoice value={followUpDays} onChange={setFollowUpDays} />}
            <Field label={PANEL_LABELS[panel]} error={fieldError}>
              <TextBox className='staff-text' value={text} max={PANEL_LIMITS[panel]} ariaLabel={PANEL_LABELS[panel]} onChange={setText} />
            </Field>
            <View className='btn-row'>
              <Button className='btn' onClick={closePanel}>
                取消
              </Button>
              <Button className='btn btn--primary btn-confirm' {...busyProps(busy)} onClick={confirmPanel}>
                确定
              </Button>
            </View>
          </View>
        )}
        {/* What the server refused outside a panel (我来负责 over the own cap, 受理, 交回), in words under the buttons. */}
        {!panel && fieldError && (
          <View className='field__error staff-actions__error' ariaRole='alert'>
            {fieldError}
          </View>
        )}
      </View>

      {shown.rating && (
        <>
          <Text className='section-title'>居民评价</Text>
          <View className='card staff-rating'>
            <View className='staff-rating__head'>
              <Stars stars={shown.rating.stars} words />
              {shown.rating.outcome && (
                <Chip tone={shown.rating.outcome === 'unresolved' ? 'danger' : 'normal'} className='staff-rating__outcome'>
                  {RATING_OUTCOME_LABELS[shown.rating.outcome]}
                </Chip>
              )}
            </View>
            {shown.rating.tags.length > 0 && <Text className='muted'>{shown.rating.tags.join('、')}</Text>}
            {shown.rating.comment ? <Text className='staff-rating__comment'>{shown.rating.comment}</Text> : null}
            {shown.rating.reply ? (
              <RatingReplyView reply={shown.rating.reply} />
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

      {books && shown.station.id === me?.station.id && <BookingProposalSection request={shown} onProposed={() => void request.reload()} />}

      <Text className='section-title'>时间线</Text>
      <View className='card'>
        <Timeline events={shown.events} viewer='staff' />
      </View>
      {seesAccessLog && <AccessLogSection id={shown.id} />}
    </View>
  )
}
