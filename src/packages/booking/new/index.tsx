import { usePageClass } from '@/stores/elder'
import Taro from '@tarojs/taro'
import { Button, Input, ScrollView, Text, View } from '@tarojs/components'
import { Textarea } from '@/components/Textarea'
import { AUDIENCE_LABELS } from '@contract/activities'
import { BOOKABLE_KIND_LABELS, BOOKING_FOR, BOOKING_FOR_LABELS } from '@contract/bookings'
import { SERVICE_CATEGORY_LABELS } from '@contract/enums'
import { LIMITS } from '@contract/limits'
import type { BookableService, Booking, SlotDay } from '@contract/types'
import {
  audienceText,
  bookingTimeText,
  dayAvailability,
  dayLabel,
  formatMinutes,
  hasAgeRule,
  receptionText,
  slotIdOf,
  slotLabel,
} from '@domain/booking'
import { cstDate, formatCstDateTime } from '@domain/chinaTime'
import { BirthDatePicker } from '@/components/BirthDatePicker'
import { ContactFields } from '@/components/ContactFields'
import { Field } from '@/components/Field'
import { InfoRow } from '@/components/InfoRow'
import { NoBreak } from '@/components/NoBreak'
import { LoginGate } from '@/components/LoginGate'
import { OptionGroup } from '@/components/OptionGroup'
import { EmptyState, ErrorState, Loading } from '@/components/StateView'
import { busyProps } from '@/utils/busy'
import { addToPhoneCalendar } from '../phoneCalendar'
import { useBook } from './useBook'
import './index.scss'

const SLOT_STATE_TEXT = { free: '可预约', full: '已约满', closed: '已截止' } as const

function ServiceHead({ service }: { service: BookableService }) {
  return (
    <View className='card book-service'>
      <Text className='book-service__name'>{service.name}</Text>
      <Text className='muted book-service__meta'>
        {service.station.name} · {BOOKABLE_KIND_LABELS[service.kind]} · 每次 {formatMinutes(service.durationMinutes)}
        {service.capacity > 1 ? ` · 每个时段 ${service.capacity} 人` : ''}
      </Text>
      {service.description && <Text className='book-service__desc'>{service.description}</Text>}
      {hasAgeRule(service) && <NoBreak className='book-service__who' text={audienceText(service, AUDIENCE_LABELS[service.audience])} />}
      <Text className='muted book-service__rule'>
        可提前 {service.horizonDays} 天预约；开始前 {formatMinutes(service.cutoffMinutes)}截止预约、改期和取消
        {service.workerName ? `；接待：${service.workerName}` : ''}
      </Text>
    </View>
  )
}

/** The next days as a strip: each says 休息 / 约满 / N 个空位; tapping one shows its slots. */
function DayStrip({ days, date, onChoose }: { days: SlotDay[]; date: string | null; onChoose: (d: string) => void }) {
  const today = cstDate(new Date())
  return (
    <ScrollView scrollX className='day-strip' scrollIntoView={date ? `day-${date}` : undefined}>
      <View className='day-strip__days' ariaRole='tablist' ariaLabel='选择日期'>
        {days.map((d) => {
          const { day, weekday } = dayLabel(d.date, today)
          const availability = dayAvailability(d)
          return (
            <View
              key={d.date}
              id={`day-${d.date}`}
              className={`day-strip__day${d.date === date ? ' day-strip__day--active' : ''}${availability.bookable ? '' : ' day-strip__day--off'}`}
              onClick={() => onChoose(d.date)}
              ariaRole='tab'
              ariaLabel={`${day} ${weekday}，${availability.text}`}
              {...{ 'aria-selected': d.date === date }}
            >
              <Text className='day-strip__weekday'>{weekday}</Text>
              <Text className='day-strip__date'>{day}</Text>
              <Text className='day-strip__free'>{availability.text}</Text>
            </View>
          )
        })}
      </View>
    </ScrollView>
  )
}

