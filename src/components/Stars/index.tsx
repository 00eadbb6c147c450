import { Text, View } from '@tarojs/components'
import { STAR_LABELS } from '@contract/ratings'
import './index.scss'

/** "★★★★☆" for 1–5 stars (an average is rounded to whole stars for the picture only). */
export const starsText = (stars: number) => {
  const n = Math.max(0, Math.min(5, Math.round(stars)))
  return '★'.repeat(n) + '☆'.repeat(5 - n)
}

/** "4 星 满意": how a rating is said, to screen readers and in words next to the stars. */
export const starsLabel = (stars: number) => `${stars} 星 ${STAR_LABELS[stars - 1] ?? ''}`.trim()

export interface StarsProps {
  stars: number
  /** What a screen reader says instead of "4 星 满意" (e.g. for an average). */
  label?: string
  /** Show the words (满意…) after the stars. */
  words?: boolean
  className?: string
}

/** Stars said in words as well as shown: the picture is hidden from screen readers, the label is not. */
export function Stars({ stars, label, words = false, className = '' }: StarsProps) {
  const text = label ?? starsLabel(stars)
  return (
    <View className={`stars ${className}`} ariaRole='img' ariaLabel={text}>
      <Text className='stars__icons' {...{ 'aria-hidden': true }}>
        {starsText(stars)}
      </Text>
      {words && (
        <Text className='stars__words' {...{ 'aria-hidden': true }}>
          {STAR_LABELS[Math.round(stars) - 1] ?? ''}
        </Text>
      )}
    </View>
  )
}

export default Stars
