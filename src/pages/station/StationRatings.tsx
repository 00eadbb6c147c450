import { Button, Text, View } from '@tarojs/components'
import { PUBLIC_RATINGS_MIN, RATING_SUBJECT_LABELS } from '@contract/ratings'
import { formatShare, roundStars } from '@domain/ratings'
import { fetchStationRatings } from '@/api/ratings'
import { RatingReplyView } from '@/components/RatingView'
import { Stars } from '@/components/Stars'
import { useQuery } from '@/hooks/useQuery'
import { formatCstLongDate } from '@domain/chinaTime'

/**
 * 居民评价: the station's average, distribution and 已解决 share (only once
 * there are enough ratings that no one can be picked out), and recent public
 * comments with the station's replies. Loaded after the station, and a
 * failure here leaves the rest of the page alone.
 */
export function StationRatings({ stationId }: { stationId: string }) {
  const ratings = useQuery(['stationRatings', stationId], () => fetchStationRatings(stationId))
  const d = ratings.status === 'ok' ? ratings.data : null
  return (
    <View className='station-ratings'>
      <Text className='section-title'>居民评价{d && d.count > 0 ? `（${d.count}）` : ''}</Text>
      {ratings.status === 'loading' && <Text className='muted station-activities__note'>正在加载居民评价…</Text>}
      {ratings.status === 'error' && (
        <View className='station-activities__note'>
          <Text className='muted'>居民评价暂时没有加载出来：{ratings.error.message}</Text>
          <Button className='btn btn--text btn-retry-ratings' onClick={ratings.reload}>
            重试
          </Button>
        </View>
      )}
      {d && (
        <View className='card station-ratings__summary'>
          {d.summary ? (
            <>
              <View className='ratings-average'>
                <Text className='ratings-average__value'>{roundStars(d.summary.average).toFixed(1)}</Text>
                <View className='ratings-average__side'>
                  <Stars stars={d.summary.average} label={`平均 ${roundStars(d.summary.average).toFixed(1)} 星`} />
                  <Text className='muted ratings-average__count'>共 {d.count} 条评价</Text>
                </View>
              </View>
              <View className='ratings-bars' ariaLabel='各星级的评价条数'>
                {[5, 4, 3, 2, 1].map((star) => {
                  const n = d.summary!.distribution[star - 1] ?? 0
                  const pct = d.count > 0 ? Math.round((n / d.count) * 100) : 0
                  return (
                    <View key={star} className='ratings-bar' ariaLabel={`${star} 星 ${n} 条`}>
                      <Text className='ratings-bar__label'>{star} 星</Text>
                      <View className='ratings-bar__track'>
                        <View className='ratings-bar__fill' style={{ width: `${pct}%` }} />
                      </View>
                      <Text className='ratings-bar__count'>{n}</Text>
                    </View>
                  )
                })}
              </View>
              {d.summary.resolvedShare !== null && (
                <Text className='ratings-resolved'>求助评价中 {formatShare(d.summary.resolvedShare)} 表示问题“已解决”</Text>
              )}
            </>
          ) : (
            <Text className='ratings-few'>
              {d.count === 0 ? '还没有居民评价。' : ''}评价满 {d.minimum || PUBLIC_RATINGS_MIN} 条后显示统计
              {d.count > 0 ? `（目前 ${d.count} 条）` : ''}
            </Text>
          )}
        </View>
      )}
      {d && d.comments.length > 0 && (
        <View className='station-ratings__comments'>
          {d.comments.map((c) => (
            <View key={c.id} className='card rating-comment-card'>
              <View className='rating-comment-card__head'>
                <Stars stars={c.stars} words />
                <Text className='muted'>{formatCstLongDate(new Date(c.createdAt))}</Text>
              </View>
              <Text className='muted rating-comment-card__subject'>
                {RATING_SUBJECT_LABELS[c.subject]} · {c.subjectLabel}
              </Text>
              {c.tags.length > 0 && (
                <View>
                  {c.tags.map((t) => (
                    <Text key={t} className='tag'>
                      {t}
                    </Text>
                  ))}
                </View>
              )}
              <Text className='rating-comment-card__text'>{c.comment}</Text>
              {c.reply && <RatingReplyView reply={c.reply} />}
            </View>
          ))}
          <Text className='muted station-activities__note'>评价内容经居民同意后公开，不显示姓名。</Text>
        </View>
      )}
      {d && d.comments.length === 0 && d.count > 0 && <Text className='muted station-activities__note'>还没有公开的评价内容</Text>}
    </View>
  )
}

export default StationRatings
