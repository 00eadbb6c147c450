import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import type { BookingProposal, HelpRequest, ProposalTime } from '@contract/types'
import { receptionText, slotLabel } from '@domain/booking'
import { formatCstDateTime, formatCstLongDate } from '@domain/chinaTime'
import { chooseProposal, fetchRequestProposals } from '@/api/bookings'
import { useQuery } from '@/hooks/useQuery'
import { describeError } from '@/services/errors'
import { busyProps } from '@/utils/busy'
import './BookingProposals.scss'

const TIME_STATE_WORDS = { free: '可选', full: '已约满', past: '已过' } as const

function forWhom(r: HelpRequest): string {
  return r.helped ? `为${r.helped.relationship}${r.helped.name}` : '为您'
}

/** A proposal still open: each time a large button; a time taken meanwhile shows as 已约满. */
function OpenProposal({ p, r, onChosen }: { p: BookingProposal; r: HelpRequest; onChosen: () => void }) {
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)

  const pick = async (t: ProposalTime) => {
    if (t.state !== 'free' || busy) return
    const ok = await Taro.showModal({
      title: '确认预约',
      content: `${forWhom(r)}预约 ${formatCstDateTime(new Date(t.startsAt))} 的「${p.service.name}」？`,
      confirmText: '确认预约',
      cancelText: '再想想',
    })
    if (!ok.confirm) return
    setBusy(t.startsAt)
    setError(null)
    try {
      await chooseProposal(r.id, p.id, t.startsAt)
      void Taro.showToast({ title: '预约成功', icon: 'success' })
    } catch (err) {
      // 已约满: the words say so and name the times still free; the list is read again.
      setError(describeError(err).message)
    } finally {
      setBusy(null)
      onChosen()
    }
  }

  return (
    <View className='card proposal-pick' ariaRole='region' ariaLabel='社工提议的预约时间'>
      <Text className='proposal-pick__title'>社工为您提议了预约时间</Text>
      <Text className='proposal-pick__service'>
        {p.service.name} · {p.station.name}
      </Text>
      {p.worker && <Text className='proposal-pick__worker'>{receptionText(p.worker.name)}</Text>}
      {p.note && <Text className='notice-box proposal-pick__note'>{p.note}</Text>}
      <Text className='muted proposal-pick__hint'>
        请选一个方便的时间（{forWhom(r)}预约），{formatCstDateTime(new Date(p.expiresAt))} 前有效
      </Text>
      <View className='proposal-pick__times'>
        {p.times.map((t) => (
          <Button
            key={t.startsAt}
            className={`btn btn--main proposal-time proposal-time--${t.state}${t.state === 'free' ? ' btn--primary' : ''}`}
            // Set only when true: Taro's h5 Button greys out on disabled="false" (utils/busy.ts).
            {...(t.state === 'free' ? busyProps(busy === t.startsAt) : { disabled: true })}
            onClick={() => void pick(t)}
            ariaLabel={`${formatCstLongDate(new Date(t.startsAt))} ${slotLabel(t)}，${TIME_STATE_WORDS[t.state]}`}
          >
            <Text className='proposal-time__day'>{formatCstDateTime(new Date(t.startsAt)).split(' ')[0]}</Text>
            <Text className='proposal-time__clock'>{slotLabel(t)}</Text>
            {t.state !== 'free' && <Text className='proposal-time__state'>{TIME_STATE_WORDS[t.state]}</Text>}
          </Button>
        ))}
      </View>
      {error && (
        <View className='field__error proposal-pick__error' ariaRole='alert'>
          {error}
        </View>
      )}
    </View>
  )
}

/**
 * 预约时间 on the request's page: the times the station proposed, to pick one
 * (which books it for the person the request is about); once picked, the
 * booking, with a link to 我的预约; an expired proposal says to call.
 */
export function BookingProposals({ request: r, onChanged }: { request: HelpRequest; onChanged: () => void }) {
  // Asked only once the station proposed something (the timeline says so).
  const proposed = r.events.some((e) => e.type === 'booking_proposed')
  const list = useQuery(['requestProposals', r.id, r.events.length], () => fetchRequestProposals(r.id), {
    enabled: proposed,
    refreshOnShow: true,
  })
  if (list.status !== 'ok') return null
  // The latest proposal, and every chosen one (a booking made from this request).
  const latest = list.data[0]
  const shown = list.data.filter((p) => p.status === 'chosen' || p === latest)
  if (shown.length === 0) return null
  return (
    <View className='booking-proposals'>
      {shown.map((p) => {
        if (p.status === 'open')
          return (
            <OpenProposal
              key={p.id}
              p={p}
              r={r}
              onChosen={() => {
                void list.reload()
                onChanged()
              }}
            />
          )
        if (p.status === 'chosen')
          return (
            <View key={p.id} className='card proposal-chosen' ariaRole='region' ariaLabel='已约好的时间'>
              <Text className='proposal-pick__title'>已约好时间</Text>
              <Text className='proposal-chosen__time'>
                {p.chosenStartsAt ? formatCstDateTime(new Date(p.chosenStartsAt)) : ''} · {p.service.name}
              </Text>
              <Text className='muted'>{forWhom(r)}预约，地点和改期、取消请看“我的预约”。</Text>
              <Button className='btn btn-open-booking' onClick={() => void Taro.navigateTo({ url: '/packages/booking/mine/index' })}>
                查看我的预约
              </Button>
            </View>
          )
        return (
          <View key={p.id} className='card proposal-expired'>
            <Text className='proposal-pick__title'>社工提议的时间已过期</Text>
            <Text className='muted'>请打电话给社工站重新约时间：{r.station.phone}</Text>
          </View>
        )
      })}
    </View>
  )
}
