import { Input, Text, View } from '@tarojs/components'
import { Picker } from '@/components/Picker'
import { LIMITS } from '@contract/limits'
import { formatSessionTime } from '@domain/activities'
import { cstDate } from '@domain/chinaTime'
import { Field } from '@/components/Field'
import { OptionGroup } from '@/components/OptionGroup'
import { digitsOf, weekdayOf, type ScheduleMode } from '../form'
import type { ActivityEditState } from '../useActivityEdit'

const SCHEDULE_OPTIONS: { value: ScheduleMode; label: string }[] = [
  { value: 'single', label: '单次活动' },
  { value: 'weekly', label: '每周一次的课程' },
]

/** 活动时间: a single activity or a weekly course (date, times, weeks, and the sessions it makes). */
export function ScheduleCard({ s }: { s: ActivityEditState }) {
  const { form, errors, updateSchedule, sessions, id, taken } = s
  const today = cstDate(s.now)
  return (
    <View className='card activity-schedule'>
      <Text className='station-section__title'>活动时间</Text>
      {taken > 0 && <Text className='muted schedule-notice'>已有居民报名：修改时间后请电话或短信通知已报名的家庭。</Text>}
      <Field label='安排方式' error={form.mode === 'custom' ? undefined : errors.sessions}>
        <OptionGroup
          name='安排方式'
          options={SCHEDULE_OPTIONS}
          value={form.mode === 'custom' ? null : form.mode}
          onChange={(mode) => updateSchedule({ mode })}
        />
      </Field>
      {form.mode === 'custom' ? (
        <Field
          label={`现有安排（共 ${form.customSessions.length} 次）`}
          hint='这些时间不是每周固定一次。如需改动，请在上方选择安排方式后重新设置。'
          error={errors.sessions}
        >
          {form.customSessions.map((x, i) => (
            <Text key={x.startsAt} className='session-preview__item'>
              第 {i + 1} 次 · {formatSessionTime(new Date(x.startsAt), new Date(x.endsAt))}
            </Text>
          ))}
        </Field>
      ) : (
        <>
          <Field label={form.mode === 'weekly' ? '第一次课的日期' : '活动日期'} required error={errors.date}>
            <Picker
              className='schedule-date'
              mode='date'
              value={form.date || today}
              start={id ? undefined : today}
              onChange={(e) => updateSchedule({ date: String(e.detail.value) })}
            >
              <View
                className={`input picker-value${form.date ? '' : ' picker-value--empty'}`}
                ariaRole='button'
                ariaLabel={`活动日期：${form.date || '未选择'}，点按选择`}
              >
                {form.date ? `${form.date}（${weekdayOf(form.date)}）` : '点按选择日期'}
              </View>
            </Picker>
          </Field>
          <Field label='时间' required>
            <View className='datetime'>
              <View className='datetime__part'>
                <Text className='age-range__label'>开始</Text>
                <Picker
                  className='schedule-start'
                  mode='time'
                  value={form.startTime}
                  onChange={(e) => updateSchedule({ startTime: String(e.detail.value) })}
                >
                  <View className='input picker-value' ariaRole='button' ariaLabel={`开始时间：${form.startTime}，点按选择`}>
                    {form.startTime}
                  </View>
                </Picker>
              </View>
              <View className='datetime__part'>
                <Text className='age-range__label'>结束</Text>
                <Picker
                  className='schedule-end'
                  mode='time'
                  value={form.endTime}
                  onChange={(e) => updateSchedule({ endTime: String(e.detail.value) })}
                >
                  <View className='input picker-value' ariaRole='button' ariaLabel={`结束时间：${form.endTime}，点按选择`}>
                    {form.endTime}
                  </View>
                </Picker>
              </View>
            </View>
          </Field>
          {form.mode === 'weekly' && (
            <Field label='共几周（每周一次）' required hint={`2 到 ${LIMITS.activitySessions} 周`} error={errors.weeks}>
              <Input
                className='input schedule-weeks'
                type='number'
                value={form.weeks}
                maxlength={digitsOf(LIMITS.activitySessions)}
                onInput={(e) => updateSchedule({ weeks: e.detail.value })}
              />
            </Field>
          )}
          {form.mode === 'weekly' && sessions.length > 0 && (
            <View className='session-preview' ariaLabel='课程安排预览'>
              <Text className='field__label'>共 {sessions.length} 次课</Text>
              {sessions.map((x, i) => (
                <Text key={x.startsAt} className='session-preview__item'>
                  第 {i + 1} 次 · {formatSessionTime(new Date(x.startsAt), new Date(x.endsAt))}
                </Text>
              ))}
            </View>
          )}
        </>
      )}
    </View>
  )
}
