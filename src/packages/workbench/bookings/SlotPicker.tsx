import { Text, View } from '@tarojs/components'
import type { SlotDay, SlotState } from '@contract/types'
import { dayAvailability, dayLabel, slotIdOf, slotLabel } from '@domain/booking'
import { cstDate } from '@domain/chinaTime'
import './SlotPicker.scss'

/**
 * The free slots of the next days that have any, as chips: the station picks one (改期, 窗口登记), or
 * several (`selected`, the starts picked: 提议预约时间).
 */
export function SlotPicker({
  days,
  value,
  onChange,
  maxDays = 7,
  selected,
}: {
  days: readonly SlotDay[]
  value: SlotState | null
  onChange: (s: SlotState) => void
  maxDays?: number
  selected?: readonly string[]
}) {
  const isOn = (s: SlotState) => (selected ? selected.includes(s.startsAt) : !!value && slotIdOf(value) === slotIdOf(s))
  const today = cstDate(new Date())
  const open = days.filter((d) => dayAvailability(d).bookable).slice(0, maxDays)
  if (open.length === 0) return <Text className='muted slot-picker__none'>近期没有空余时段</Text>
  return (
    <View className='slot-picker'>
      {open.map((d) => {
        const { day, weekday } = dayLabel(d.date, today)
        return (
          <View key={d.date} className='reschedule__day'>
            <Text className='reschedule__date'>
              {day} {weekday}
            </Text>
            <View className='reschedule__slots' ariaRole={selected ? 'group' : 'radiogroup'} ariaLabel={`${day} 的空余时段`}>
              {d.slots
                .filter((s) => s.state === 'free')
                .map((s) => (
                  <View
                    key={slotIdOf(s)}
                    className={`chip reschedule__slot${isOn(s) ? ' chip--active' : ''}`}
                    onClick={() => onChange(s)}
                    ariaRole={selected ? 'checkbox' : 'radio'}
                    {...{ 'aria-checked': isOn(s) }}
                  >
                    {slotLabel(s)}
                    {s.worker ? ` ${s.worker.name}` : ''}
                  </View>
                ))}
            </View>
          </View>
        )
      })}
    </View>
  )
}
