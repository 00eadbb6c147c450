import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, ScrollView, Text, View } from '@tarojs/components'
import { LIMITS } from '@contract/limits'
import { RATING_OUTCOME_LABELS, RATING_SUBJECT_LABELS } from '@contract/ratings'
import type { StaffRating, StaffRatingsQuery } from '@contract/types'
import { formatCstDateTime } from '@domain/chinaTime'
import { fetchStaffRatings, replyToRating, reviewRatingComment } from '@/api/ratings'
// StateView's styles before the rating components' (the order the other pages load them in).
import { EmptyState, ErrorState, Loading } from '@/components/StateView'
import { Chip } from '@/components/Chip'
import { Field } from '@/components/Field'
import { RatingReplyView } from '@/components/RatingView'
import { Stars } from '@/components/Stars'
import { TextBox } from '@/components/TextBox'
import { usePageClass } from '@/stores/elder'
import { useStaffSession } from '@/stores/staffSession'
import { alertError, describeError } from '@/services/errors'
import { busyProps } from '@/utils/busy'
import { SideBySide } from '../components/SideBySide'
import { useStaffQuery } from '../useStaffQuery'
import { useWide } from '../useWide'
import './index.scss'
import '../workbench.scss'

const RATING_FILTERS: { label: string; query: StaffRatingsQuery }[] = [
  { label: '全部', query: {} },
  { label: '差评', query: { low: true } },
  { label: '未回复', query: { unreplied: true } },
  { label: '求助', query: { subject: 'request' } },
  { label: '活动', query: { subject: 'enrollment' } },
  { label: '预约', query: { subject: 'booking' } },
]

function publicLine(r: StaffRating): string {
  if (!r.comment) return '只打了分，没有文字内容'
  if (!r.commentPublic) return '居民未同意公开，仅工作人员可见'
  if (r.commentReview === 'pass') return '已公开展示在本站页面（不显示姓名）'
  if (r.commentReview === 'review') return '居民同意公开，内容需要审核后才会展示'
  return '未通过审核，不公开展示'
}

/**
 * One rating: what the resident said, who (unless anonymous), the reply or a form to write it, and (its own station
 * only) the review of a public comment. In the list beside the chosen rating (a desktop), `onSelect`: what was said and
 * whether it is answered, the rest beside it.
 */
