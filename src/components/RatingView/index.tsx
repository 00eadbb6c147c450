import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { RATING_OUTCOME_LABELS } from '@contract/ratings'
import type { Rating, RatingReply } from '@contract/types'
import { formatCstDateTime } from '@domain/chinaTime'
import { Stars } from '@/components/Stars'
import './index.scss'

/** The station's answer to a rating, under it. */
export function RatingReplyView({ reply }: { reply: RatingReply }) {
  return (
    <View className='rating-reply'>
      <Text className='rating-reply__who'>{reply.stationName}回复：</Text>
      <Text className='rating-reply__body'>{reply.body}</Text>
      <Text className='rating-reply__time'>{formatCstDateTime(new Date(reply.createdAt))}</Text>
    </View>
  )
}

/** What the public sees of a comment the resident allowed to be shown. */
function publicText(r: Rating): string {
  if (!r.commentPublic) return '仅社工站可见'
  if (r.commentReview === 'pass') return '已在社工站页面公开展示（不显示姓名）'
  if (r.commentReview === 'review') return '同意公开展示，社工站审核后显示（不显示姓名）'
  return '内容未通过审核，不公开展示'
}

/** A resident's own rating, as they gave it, with the station's reply (if any); `children` for its actions (修改). */
export function RatingView({ rating: r, children }: { rating: Rating; children?: ReactNode }) {
  return (
    <View className='rating-view'>
      <View className='rating-view__head'>
        <Stars stars={r.stars} words className='rating-view__stars' />
        {r.outcome && <Text className={`rating-view__outcome rating-view__outcome--${r.outcome}`}>{RATING_OUTCOME_LABELS[r.outcome]}</Text>}
      </View>
      {r.tags.length > 0 && (
        <View className='rating-view__tags'>
          {r.tags.map((t) => (
            <Text key={t} className='tag'>
              {t}
            </Text>
          ))}
        </View>
      )}
      {r.comment ? <Text className='rating-view__comment'>{r.comment}</Text> : null}
      <Text className='muted rating-view__meta'>
        {formatCstDateTime(new Date(r.updatedAt))} 评价 · {r.anonymous ? '对社工站匿名' : '社工站可见您的姓名'} ·{' '}
        {r.comment ? publicText(r) : '没有文字内容'}
      </Text>
      {r.reply && <RatingReplyView reply={r.reply} />}
      {children}
    </View>
  )
}

export default RatingView
