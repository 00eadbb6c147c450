import { Text } from '@tarojs/components'
import { keepTogether } from '@/utils/keepTogether'

/** Text whose times, dates and time ranges never break inside (`.nowrap` runs); the rest wraps as usual. */
export function NoBreak({ text, className }: { text: string; className?: string }) {
  return (
    <Text className={className}>
      {keepTogether(text).map((p, i) =>
        p.whole ? (
          <Text key={i} className='nowrap'>
            {p.text}
          </Text>
        ) : (
          p.text
        ),
      )}
    </Text>
  )
}

export default NoBreak