function RatingItem({
  r,
  showStation,
  ownStation,
  onChange,
  onSelect,
  selected = false,
}: {
  r: StaffRating
  showStation: boolean
  ownStation: boolean
  onChange: (next: StaffRating) => void
  onSelect?: () => void
  selected?: boolean
}) {
  const [text, setText] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState<'reply' | 'approve' | 'reject' | null>(null)

  const reply = async () => {
    if (busy) return
    const body = text.trim()
    if (!body) {
      setError('请填写回复内容')
      return
    }
    if (body.length > LIMITS.ratingReply) {
      setError(`请删减到 ${LIMITS.ratingReply} 字以内`)
      return
    }
    setBusy('reply')
    try {
      onChange(await replyToRating(r.id, body))
      setText('')
      setError(null)
      void Taro.showToast({ title: '已回复', icon: 'success' })
    } catch (err) {
      setError(describeError(err).message) // the text stays in the box
    } finally {
      setBusy(null)
    }
  }

  const review = async (approve: boolean) => {
    if (busy) return
    if (!approve) {
      const { confirm } = await Taro.showModal({
        title: '不公开这条评价',
        content: '不通过后，这条评价内容不会在本站页面展示（本站仍可查看和回复）。',
        confirmText: '不公开',
        cancelText: '再想想',
      })
      if (!confirm) return
    }
    setBusy(approve ? 'approve' : 'reject')
    try {
      onChange(await reviewRatingComment(r.id, approve))
      void Taro.showToast({ title: approve ? '已公开展示' : '已设为不公开', icon: 'none' })
    } catch (err) {
      alertError('操作未成功', err)
    } finally {
      setBusy(null)
    }
  }

  const who = r.anonymous ? '匿名' : (r.residentName ?? '居民')
  return (
    <View
      className={`card staff-rating${r.low ? ' staff-rating--low' : ''}${onSelect ? ' staff-rating--item' : ''}${
        selected ? ' wb-split__selected' : ''
      }`}
      onClick={onSelect}
      ariaRole={onSelect ? 'link' : undefined}
    >
      <View className='staff-rating__head'>
        <Stars stars={r.stars} words />
        {r.low && (
          <Chip tone='danger' filled className='staff-rating__low'>
            ⚠ 差评
          </Chip>
        )}
      </View>
      <Text className='staff-rating__subject'>
        {RATING_SUBJECT_LABELS[r.subject]} · {r.subjectLabel}
        {showStation ? ` · ${r.station.name}` : ''}
      </Text>
      {r.outcome && (
        <Text className={`staff-rating__outcome staff-rating__outcome--${r.outcome}`}>
          问题解决了吗：{RATING_OUTCOME_LABELS[r.outcome]}
        </Text>
      )}
      {r.tags.length > 0 && (
        <View className='staff-rating__tags'>
          {r.tags.map((t) => (
            <Text key={t} className='tag'>
              {t}
            </Text>
          ))}
        </View>
      )}
      {r.comment ? <Text className='staff-rating__comment'>{r.comment}</Text> : null}
      <View className='staff-rating__who'>
        <Text className={r.anonymous ? 'staff-rating__anonymous' : 'staff-rating__resident'}>{who}</Text>
        <Text className='muted'>
          {' '}
          · {formatCstDateTime(new Date(r.createdAt))}
          {r.updatedAt !== r.createdAt ? '（已修改）' : ''}
        </Text>
      </View>
      {onSelect && (
        <Text className={`staff-rating__state${r.reply ? '' : ' staff-rating__state--open'}`}>
          {r.reply ? '已回复' : r.canReply ? '待回复' : `尚未回复（由${r.station.name}回复）`}
        </Text>
      )}
      {!onSelect && !r.anonymous && r.requestId && (
        <View
          className='staff-rating__request'
          ariaRole='link'
          onClick={() => Taro.navigateTo({ url: `/packages/workbench/request/index?id=${r.requestId}` })}
        >
          查看求助{r.requestNumber ? ` ${r.requestNumber}` : ''} ›
        </View>
      )}
      {!onSelect && <Text className='muted staff-rating__public'>{publicLine(r)}</Text>}
      {!onSelect && r.comment && r.commentPublic && r.commentReview === 'review' && ownStation && (
        <View className='btn-row staff-rating__review'>
          <Button
            className='btn btn-approve-comment'
            {...busyProps(busy === 'approve')}
            onClick={() => void review(true)}
            ariaLabel={`通过审核并公开：${who}的评价`}
          >
            通过，公开展示
          </Button>
          <Button
            className='btn btn-reject-comment'
            {...busyProps(busy === 'reject')}
            onClick={() => void review(false)}
            ariaLabel={`不通过：${who}的评价`}
          >
            不公开
          </Button>
        </View>
      )}

      {onSelect ? null : r.reply ? (
        <RatingReplyView reply={r.reply} />
      ) : r.canReply ? (
        <View className='staff-rating__reply-form'>
          <Field
            label='回复居民'
            hint={`居民会看到回复；公开展示的评价，回复也一起公开。每条评价只能回复一次（${LIMITS.ratingReply} 字以内）。`}
            error={error}
          >
            <TextBox
              className='staff-rating-reply'
              value={text}
              max={LIMITS.ratingReply}
              placeholder={r.low ? '例如：很抱歉给您添麻烦了，我们已安排社工再次联系您' : '例如：感谢您的认可，欢迎常来站里'}
              ariaLabel={`回复${who}的评价`}
              onChange={setText}
            />
          </Field>
          <Button className='btn btn--primary btn-reply-rating' {...busyProps(busy === 'reply')} onClick={() => void reply()}>
            回复
          </Button>
        </View>
      ) : (
        <Text className='muted staff-rating__unreplied'>尚未回复（由{r.station.name}回复）</Text>
      )}
    </View>
  )
}

