import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import type { Booking } from '@contract/types'
import { formatCstDateTime } from '@domain/chinaTime'
import { RatingView } from '@/components/RatingView'

const rate = (bookingId: string) => Taro.navigateTo({ url: `/packages/rating/new/index?bookingId=${bookingId}` })

/** An attended booking invites a rating (「评价这次服务」); once rated, the rating, changeable for 7 days. */
export function BookingRating({ b }: { b: Booking }) {
  if (b.ratingDue) {
    return (
      <View className='booking__rate'>
        <Text className='muted'>这次服务怎么样？您的评价会帮助社工站把服务做得更好。</Text>
        <Button className='btn btn--primary btn-rate-booking' onClick={() => rate(b.id)} ariaLabel={`评价这次服务：${b.service.name}`}>
          评价这次服务
        </Button>
      </View>
    )
  }
  if (!b.rating) return null
  const until = b.rating.editableUntil
  return (
    <View className='booking__rating'>
      <Text className='booking__rating-title'>我的评价</Text>
      <RatingView rating={b.rating}>
        {Date.now() < new Date(until).getTime() && (
          <View className='booking__rating-edit'>
            <Text className='muted'>{formatCstDateTime(new Date(until))} 前可以修改</Text>
            <Button className='btn btn-edit-rating' onClick={() => rate(b.id)} ariaLabel={`修改评价：${b.service.name}`}>
              修改
            </Button>
          </View>
        )}
      </RatingView>
    </View>
  )
}
