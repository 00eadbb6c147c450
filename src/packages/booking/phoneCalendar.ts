/**
 * 添加到手机日历: wx.addPhoneCalendar in the mini-program (it asks the user
 * itself), an .ics file in the h5 portal (the phone's calendar opens it).
 */
import Taro from '@tarojs/taro'
import type { Booking } from '@contract/types'
import { icsOf, type CalendarEvent } from '@domain/bookingIcs'
import { BOOKING_FOR_LABELS } from '@contract/bookings'

export function bookingEvent(b: Booking): CalendarEvent {
  const who = b.forWhom === 'self' ? b.personName : `${b.personName}（${b.relationship ?? BOOKING_FOR_LABELS[b.forWhom]}）`
  return {
    uid: `${b.id}@shegong`,
    title: `${b.service.name} · ${b.station.name}`,
    startsAt: new Date(b.startsAt),
    endsAt: new Date(b.endsAt),
    location: b.service.kind === 'home_visit' ? '社工上门' : b.station.address,
    description: `预约人：${who}。如需改期或取消，请在小程序“我的预约”中操作，或致电 ${b.station.phone}`,
    alarmMinutes: 60,
  }
}

/** Resolves true once the event is added (or the file handed over), false when the user declined. */
export async function addToPhoneCalendar(b: Booking): Promise<boolean> {
  const event = bookingEvent(b)
  if (process.env.TARO_ENV === 'h5') {
    const blob = new Blob([icsOf(event, new Date())], { type: 'text/calendar;charset=utf-8' })
    const url = URL.createObjectURL(blob)
    const link = document.createElement('a')
    link.href = url
    link.download = `预约-${b.service.name}.ics`
    document.body.appendChild(link)
    link.click()
    link.remove()
    setTimeout(() => URL.revokeObjectURL(url), 10_000)
    return true
  }
  try {
    await Taro.addPhoneCalendar({
      title: event.title,
      startTime: Math.floor(event.startsAt.getTime() / 1000),
      endTime: Math.floor(event.endsAt.getTime() / 1000),
      location: event.location,
      description: event.description,
      alarm: true,
      alarmOffset: 3600,
    } as unknown as Parameters<typeof Taro.addPhoneCalendar>[0]) // WeChat takes seconds as numbers; Taro's typing says string
    return true
  } catch {
    return false
  }
}