function Result({ booking: b, rescheduled }: { booking: Booking; rescheduled: boolean }) {
  const addCalendar = async () => {
    if (await addToPhoneCalendar(b))
      void Taro.showToast({ title: process.env.TARO_ENV === 'h5' ? '已下载日历文件' : '已添加到日历', icon: 'success' })
  }
  return (
    <View className='card book-result' ariaRole='status'>
      <Text className='book-result__title'>✓ {rescheduled ? '改期成功' : '预约成功'}</Text>
      <InfoRow label='服务'>{b.service.name}</InfoRow>
      <InfoRow label='时间' valueClassName='book-result__time'>
        {bookingTimeText(b)}
      </InfoRow>
      <InfoRow label='地点'>
        {b.service.kind === 'home_visit' ? '社工上门（请保持电话畅通）' : `${b.station.name}（${b.station.address}）`}
      </InfoRow>
      {b.worker && <InfoRow label='接待'>{receptionText(b.worker.name)}</InfoRow>}
      <InfoRow label='预约人' valueClassName='book-result__person'>
        {b.forWhom === 'self' ? `${b.personName}（本人）` : `${b.personName}（${b.relationship}）`}
      </InfoRow>
      <Text className='muted book-result__line'>
        前一天会提醒您。如需改期或取消，请在 {formatCstDateTime(new Date(b.changeDeadline))} 前到“我的预约”中操作。
      </Text>
      <View className='btn-col'>
        <Button className='btn btn--primary btn--main btn-add-calendar' onClick={addCalendar}>
          添加到手机日历
        </Button>
        <Button className='btn btn--main btn-view-bookings' onClick={() => Taro.redirectTo({ url: '/packages/booking/mine/index' })}>
          查看我的预约
        </Button>
      </View>
    </View>
  )
}