/**
 * 居民评价 in the workbench: every rating of the station (or of a station picked in the report), filters, replies and
 * reviews. On a desktop the list and the chosen rating (its reply and review) side by side.
 */
export default function StaffRatings() {
  const pageClass = usePageClass('page-staff-ratings')
  const { params } = useRouter()
  const stationId = params.stationId || undefined
  const token = useStaffSession((s) => s.token)
  const me = useStaffSession((s) => s.me)
  const scope = me?.scope ?? []
  const stationName = stationId ? (scope.find((s) => s.id === stationId)?.name ?? '所选站点') : null
  const scopeSize = scope.length
  const [filter, setFilter] = useState(0)
  const query: StaffRatingsQuery = { ...RATING_FILTERS[filter]!.query, ...(stationId ? { stationId } : {}) }
  const ratings = useStaffQuery(['staffRatings', query], () => fetchStaffRatings(query))
  const wide = useWide()
  const [selected, setSelected] = useState<string | null>(null)

  if (!token) return <View className={pageClass} />
  const list = ratings.data
  const replace = (next: StaffRating) =>
    ratings.setData((l) => {
      const answered = next.low && !!next.reply && !l.items.find((x) => x.id === next.id)?.reply
      return {
        ...l,
        items: l.items.map((x) => (x.id === next.id ? next : x)),
        lowUnreplied: answered ? Math.max(0, l.lowUnreplied - 1) : l.lowUnreplied,
      }
    })
  const showStation = !!stationId || scopeSize > 1
  const chosen = wide ? list?.items.find((r) => r.id === selected) : undefined
  const item = (r: StaffRating, more: { onSelect?: () => void; selected?: boolean } = {}) => (
    <RatingItem key={r.id} r={r} showStation={showStation} ownStation={r.station.id === me?.station.id} onChange={replace} {...more} />
  )
  const column = (
    <View>
      <View className='card'>
        <Text className='staff-ratings__title'>{stationName ? `${stationName}的居民评价` : '居民评价'}</Text>
        <Text className='muted'>差评（2 星及以下，或反馈“未解决”）请站长优先查看并回复。</Text>
        {list && list.lowUnreplied > 0 && (
          <View className='staff-ratings__alert' ariaRole='status'>
            ⚠ 有 {list.lowUnreplied} 条差评还没有回复
          </View>
        )}
      </View>
      <View ariaRole='radiogroup' ariaLabel='筛选评价'>
        <ScrollView scrollX className='chip-row'>
          {RATING_FILTERS.map((f, i) => (
            <View
              key={f.label}
              className={`chip rating-filter${i === filter ? ' chip--active' : ''}`}
              onClick={() => setFilter(i)}
              ariaRole='radio'
              {...{ 'aria-checked': i === filter }}
            >
              {i === filter ? '✓ ' : ''}
              {f.label}
            </View>
          ))}
        </ScrollView>
      </View>
      {ratings.status === 'error' && <ErrorState message={ratings.error.message} onRetry={ratings.reload} />}
      {ratings.status === 'loading' && !list && <Loading />}
      {ratings.status === 'ok' && ratings.data.items.length === 0 && <EmptyState text='没有符合条件的评价' />}
      <View className={wide ? '' : 'wb-grid'}>
        {list?.items.map((r) => item(r, wide ? { onSelect: () => setSelected(r.id), selected: r.id === selected } : {}))}
      </View>
    </View>
  )
  if (!wide) return <View className={pageClass}>{column}</View>
  return (
    <View className={`${pageClass} wb-split-page`}>
      <SideBySide list={column} detail={chosen && item(chosen)} hint='点按左边的评价查看全文、回复或审核' />
    </View>
  )
}
