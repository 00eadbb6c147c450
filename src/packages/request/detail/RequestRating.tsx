import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { RATING_OUTCOME_LABELS, RATING_OUTCOMES } from '@contract/ratings'
import type { HelpRequest } from '@contract/types'
import { formatCstDateTime } from '@domain/chinaTime'
import { RatingView } from '@/components/RatingView'

const OUTCOME_MARKS = { resolved: '✓', partly: '◐', unresolved: '✗' } as const
const rateUrl = (id: string, outcome?: string) => `/packages/rating/new/index?requestId=${id}${outcome ? `&outcome=${outcome}` : ''}`

/**
 * The rating part of a request's page: "问题解决了吗？" once the station has
 * resolved it (each answer opens the rating with it chosen); the rating given,
 * with 修改 for 7 days and the station's reply; after 未解决, that the station
 * carries on.
 */
export function RequestRating({ request: r }: { request: HelpRequest }) {
  if (r.ratingDue) {
    return (
      <View className='card rating-prompt' ariaRole='region' ariaLabel='服务评价'>
        <Text className='rating-prompt__title'>问题解决了吗？</Text>
        <Text className='muted rating-prompt__text'>社工已办结这条求助。告诉社工站结果和您的感受，帮助他们做得更好。</Text>
        <View className='rating-prompt__options'>
          {RATING_OUTCOMES.map((o) => (
            <Button
              key={o}
              className={`btn btn--main rating-prompt__option rating-prompt__option--${o}`}
              onClick={() => Taro.navigateTo({ url: rateUrl(r.id, o) })}
            >
              {OUTCOME_MARKS[o]} {RATING_OUTCOME_LABELS[o]}
            </Button>
          ))}
        </View>
      </View>
    )
  }
  const rating = r.rating
  if (!rating) return null

  if (rating.outcome === 'unresolved' && r.status !== 'resolved' && r.status !== 'cancelled') {
    return (
      <View className='card rating-given rating-given--reopened'>
        <Text className='station-section__title'>我的评价</Text>
        <View className='notice-line rating-reopened' ariaRole='status'>
          您反馈问题未解决，社工会继续处理
        </View>
        <RatingView rating={rating} />
      </View>
    )
  }
  if (r.status !== 'resolved') return null

  const editable = Date.now() < new Date(rating.editableUntil).getTime()
  return (
    <View className='card rating-given'>
      <Text className='station-section__title'>我的评价</Text>
      <RatingView rating={rating}>
        {editable && (
          <View className='rating-given__edit'>
            <Text className='muted'>{formatCstDateTime(new Date(rating.editableUntil))} 前可以修改</Text>
            <Button className='btn btn-edit-rating' onClick={() => Taro.navigateTo({ url: rateUrl(r.id) })} ariaLabel='修改我的评价'>
              修改
            </Button>
          </View>
        )}
      </RatingView>
    </View>
  )
}

export default RequestRating