export default function BookPage() {
  const pageClass = usePageClass('page-booking-new')
  const book = useBook()
  const { form, errors } = book

  if (book.result)
    return (
      <View className={pageClass}>
        <Result booking={book.result} rescheduled={!!book.bookingId} />
      </View>
    )

  if (!book.serviceId) {
    if (book.bookingId && !book.token)
      return (
        <View className={pageClass}>
          <LoginGate reason='登录后可以改期' />
        </View>
      )
    if (book.original.status === 'notFound')
      return (
        <View className={pageClass}>
          <EmptyState text={book.original.error.message} />
        </View>
      )
    if (!book.stationId || book.bookingId)
      return (
        <View className={pageClass}>
          {book.original.status === 'error' ? (
            <ErrorState message={book.original.error.message} onRetry={book.original.reload} />
          ) : book.bookingId ? (
            <Loading />
          ) : (
            <EmptyState text='缺少要预约的服务' />
          )}
        </View>
      )
    if (book.services.status === 'error')
      return (
        <View className={pageClass}>
          <ErrorState message={book.services.error.message} onRetry={book.services.reload} />
        </View>
      )
    if (book.services.status !== 'ok')
      return (
        <View className={pageClass}>
          <Loading />
        </View>
      )
    return (
      <View className={pageClass}>
        <Text className='section-title'>选择要预约的服务</Text>
        {book.services.data.length === 0 && <EmptyState text='这个社工站暂时没有可以在线预约的服务，请打电话预约' />}
        {book.services.data.map((svc) => (
          <View
            key={svc.id}
            className='card bookable-choice'
            onClick={() => book.chooseService(svc.id)}
            ariaRole='button'
            ariaLabel={`预约 ${svc.name}`}
          >
            <Text className='bookable-choice__name'>{svc.name}</Text>
            <Text className='muted'>
              {BOOKABLE_KIND_LABELS[svc.kind]} · {SERVICE_CATEGORY_LABELS[svc.category]} · 每次 {formatMinutes(svc.durationMinutes)}
            </Text>
          </View>
        ))}
      </View>
    )
  }

  if (book.slots.status === 'notFound')
    return (
      <View className={pageClass}>
        <EmptyState text={book.slots.error.message} />
      </View>
    )
  if (book.slots.status === 'error' && !book.slots.data)
    return (
      <View className={pageClass}>
        <ErrorState message={book.slots.error.message} onRetry={book.slots.reload} />
      </View>
    )
  if (!book.slots.data)
    return (
      <View className={pageClass}>
        <Loading />
      </View>
    )
  const { service, days } = book.slots.data
  const day = days.find((d) => d.date === book.date)

  const slotsCard = (
    <View className='card book-slots'>
      <Text className='station-section__title'>{book.bookingId ? '选择新的时间' : '选择时间'}</Text>
      {book.bookingId && book.original.data && (
        <Text className='muted book-slots__current'>现在约的是 {bookingTimeText(book.original.data)}</Text>
      )}
      <DayStrip days={days} date={book.date} onChoose={book.setDate} />
      {day && day.note && <Text className='notice-box book-slots__note'>{day.note}</Text>}
      {day && day.slots.length === 0 && <Text className='muted book-slots__empty'>这一天不开放预约，请选择其他日期</Text>}
      <View className='slot-grid' ariaRole='radiogroup' ariaLabel='选择时段'>
        {day?.slots.map((slot) => {
          const chosen = !!book.slot && slotIdOf(book.slot) === slotIdOf(slot)
          const left = slot.capacity > 1 && slot.state === 'free' ? `剩 ${slot.capacity - slot.taken} 位` : SLOT_STATE_TEXT[slot.state]
          return (
            <View
              key={slotIdOf(slot)}
              className={`slot slot--${slot.state}${chosen ? ' slot--chosen' : ''}`}
              onClick={() => book.chooseSlot(slot)}
              ariaRole='radio'
              ariaLabel={`${slotLabel(slot)}，${slot.worker ? `${receptionText(slot.worker.name)}，` : ''}${left}`}
              {...{ 'aria-checked': chosen, 'aria-disabled': slot.state !== 'free' }}
            >
              <Text className='slot__time'>
                {chosen ? '✓ ' : ''}
                {slotLabel(slot)}
              </Text>
              {slot.worker && <Text className='slot__worker'>{receptionText(slot.worker.name)}</Text>}
              <Text className='slot__state'>{left}</Text>
            </View>
          )
        })}
      </View>
      {errors.slot && (
        <View className='field-error book-slots__error' ariaRole='alert'>
          {errors.slot}
        </View>
      )}
      {book.alternatives.length > 0 && (
        <View className='book-alternatives'>
          <Text className='book-alternatives__title'>可以改约这些时间：</Text>
          {book.alternatives.map((a) => (
            <Button key={slotIdOf(a)} className='btn btn--main book-alternative' onClick={() => book.chooseAlternative(a)}>
              {bookingTimeText(a)}
              {a.worker ? ` ${receptionText(a.worker.name)}` : ''}
            </Button>
          ))}
        </View>
      )}
    </View>
  )

  if (!book.token) {
    return (
      <View className={pageClass}>
        <ServiceHead service={service} />
        {slotsCard}
        <LoginGate reason='预约需要先登录，以便您在“我的预约”中查看、改期和取消' />
      </View>
    )
  }

  if (book.bookingId) {
    return (
      <View className={pageClass}>
        <ServiceHead service={service} />
        {slotsCard}
        {errors.form && (
          <View className='notice-box notice-box--warn book-form__error' ariaRole='alert'>
            {errors.form}
          </View>
        )}
        <Button className='btn btn--primary btn--main btn-confirm-booking' {...busyProps(book.submitting)} onClick={book.submit}>
          {book.slot ? `确认改到 ${bookingTimeText(book.slot)}` : '确认改期'}
        </Button>
      </View>
    )
  }

  return (
    <View className={pageClass}>
      <ServiceHead service={service} />
      {slotsCard}
      <View className='card book-form'>
        <Field label='为谁预约' required error={errors.forWhom}>
          <OptionGroup
            name='为谁预约'
            columns={1}
            options={BOOKING_FOR.filter((v) => v !== 'self' || !book.selfRefusal).map((v) => ({ value: v, label: BOOKING_FOR_LABELS[v] }))}
            value={form.forWhom}
            onChange={(forWhom) => book.update({ forWhom })}
          />
          {book.selfRefusal && <NoBreak className='book-excluded__item book-excluded--self' text={`本人不能预约：${book.selfRefusal}`} />}
        </Field>
        <Field label={form.forWhom === 'self' ? '您的姓名' : '来预约的人的姓名'} required error={errors.personName}>
          <Input
            className='input person-name'
            value={form.personName}
            maxlength={LIMITS.personName}
            placeholder={form.forWhom === 'self' ? '例如：王芳' : '例如：王秀兰'}
            ariaLabel={form.forWhom === 'self' ? '您的姓名' : '来预约的人的姓名'}
            onInput={(ev) => book.update({ personName: ev.detail.value })}
          />
        </Field>
        {form.forWhom !== 'self' && (
          <Field label='从“我的家人”中选择' hint='选一位家人，姓名和关系自动填好；也可以直接填写'>
            {book.eligibleMembers.length > 0 && (
              <OptionGroup
                name='从我的家人中选择'
                columns={1}
                options={book.eligibleMembers.map((m) => ({ value: m.id, label: `${m.name}（${m.relationship}，${m.age} 岁）` }))}
                value={form.familyMemberId || null}
                onChange={(id) => {
                  const member = book.family.data?.find((m) => m.id === id)
                  if (member) book.chooseMember(member)
                }}
              />
            )}
            {book.family.status === 'ok' && book.family.data.length === 0 && (
              <Text className='muted book-family-none'>还没有添加家人。</Text>
            )}
            {book.excludedMembers.length > 0 && (
              <View className='book-excluded'>
                <Text className='book-excluded__title'>不能预约：</Text>
                {book.excludedMembers.map((c) => (
                  <NoBreak key={c.value} className='book-excluded__item' text={`${c.name}：${c.refusal}`} />
                ))}
              </View>
            )}
            <Button className='btn btn-add-family' onClick={book.addFamily}>
              + 添加家人（如老人、孩子）
            </Button>
          </Field>
        )}
        {form.forWhom !== 'self' && (
          <Field label='与您的关系' required error={errors.relationship}>
            <Input
              className='input relationship'
              value={form.relationship}
              maxlength={LIMITS.personName}
              placeholder='例如：母亲'
              ariaLabel='与您的关系'
              onInput={(ev) => book.update({ relationship: ev.detail.value })}
            />
          </Field>
        )}
        {book.asksBirthDate && (
          <Field
            label={form.forWhom === 'self' ? '您的出生日期' : '来预约的人的出生日期'}
            required
            hint='用于核对这项服务的年龄要求，不会保存'
            error={errors.birthDate}
          >
            <BirthDatePicker className='book-birth-picker' value={form.birthDate} onChange={(birthDate) => book.update({ birthDate })} />
          </Field>
        )}
        <ContactFields
          fields={['contactName', 'contactPhone']}
          values={form}
          onChange={(patch) => book.update(patch)}
          errors={errors}
          labels={{ contactName: '联系人' }}
          hints={{ contactPhone: '社工站会用这个电话确认或通知改期' }}
        />
        <Field label='想先告诉社工的（选填）' error={errors.note}>
          <Textarea
            className='textarea booking-note'
            value={form.note}
            maxlength={LIMITS.bookingNote}
            placeholder='例如：老人听力不好，请说话大声些'
            ariaLabel='想先告诉社工的'
            onInput={(ev) => book.update({ note: ev.detail.value })}
          />
        </Field>
        {errors.form && (
          <View className='notice-box notice-box--warn book-form__error' ariaRole='alert'>
            {errors.form}
          </View>
        )}
        {book.slot?.worker && <Text className='book-form__worker'>{receptionText(book.slot.worker.name)}</Text>}
        <Button className='btn btn--primary btn--main btn-confirm-booking' {...busyProps(book.submitting)} onClick={book.submit}>
          {book.slot ? `确认预约 ${bookingTimeText(book.slot)}` : '确认预约'}
        </Button>
      </View>
    </View>
  )
}
