/**
 * 预约管理's counter: enter a walk-in or phone booking for a resident (a free
 * slot of one of the station's services), and take time out (停约: leave, an
 * outing) or open extra slots of one service (加开).
 */
import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Input, Text, View } from '@tarojs/components'
import { BOOKING_FOR, BOOKING_FOR_LABELS } from '@contract/bookings'
import { LIMITS } from '@contract/limits'
import type { BookableService, Booking, SlotState } from '@contract/types'
import { formatAgeRange } from '@domain/activities'
import { bookingTimeText } from '@domain/booking'
import { addBookingBlock, bookAtCounter, fetchStaffBookables, fetchStaffSlots } from '@/api/bookings'
import { fetchColleagues } from '@/api/staff'
import { BirthDatePicker } from '@/components/BirthDatePicker'
import { ContactFields } from '@/components/ContactFields'
import { Field } from '@/components/Field'
import { OptionGroup } from '@/components/OptionGroup'
import { ErrorState, Loading } from '@/components/StateView'
import { Tabs } from '@/components/Tabs'
import { useQuery } from '@/hooks/useQuery'
import { formErrors } from '@/services/errors'
import { usePageClass } from '@/stores/elder'
import { busyProps } from '@/utils/busy'
import { scrollIntoView } from '@/utils/scrollTo'
import { DateTimeField } from '../activity-edit/components/DateTimeField'
import { BookingItem } from '../bookings/BookingItem'
import { SlotPicker } from '../bookings/SlotPicker'
import { useStaffQuery } from '../useStaffQuery'
import {
  BLOCK_FIELDS,
  blockDoneText,
  COUNTER_FIELDS,
  counterAsksBirthDate,
  counterBody,
  EMPTY_COUNTER,
  EMPTY_BLOCK,
  blockBody,
  type BlockForm,
  type CounterForm,
  type DeskErrors,
} from './form'
import './index.scss'
import '../workbench.scss'

type Tab = 'counter' | 'block' | 'open'

/** Below a form: why the server refused it, or what was done. */
function Outcome({ error, done }: { error?: string; done: string | null }) {
  if (error)
    return (
      <View className='field__error' ariaRole='alert'>
        {error}
      </View>
    )
  if (!done) return null
  return (
    <View className='desk-done' ariaRole='status'>
      ✓ {done}
    </View>
  )
}

function ServiceChoice({
  services,
  value,
  onChange,
  allowAll,
}: {
  services: readonly BookableService[]
  value: string
  onChange: (id: string) => void
  allowAll?: boolean
}) {
  return (
    <OptionGroup
      name='预约服务'
      columns={1}
      options={[
        ...(allowAll ? [{ value: '', label: '本站全部服务' }] : []),
        ...services.map((s) => ({ value: s.id, label: s.workerName ? `${s.name}（${s.workerName}）` : s.name })),
      ]}
      value={value}
      onChange={onChange}
    />
  )
}

