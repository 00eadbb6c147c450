/**
 * The activity form (src/packages/workbench/activity-edit/form.ts): the
 * form of a loaded course, what to fix before saving (with the limits of
 * contract/limits.ts), and where a refusal from the server goes.
 */
import { ApiError } from '@/api/client'
import { LIMITS } from '@contract/limits'
import {
  EMPTY_FORM,
  formOf,
  saveErrors,
  sessionsOf,
  validateActivity,
  wholeNumber,
  type ActivityForm,
} from '@/packages/workbench/activity-edit/form'
import { COURSE_DETAIL, COURSE_SESSIONS } from '../weapp/workbench-activity-fixtures'

const NOW = new Date('2026-11-24T02:00:00.000Z')
const filled: ActivityForm = {
  ...EMPTY_FORM,
  title: '节气美育',
  category: 'class',
  audience: 'children',
  description: '每次课讲一个节气',
  place: '党群服务中心2楼',
  capacity: '20',
  mode: 'weekly',
  date: '2026-11-28',
  startTime: '09:30',
  endTime: '11:00',
  weeks: '8',
}

describe('formOf', () => {
  test('a loaded weekly course is a weekly form with its 8 weeks and its registration times', () => {
    const f = formOf(COURSE_DETAIL)
    expect(f).toMatchObject({
      mode: 'weekly',
      date: '2026-11-28',
      startTime: '09:30',
      endTime: '11:00',
      weeks: '8',
      capacity: String(COURSE_DETAIL.capacity),
      confirmRequired: true,
      confirmWithinHours: '24',
    })
    expect(sessionsOf(f)).toEqual(COURSE_SESSIONS.map((s) => ({ startsAt: s.startsAt, endsAt: s.endsAt })))
    expect(f.times).toEqual({
      opensAt: COURSE_DETAIL.opensAt,
      closesAt: COURSE_DETAIL.closesAt,
      cancelDeadline: COURSE_DETAIL.cancelDeadline,
    })
  })
})

describe('validateActivity', () => {
  test('a filled form: no errors, and the body with 8 sessions and the usual registration times', () => {
    const { errors, body } = validateActivity(filled, false, NOW)
    expect(errors).toEqual({})
    expect(body.sessions).toHaveLength(8)
    expect(body).toMatchObject({ title: '节气美育', capacity: 20, confirmWithinHours: null })
    expect(Date.parse(body.closesAt)).toBeLessThan(Date.parse(body.sessions[0]!.startsAt))
  })

  test('an introduction longer than the limit stays in the box and is refused in words, never cut', () => {
    const description = '节'.repeat(LIMITS.activityDescription + 3)
    const { errors } = validateActivity({ ...filled, description }, false, NOW)
    expect(errors.description).toBe(`活动介绍请删减到 ${LIMITS.activityDescription} 字以内`)
    expect(validateActivity({ ...filled, description: description.slice(0, LIMITS.activityDescription) }, false, NOW).errors).toEqual({})
  })

  test('the limits come from contract/limits.ts', () => {
    const { errors } = validateActivity(
      {
        ...filled,
        title: '字'.repeat(LIMITS.activityTitle + 1),
        capacity: String(LIMITS.activityCapacity + 1),
        weeks: String(LIMITS.activitySessions + 1),
        minAge: String(LIMITS.age + 1),
      },
      false,
      NOW,
    )
    expect(errors).toMatchObject({
      title: `活动名称不能超过 ${LIMITS.activityTitle} 个字`,
      capacity: `名额不能超过 ${LIMITS.activityCapacity}`,
      weeks: `课程周数请填写 2 到 ${LIMITS.activitySessions} 之间的整数`,
      age: `年龄不能超过 ${LIMITS.age} 岁`,
    })
  })

  test('what is missing, field by field', () => {
    expect(Object.keys(validateActivity(EMPTY_FORM, false, NOW).errors).sort()).toEqual([
      'audience',
      'capacity',
      'category',
      'date',
      'description',
      'place',
      'title',
    ])
  })

  test('a start in the past is refused for a new activity, not when editing one', () => {
    const past = { ...filled, date: '2026-11-20' }
    expect(validateActivity(past, false, NOW).errors.sessions).toBe('活动开始时间已经过去，请重新选择日期和时间')
    expect(
      validateActivity(
        {
          ...past,
          times: { opensAt: '2026-11-01T00:00:00.000Z', closesAt: '2026-11-19T10:00:00.000Z', cancelDeadline: '2026-11-19T10:00:00.000Z' },
        },
        true,
        NOW,
      ).errors.sessions,
    ).toBeUndefined()
  })

  test('wholeNumber: empty, whole, not whole', () => {
    expect([wholeNumber(''), wholeNumber(' 12 '), wholeNumber('1.5')]).toEqual([null, 12, NaN])
  })
})

describe('saveErrors: a refusal goes next to the field the server names', () => {
  test('capacity → 名额, and said again above the button', () => {
    expect(saveErrors(new ApiError('ACTIVITY_FULL', '已有 4 人报名成功，名额不能少于 4', 409, 'capacity'))).toEqual({
      capacity: '已有 4 人报名成功，名额不能少于 4',
      form: '未能保存：已有 4 人报名成功，名额不能少于 4',
    })
  })

  test('minAge and maxAge → the one age field; a session’s own path → sessions', () => {
    expect(saveErrors(new ApiError('FIELD_INVALID', '最小年龄不能大于最大年龄', 400, 'maxAge')).age).toBe('最小年龄不能大于最大年龄')
    expect(saveErrors(new ApiError('FIELD_INVALID', '第 2 次课与第 1 次重叠', 400, 'sessions.1.startsAt')).sessions).toBe(
      '第 2 次课与第 1 次重叠',
    )
  })

  test('every field the server may name has a place on the form', () => {
    for (const path of [
      'title',
      'capacity',
      'sessions',
      'opensAt',
      'closesAt',
      'cancelDeadline',
      'minAge',
      'maxAge',
      'confirmWithinHours',
      'place',
      'description',
    ]) {
      const placed = saveErrors(new ApiError('FIELD_INVALID', 'x', 400, path))
      expect(Object.keys(placed).filter((k) => k !== 'form')).toHaveLength(1)
    }
  })

  test('no field (or one the form does not have): above the button only', () => {
    expect(saveErrors(new ApiError('FORBIDDEN', '只能修改本站的活动', 403))).toEqual({ form: '只能修改本站的活动' })
    expect(saveErrors(new ApiError('FIELD_INVALID', '不支持的字段', 400, 'colour'))).toEqual({ form: '不支持的字段' })
  })
})
