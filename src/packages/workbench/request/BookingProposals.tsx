import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { BOOKABLE_KIND_LABELS, PROPOSAL_STATUS_LABELS, PROPOSAL_TIMES_MAX } from '@contract/bookings'
import { LIMITS } from '@contract/limits'
import type { BookingProposal, StaffRequest } from '@contract/types'
import { formatCstDateTime } from '@domain/chinaTime'
import { fetchStaffBookables, fetchStaffProposals, fetchStaffSlots, proposeBooking } from '@/api/bookings'
import { Chip } from '@/components/Chip'
import { Field } from '@/components/Field'
import { ErrorState, Loading } from '@/components/StateView'
import { TextBox } from '@/components/TextBox'
import { useQuery } from '@/hooks/useQuery'
import { describeError } from '@/services/errors'
import { busyProps } from '@/utils/busy'
import { DateTimeField } from '../activity-edit/components/DateTimeField'
import { SlotPicker } from '../bookings/SlotPicker'
import { useStaffQuery } from '../useStaffQuery'
import './BookingProposals.scss'

const TIME_WORDS = { free: '', full: '（已被约满）', past: '（已过）' } as const

/** One proposal as the station sees it: the times, and the one the resident chose. */
function ProposalCard({ p }: { p: BookingProposal }) {
  return (
    <View className={`proposal proposal--${p.status}`}>
      <View className='proposal__head'>
        <Text className='proposal__service'>
          {p.service.name}
          {p.worker ? ` · ${p.worker.name}` : ''}
        </Text>
        <Chip tone={p.status === 'chosen' ? 'normal' : p.status === 'open' ? 'warn' : 'muted'} className='proposal__status'>
          {PROPOSAL_STATUS_LABELS[p.status]}
        </Chip>
      </View>
      {p.status === 'chosen' && p.chosenStartsAt ? (
        <Text className='proposal__chosen'>居民选了 {formatCstDateTime(new Date(p.chosenStartsAt))}</Text>
      ) : (
        <Text className='proposal__times'>
          {p.times.map((t) => `${formatCstDateTime(new Date(t.startsAt))}${TIME_WORDS[t.state]}`).join('、')}
        </Text>
      )}
      {p.note && <Text className='muted proposal__note'>{p.note}</Text>}
      <Text className='muted proposal__meta'>
        {p.proposedBy ?? '社工'} {formatCstDateTime(new Date(p.createdAt))} 提议
        {p.status === 'open' ? `，${formatCstDateTime(new Date(p.expiresAt))} 前可选` : ''}
      </Text>
      {p.status === 'chosen' && (
        <Button
          className='btn btn--text btn-open-bookings'
          onClick={() => void Taro.navigateTo({ url: '/packages/workbench/bookings/index' })}
        >
          在预约管理中查看
        </Button>
      )}
    </View>
  )
}

/**
 * 预约时间 on a request's page (the request's own station, 预约管理): propose 1–3 times of one of
 * the station's services — slots, or for a home visit also free times — which the resident picks
 * on the request's page; and the proposals so far.
 */