function CounterBooking({ services }: { services: readonly BookableService[] }) {
  const [form, setForm] = useState<CounterForm>({ ...EMPTY_COUNTER, serviceId: services[0]?.id ?? '' })
  const [slot, setSlot] = useState<SlotState | null>(null)
  const [errors, setErrors] = useState<DeskErrors>({})
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState<string | null>(null)
  const slots = useQuery(['staffSlots', form.serviceId], () => fetchStaffSlots(form.serviceId), { enabled: !!form.serviceId })
  const service = services.find((s) => s.id === form.serviceId)
  const update = (patch: Partial<CounterForm>) => {
    setForm((f) => ({ ...f, ...patch }))
    setErrors({})
    setDone(null)
    if (patch.serviceId) setSlot(null)
  }

  const submit = async () => {
    const { body, errors: found } = counterBody(form, slot, service)
    setErrors(found)
    if (!body) return
    setBusy(true)
    try {
      const booking = await bookAtCounter(body)
      setDone(`已登记：${booking.personName}，${booking.service.name}，${bookingTimeText(booking)}`)
      setForm({ ...EMPTY_COUNTER, serviceId: form.serviceId, channel: form.channel })
      setSlot(null)
      void slots.reload()
    } catch (err) {
      setErrors(formErrors(err, COUNTER_FIELDS))
      void slots.reload()
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='card desk-form desk-counter'>
      <Field label='登记方式' required>
        <OptionGroup
          name='登记方式'
          options={[
            { value: 'counter', label: '窗口登记' },
            { value: 'phone', label: '电话预约' },
          ]}
          value={form.channel}
          onChange={(channel) => update({ channel })}
        />
      </Field>
      <Field label='预约服务' required error={errors.serviceId}>
        <ServiceChoice services={services} value={form.serviceId} onChange={(serviceId) => update({ serviceId })} />
      </Field>
      <Field label='时段' required error={errors.slot}>
        {slots.status === 'loading' && <Loading />}
        {slots.status === 'error' && <ErrorState message={slots.error.message} onRetry={slots.reload} />}
        {slots.data && (
          <SlotPicker
            days={slots.data.days}
            value={slot}
            onChange={(s) => {
              setSlot(s)
              setErrors({})
            }}
          />
        )}
      </Field>
      <Field label='为谁预约' required>
        <OptionGroup
          name='为谁预约'
          options={BOOKING_FOR.map((f) => ({ value: f, label: BOOKING_FOR_LABELS[f] }))}
          value={form.forWhom}
          onChange={(forWhom) => update({ forWhom })}
          columns={1}
        />
      </Field>
      <Field label={form.forWhom === 'self' ? '居民姓名' : '来预约的人的姓名'} required error={errors.personName}>
        <Input
          className='input desk-person-name'
          value={form.personName}
          maxlength={LIMITS.personName}
          placeholder='如：王桂兰'
          ariaLabel='来预约的人的姓名'
          onInput={(e) => update({ personName: e.detail.value })}
        />
      </Field>
      {counterAsksBirthDate(service) && (
        <Field
          label='出生日期'
          required
          hint={`这项服务面向 ${formatAgeRange(service!)}（按预约当天的年龄）；只用于核对，不会保存`}
          error={errors.birthDate}
        >
          <BirthDatePicker className='desk-birth-picker' value={form.birthDate} onChange={(birthDate) => update({ birthDate })} />
        </Field>
      )}
      {form.forWhom !== 'self' && (
        <Field label='与联系人的关系' required error={errors.relationship}>
          <Input
            className='input desk-relationship'
            value={form.relationship}
            maxlength={LIMITS.personName}
            placeholder='如：母亲'
            ariaLabel='与联系人的关系'
            onInput={(e) => update({ relationship: e.detail.value })}
          />
        </Field>
      )}
      <ContactFields
        by='staff'
        fields={['contactName', 'contactPhone']}
        values={form}
        onChange={(patch) => update(patch)}
        errors={errors}
        classPrefix='desk-'
      />
      <Field label='备注' error={errors.note}>
        <Input
          className='input desk-note'
          value={form.note}
          maxlength={LIMITS.bookingNote}
          placeholder='选填，如：腿脚不便，需要一楼'
          ariaLabel='备注'
          onInput={(e) => update({ note: e.detail.value })}
        />
      </Field>
      <Outcome error={errors.form} done={done} />
      <Button className='btn btn--primary btn-counter-book' {...busyProps(busy)} onClick={submit}>
        {slot ? `登记 ${bookingTimeText(slot)}` : '登记预约'}
      </Button>
    </View>
  )
}

function BlockTime({ services, kind }: { services: readonly BookableService[]; kind: 'block' | 'open' }) {
  const colleagues = useStaffQuery(['colleagues'], fetchColleagues)
  const [form, setForm] = useState<BlockForm>({ ...EMPTY_BLOCK, serviceId: kind === 'open' ? (services[0]?.id ?? '') : '' })
  const [errors, setErrors] = useState<DeskErrors>({})
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState<string | null>(null)
  // The bookings the block left in place, to move one by one (a block cancels nothing); they go with its outcome.
  const [affected, setAffected] = useState<Booking[]>([])
  const update = (patch: Partial<BlockForm>) => {
    setForm((f) => ({ ...f, ...patch }))
    setErrors({})
    setDone(null)
    setAffected([])
  }
  const submit = async () => {
    const { body, errors: found } = blockBody(kind, form)
    setErrors(found)
    if (!body) return
    setBusy(true)
    try {
      const block = await addBookingBlock(body)
      setAffected(block.affectedBookings)
      setDone(kind === 'open' ? '已加开：居民现在可以预约这些时段' : blockDoneText(block.affectedBookings.length))
      // The outcome is under a long form: bring it, and the bookings to move, into view.
      scrollIntoView(`.desk-${kind} .desk-done`)
      void Taro.showToast({ title: kind === 'block' ? '已停约' : '已加开', icon: 'none' })
      setForm({ ...EMPTY_BLOCK, serviceId: form.serviceId, workerId: form.workerId })
    } catch (err) {
      setErrors(formErrors(err, BLOCK_FIELDS))
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className={`card desk-form desk-${kind}`}>
      <Text className='muted desk-form__intro'>
        {kind === 'block'
          ? '请假、外出入户或培训时停约：这段时间的时段不再开放预约。'
          : '为一项服务加开时段（如周六上午加开）：按服务的时长分成时段。'}
      </Text>
      <Field label='哪项服务' required={kind === 'open'} error={errors.serviceId}>
        <ServiceChoice
          services={services}
          value={form.serviceId}
          onChange={(serviceId) => update({ serviceId })}
          allowAll={kind === 'block'}
        />
      </Field>
      {colleagues.data && colleagues.data.length > 0 && (
        <Field
          label='哪位社工'
          hint={kind === 'block' ? '选一位社工（如请假）：只停这位社工接待的时段' : '选一位社工：加开的时段由这位社工接待'}
          error={errors.workerId}
        >
          <OptionGroup
            name='哪位社工'
            columns={2}
            options={[
              { value: '', label: kind === 'block' ? '全站' : '不指定' },
              ...colleagues.data.map((c) => ({ value: c.id, label: c.nickname })),
            ]}
            value={form.workerId}
            onChange={(workerId) => update({ workerId })}
          />
        </Field>
      )}
      <DateTimeField
        name='block-start'
        label='从'
        value={form.startsAt}
        onChange={(startsAt) => update({ startsAt })}
        error={errors.startsAt}
      />
      <DateTimeField name='block-end' label='到' value={form.endsAt} onChange={(endsAt) => update({ endsAt })} error={errors.endsAt} />
      <Field label={kind === 'block' ? '停约原因' : '加开说明'} required error={errors.reason}>
        <Input
          className='input block-reason'
          value={form.reason}
          maxlength={40}
          placeholder={kind === 'block' ? '如：社工外出培训' : '如：周六上午加开'}
          ariaLabel={kind === 'block' ? '停约原因' : '加开说明'}
          onInput={(e) => update({ reason: e.detail.value })}
        />
      </Field>
      <Outcome error={errors.form} done={done} />
      <Button className={`btn btn--primary btn-save-${kind}`} {...busyProps(busy)} onClick={submit}>
        {kind === 'block' ? '确认停约' : '确认加开'}
      </Button>
      {affected.length > 0 && (
        <View className='desk-affected'>
          <Text className='desk-affected__title'>停约时段里仍有效的预约（{affected.length} 个）</Text>
          {affected.map((b) => (
            <BookingItem
              key={b.id}
              b={b}
              withDate
              onChange={(next) => setAffected((all) => all.map((x) => (x.id === next.id ? next : x)))}
            />
          ))}
        </View>
      )}
    </View>
  )
}

export default function WorkbenchBookingDesk() {
  const pageClass = usePageClass('page-workbench-booking-desk')
  const { params } = useRouter()
  const [tab, setTab] = useState<Tab>(params.tab === 'block' || params.tab === 'open' ? params.tab : 'counter')
  const services = useStaffQuery(['staffBookables'], fetchStaffBookables)
  const active = services.data?.filter((s) => s.active) ?? []
  return (
    <View className={pageClass}>
      <Tabs
        label='登记类型'
        tabs={[
          ['counter', '登记预约'],
          ['block', '停约'],
          ['open', '加开'],
        ]}
        value={tab}
        onChange={setTab}
      />
      {services.status === 'loading' && !services.data && <Loading />}
      {services.status === 'error' && <ErrorState message={services.error.message} onRetry={services.reload} />}
      {services.data && active.length === 0 && (
        <View className='card'>
          <Text>本站还没有启用的预约服务，请先在「预约服务设置」中新增。</Text>
        </View>
      )}
      {active.length > 0 && tab === 'counter' && <CounterBooking services={active} />}
      {active.length > 0 && tab !== 'counter' && <BlockTime key={tab} services={active} kind={tab} />}
    </View>
  )
}
