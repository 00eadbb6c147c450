/**
 * Booking from a help request, the pure rules (domain/bookingProposals.ts) and
 * the rating of a booking (domain/ratings.ts): which times may be proposed,
 * until when, how a proposal and its times read now, which picks are refused;
 * who may rate a booking, and with which body.
 */
import {
  chooseRefusal,
  proposalExpiry,
  proposalStatusAt,
  proposalText,
  proposalTimeState,
  proposalTimesRefusal,
  requestProposalRefusal,
} from '../../domain/bookingProposals'
import { cstInstant } from '../../domain/chinaTime'
import { bookingRatingRefusal, ratingBodyRefusal } from '../../domain/ratings'
import { bookingTarget } from '@/packages/rating/new/useRatingForm'
import { MOTHER_BOOKING, PAST_ATTENDED } from '../weapp/booking-fixtures'

const NOW = cstInstant('2026-09-28', '08:00')
const at = (date: string, time: string) => cstInstant(date, time)

describe('proposing times', () => {
  test('1 to 3 different times, all to come', () => {
    expect(proposalTimesRefusal([at('2026-10-08', '09:00')], NOW)).toBeNull()
    expect(proposalTimesRefusal([], NOW)).toMatchObject({ code: 'FIELD_INVALID', field: 'times' })
    const four = ['09:00', '10:00', '14:00', '15:00'].map((t) => at('2026-10-08', t))
    expect(proposalTimesRefusal(four, NOW)?.message).toBe('请提议 1 到 3 个时间')
    expect(proposalTimesRefusal([at('2026-10-08', '09:00'), at('2026-10-08', '09:00')], NOW)?.message).toBe('提议的时间有重复')
    expect(proposalTimesRefusal([at('2026-09-28', '07:00')], NOW)?.message).toBe('9月28日 07:00 已经过去，请提议以后的时间')
  })

  test('only while the request is open', () => {
    for (const s of ['submitted', 'accepted', 'in_progress']) expect(requestProposalRefusal(s)).toBeNull()
    expect(requestProposalRefusal('cancelled')).toMatchObject({ code: 'BOOKING_STATE', message: '这条求助已取消，不能再约时间' })
    expect(requestProposalRefusal('resolved')).toMatchObject({ code: 'BOOKING_STATE', message: '这条求助已办结，不能再约时间' })
  })

  test('open 72 hours, or until its last time begins if sooner; the timeline’s words', () => {
    expect(proposalExpiry(NOW, [at('2026-10-08', '09:00')])).toEqual(new Date(NOW.getTime() + 72 * 3600_000))
    expect(proposalExpiry(NOW, [at('2026-09-28', '14:00'), at('2026-09-28', '10:00')])).toEqual(at('2026-09-28', '14:00'))
    expect(proposalText('入户探访', [at('2026-10-08', '10:00'), at('2026-10-09', '15:00')], ' 请家里留人 ')).toBe(
      '入户探访：10月8日 10:00、10月9日 15:00，请在求助详情中选择一个时间。请家里留人',
    )
  })
})

describe('reading and picking', () => {
  const open = {
    status: 'open' as const,
    expiresAt: at('2026-10-01', '08:00'),
    times: [at('2026-10-08', '09:00'), at('2026-10-08', '10:00')],
  }

  test('an open proposal past its expiry reads expired; a time gone by, past; a taken one, full', () => {
    expect(proposalStatusAt(open, NOW)).toBe('open')
    expect(proposalStatusAt(open, at('2026-10-01', '08:00'))).toBe('expired')
    expect(proposalStatusAt({ ...open, status: 'chosen' }, at('2026-10-09', '08:00'))).toBe('chosen')
    expect(proposalTimeState(at('2026-10-08', '09:00'), true, NOW)).toBe('free')
    expect(proposalTimeState(at('2026-10-08', '09:00'), false, NOW)).toBe('full')
    expect(proposalTimeState(at('2026-09-28', '07:00'), true, NOW)).toBe('past')
  })

  test('a pick: a proposed time of an open proposal; otherwise the reason', () => {
    expect(chooseRefusal(open, at('2026-10-08', '10:00'), NOW)).toBeNull()
    expect(chooseRefusal(open, at('2026-10-08', '11:00'), NOW)).toMatchObject({ code: 'FIELD_INVALID', field: 'startsAt' })
    expect(chooseRefusal({ ...open, status: 'chosen' }, at('2026-10-08', '10:00'), NOW)?.message).toContain('已经选定')
    expect(chooseRefusal({ ...open, status: 'withdrawn' }, at('2026-10-08', '10:00'), NOW)?.message).toContain('重新提议')
    expect(chooseRefusal(open, at('2026-10-08', '10:00'), at('2026-10-02', '08:00'))).toMatchObject({
      code: 'BOOKING_STATE',
      message: '这次提议的时间已过期，请联系社工重新约时间',
    })
  })
})

describe('rating a booking', () => {
  test('only once attended; no 是否解决; its own tags', () => {
    expect(bookingRatingRefusal('attended')).toBeNull()
    expect(bookingRatingRefusal('booked')).toBe('到场接受服务后才能评价')
    expect(bookingRatingRefusal('no_show')).toBe('这次预约没有到场，无需评价')
    expect(bookingRatingRefusal('cancelled')).toBe('这条预约已取消，无需评价')
    expect(ratingBodyRefusal('booking', { tags: ['准时', '环境舒适'] })).toBeNull()
    expect(ratingBodyRefusal('booking', { outcome: 'resolved' })).toMatchObject({
      field: 'outcome',
      message: '预约服务评价不需要选择是否解决',
    })
    expect(ratingBodyRefusal('booking', { tags: ['孩子喜欢'] })).toMatchObject({ field: 'tags' })
    // The others as before.
    expect(ratingBodyRefusal('request', {})).toMatchObject({ field: 'outcome' })
    expect(ratingBodyRefusal('enrollment', { outcome: 'partly' })).toMatchObject({
      field: 'outcome',
      message: '活动评价不需要选择是否解决',
    })
  })

  test('the rating page’s target: the service and the time; refused until attended', () => {
    const now = new Date('2026-11-24T02:00:00.000Z')
    expect(bookingTarget({ ...PAST_ATTENDED, ratingDue: true, rating: null }, now)).toMatchObject({
      subject: 'booking',
      title: '心理疏导谈心',
      detail: '民馨社区社会工作室 · 11月17日（周二）14:00-15:00',
      refusal: null,
      editing: null,
    })
    expect(bookingTarget({ ...MOTHER_BOOKING, ratingDue: false, rating: null }, now).refusal).toBe('到场接受服务后才能评价')
  })
})