export function BookingProposalSection({ request, onProposed }: { request: StaffRequest; onProposed: () => void }) {
  // Asked only once something was proposed (the timeline says so); a new proposal answers with the list.
  const proposed = request.events.some((e) => e.type === 'booking_proposed')
  const proposals = useStaffQuery(['staffProposals', request.id, request.events.length], () => fetchStaffProposals(request.id), {
    enabled: proposed,
  })
  const [open, setOpen] = useState(false)
  const services = useStaffQuery(['staffBookables'], fetchStaffBookables, { enabled: open })
  const [serviceId, setServiceId] = useState<string | null>(null)
  const slots = useQuery(['staffSlots', serviceId], () => fetchStaffSlots(serviceId!), { enabled: !!serviceId })
  const [times, setTimes] = useState<string[]>([])
  const [free, setFree] = useState<string | null>(null)
  const [note, setNote] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  // The resident picks on the request's page: a request of theirs (the mini-program), still open.
  const proposable = request.channel === 'miniprogram' && ['submitted', 'accepted', 'in_progress'].includes(request.status)
  const active = services.data?.filter((s) => s.active) ?? []
  const service = active.find((s) => s.id === serviceId) ?? null
  const full = times.length >= PROPOSAL_TIMES_MAX
  const toggle = (startsAt: string) => {
    setError(null)
    if (times.includes(startsAt)) setTimes(times.filter((t) => t !== startsAt))
    else if (full) setError(`最多提议 ${PROPOSAL_TIMES_MAX} 个时间`)
    else setTimes([...times, startsAt].sort())
  }
  const close = () => {
    setOpen(false)
    setServiceId(null)
    setTimes([])
    setFree(null)
    setNote('')
    setError(null)
  }
  const submit = async () => {
    if (!serviceId) return setError('请选择预约服务')
    if (times.length === 0) return setError('请至少选择一个时间')
    setBusy(true)
    try {
      const items = await proposeBooking(request.id, { serviceId, times, ...(note.trim() ? { note: note.trim() } : {}) })
      proposals.setData(() => items)
      close()
      onProposed()
      void Taro.showToast({ title: '已发给居民选择', icon: 'none' })
    } catch (err) {
      setError(describeError(err).message)
      void slots.reload()
    } finally {
      setBusy(false)
    }
  }

  if (!proposable && !proposals.data?.length) return null
  return (
    <View className='booking-proposals'>
      <Text className='section-title'>预约时间</Text>
      <View className='card'>
        {proposals.status === 'loading' && <Loading />}
        {proposals.status === 'error' && <ErrorState message={proposals.error.message} onRetry={proposals.reload} />}
        {!proposals.data?.length && !open && (
          <Text className='muted booking-proposals__none'>
            需要到站面谈、电话沟通或入户探访时，可以提议几个时间，居民在求助详情里选一个就约好了。
          </Text>
        )}
        {proposals.data?.map((p) => (
          <ProposalCard key={p.id} p={p} />
        ))}

        {!proposable ? null : !open ? (
          <Button className='btn btn-propose-booking' onClick={() => setOpen(true)}>
            {proposals.data?.some((p) => p.status === 'open') ? '重新提议时间' : '提议预约时间'}
          </Button>
        ) : (
          <View className='staff-panel propose'>
            <Field label='预约服务' required>
              {services.status === 'loading' && <Loading />}
              {services.status === 'error' && <ErrorState message={services.error.message} onRetry={services.reload} />}
              <View className='propose__services' ariaRole='radiogroup' ariaLabel='预约服务'>
                {active.map((s) => (
                  <View
                    key={s.id}
                    className={`option propose__service${serviceId === s.id ? ' option--active' : ''}`}
                    onClick={() => {
                      setServiceId(s.id)
                      setTimes([])
                      setError(null)
                    }}
                    ariaRole='radio'
                    {...{ 'aria-checked': serviceId === s.id }}
                  >
                    {s.name === BOOKABLE_KIND_LABELS[s.kind] ? s.name : `${s.name}（${BOOKABLE_KIND_LABELS[s.kind]}）`}
                  </View>
                ))}
              </View>
            </Field>
            {service && (
              <Field label={`时间（最多 ${PROPOSAL_TIMES_MAX} 个）`} required hint='点选空余时段；再点一次取消'>
                {slots.status === 'loading' && <Loading />}
                {slots.status === 'error' && <ErrorState message={slots.error.message} onRetry={slots.reload} />}
                {slots.data && <SlotPicker days={slots.data.days} value={null} selected={times} onChange={(s) => toggle(s.startsAt)} />}
              </Field>
            )}
            {service?.kind === 'home_visit' && (
              <View className='propose__free'>
                <DateTimeField
                  name='propose-free'
                  label='其他时间（入户探访）'
                  hint='社工可以上门的其他时间'
                  value={free}
                  onChange={setFree}
                />
                <Button className='btn btn-add-free-time' onClick={() => (free ? toggle(free) : setError('请先选择日期和时间'))}>
                  加入这个时间
                </Button>
              </View>
            )}
            {times.length > 0 && (
              <Text className='propose__picked'>已选：{times.map((t) => formatCstDateTime(new Date(t))).join('、')}</Text>
            )}
            <Field label='给居民的说明（选填）'>
              <TextBox
                className='propose-note'
                value={note}
                max={LIMITS.bookingNote}
                placeholder='例如：刘社工接待，请带上相关材料'
                ariaLabel='给居民的说明'
                onChange={setNote}
              />
            </Field>
            {error && (
              <View className='field__error propose__error' ariaRole='alert'>
                {error}
              </View>
            )}
            <View className='btn-row'>
              <Button className='btn' onClick={close}>
                取消
              </Button>
              <Button className='btn btn--primary btn-send-proposal' {...busyProps(busy)} onClick={() => void submit()}>
                发给居民选择
              </Button>
            </View>
          </View>
        )}
      </View>
    </View>
  )
}
