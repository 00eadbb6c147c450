import { View } from '@tarojs/components'
import type { RequestClock, RequestClocks } from '@contract/types'
import { Chip, type ChipTone } from '@/components/Chip'
import './ResponseClocks.scss'

const tone = (c: RequestClock): ChipTone => (c.overdue ? 'danger' : c.done ? 'muted' : 'normal')

/**
 * A request's two clocks as chips in words: 「受理：剩 2 小时」 or 「受理：已超时
 * 3 小时」 (red), then 「办结：剩 3 个工作日」; once stopped, 「受理：按时」.
 */
export function ResponseClocks({ clocks, block }: { clocks: RequestClocks; block: string }) {
  if (!clocks) return null
  return (
    <View className={`response-clocks ${block}__clocks`}>
      {[clocks.acceptance, clocks.resolution].map((c) => (
        <Chip key={c.kind} tone={tone(c)} filled={c.overdue && !c.done} className={`response-clock response-clock--${c.kind}`}>
          {c.text}
        </Chip>
      ))}
    </View>
  )
}
