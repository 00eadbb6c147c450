import Taro from '@tarojs/taro'
import { Button, Switch, Text, View } from '@tarojs/components'
import { LIMITS } from '@contract/limits'
import { RATING_EDIT_DAYS, RATING_OUTCOME_LABELS, RATING_OUTCOMES, RATING_TAGS, STAR_LABELS, type RatingSubject } from '@contract/ratings'
import { formatCstDateTime } from '@domain/chinaTime'
import { EmptyState, ErrorState, Loading } from '@/components/StateView'
import { LoginGate } from '@/components/LoginGate'
import { Field } from '@/components/Field'
import { OptionGroup } from '@/components/OptionGroup'
import { TextBox } from '@/components/TextBox'
import { usePageClass } from '@/stores/elder'
import { busyProps } from '@/utils/busy'
import { useRatingForm } from './useRatingForm'
import './index.scss'

/** Where each subject's rating returns to, and what the button says. */
const BACK: Record<RatingSubject, { url: (id: string) => string; label: string }> = {
  request: { url: (id) => `/packages/request/detail/index?id=${id}`, label: '返回求助详情' },
  enrollment: { url: () => '/packages/activity/mine/index', label: '返回我的报名' },
  booking: { url: () => '/packages/booking/mine/index', label: '返回我的预约' },
}
const KIND: Record<RatingSubject, string> = { request: '评价求助服务', enrollment: '评价活动', booking: '评价预约服务' }
const SATISFIED: Record<RatingSubject, string> = {
  request: '对社工的服务满意吗？',
  enrollment: '对这次活动满意吗？',
  booking: '对这次服务满意吗？',
}

/** Back to where the resident came from (the request, 我的报名 or 我的预约), or there when opened directly. */
function goBack(subject: RatingSubject, id: string) {
  const url = BACK[subject].url(id)
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack().catch(() => Taro.redirectTo({ url }))
  else void Taro.redirectTo({ url })
}

/**
 * 服务评价: rate a resolved help request (?requestId=), an attended activity (?enrollmentId=) or an attended booking
 * (?bookingId=), or change the rating within 7 days.
 */
export default function RateService() {
  const pageClass = usePageClass('page-rating')
  const f = useRatingForm()
  const { draft: d, errors: e } = f

  if (!f.token) {
    return (
      <View className={pageClass}>
        <LoginGate reason='登录后可以评价您的求助、参加过的活动和预约服务' />
      </View>
    )
  }
  if (f.load.status === 'loading')
    return (
      <View className={pageClass}>
        <Loading />
      </View>
    )
  if (f.load.status === 'error')
    return (
      <View className={pageClass}>
        <ErrorState message={f.load.message} onRetry={() => void f.reload()} />
      </View>
    )
  const t = f.load.target

  if (f.result) {
    const r = f.result
    return (
      <View className={pageClass}>
        <View className='card rating-result' ariaRole='status'>
          {r.reopened ? (
            <>
              <Text className='rating-result__title'>已收到，社工会继续处理</Text>
              <Text className='rating-result__text'>
                您反馈问题未解决，这条求助已回到「{r.stationName}」的待办事项，您写的情况也一并转给了社工。社工会尽快联系您。
              </Text>
            </>
          ) : (
            <>
              <Text className='rating-result__title'>{r.edited ? '评价已修改' : '感谢您的评价'}</Text>
              <Text className='rating-result__text'>您的意见会帮助「{r.stationName}」改进服务。</Text>
              {r.editableUntil && (
                <Text className='muted rating-result__until'>{formatCstDateTime(new Date(r.editableUntil))} 前还可以修改</Text>
              )}
            </>
          )}
          <Button className='btn btn--primary btn--main btn-rating-done' onClick={() => goBack(f.subject, f.id)}>
            {BACK[f.subject].label}
          </Button>
        </View>
      </View>
    )
  }

  const head = (
    <View className='card rating-target'>
      <Text className='rating-target__kind'>{KIND[t.subject]}</Text>
      <Text className='rating-target__title'>{t.title}</Text>
      <Text className='muted rating-target__detail'>{t.detail}</Text>
    </View>
  )

  if (t.refusal) {
    return (
      <View className={pageClass}>
        {head}
        <EmptyState text={t.refusal}>
          <Button className='btn btn--main btn-rating-back' onClick={() => goBack(f.subject, f.id)}>
            返回
          </Button>
        </EmptyState>
      </View>
    )
  }

  const tags = RATING_TAGS[t.subject]
  const unresolved = t.subject === 'request' && d.outcome === 'unresolved'
  return (
    <View className={pageClass}>
      {head}
      {t.editing && (
        <Text className='notice rating-editing'>
          正在修改 {formatCstDateTime(new Date(t.editing.createdAt))} 的评价；{formatCstDateTime(new Date(t.editing.editableUntil))}{' '}
          前可以修改。
        </Text>
      )}

      <View className='card rating-form'>
        {t.subject === 'request' && (
          <Field label='问题解决了吗？' required error={e.outcome}>
            <View className='rating-outcome'>
              <OptionGroup
                name='问题解决了吗'
                columns={1}
                // The words only: the chosen one gets OptionGroup's ✓ (a ✓ of its own said 「✓ ✓ 已解决」).
                options={RATING_OUTCOMES.map((o) => ({ value: o, label: RATING_OUTCOME_LABELS[o] }))}
                value={d.outcome}
                onChange={(outcome) => f.update({ outcome })}
              />
            </View>
          </Field>
        )}

        <Field label={SATISFIED[t.subject]} required error={e.stars}>
          <View className='rating-stars' ariaRole='radiogroup' ariaLabel='满意度'>
            {STAR_LABELS.map((label, i) => {
              const n = i + 1
              return (
                <View
                  key={n}
                  className={`rating-star${n <= d.stars ? ' rating-star--on' : ''}`}
                  onClick={() => f.update({ stars: n })}
                  ariaRole='radio'
                  ariaLabel={`${n} 星 ${label}`}
                  {...{ 'aria-checked': d.stars === n }}
                >
                  {n <= d.stars ? '★' : '☆'}
                </View>
              )
            })}
          </View>
          <Text className='rating-stars__label'>
            {d.stars ? `${d.stars} 星 · ${STAR_LABELS[d.stars - 1]}` : '点星星打分：1 星很不满意，5 星非常满意'}
          </Text>
        </Field>

        <Field label='您的感受（可多选，选填）'>
          <View className='rating-tags' ariaRole='group' ariaLabel='评价标签'>
            {tags.map((tag) => {
              const on = d.tags.includes(tag)
              return (
                <View
                  key={tag}
                  className={`chip rating-tag${on ? ' chip--active' : ''}`}
                  onClick={() => f.toggleTag(tag)}
                  ariaRole='checkbox'
                  ariaLabel={tag}
                  {...{ 'aria-checked': on }}
                >
                  {on ? '✓ ' : ''}
                  {tag}
                </View>
              )
            })}
          </View>
        </Field>

        <Field
          label={unresolved ? '还有什么没有解决？（选填）' : '想对社工站说的话（选填）'}
          hint={unresolved ? '社工会看到这段话，写清楚能帮社工更快处理' : '可以用输入法的语音输入说出来'}
          error={e.comment}
        >
          <TextBox
            className='rating-comment'
            value={d.comment}
            max={LIMITS.ratingComment}
            placeholder={unresolved ? '例如：材料已经交了，但还没有收到审核结果' : '例如：社工很耐心，帮我把材料一次备齐了'}
            ariaLabel='评价内容'
            onChange={(comment) => f.update({ comment })}
          />
        </Field>

        <View className='switch-row'>
          <View className='switch-row__text'>
            <Text className='field__label'>对社工站匿名</Text>
            <Text className='field__hint'>
              工作人员看得到评价内容，看不到您的姓名
              {t.subject !== 'request'
                ? '。'
                : unresolved
                  ? '。选择“未解决”时求助要回到社工站继续处理，社工会知道是哪条求助。'
                  : '，也看不到是哪条求助。'}
            </Text>
          </View>
          <Switch
            className='rating-anonymous'
            checked={d.anonymous}
            color='#0a7d5a'
            ariaLabel='对社工站匿名'
            onChange={(ev) => f.update({ anonymous: ev.detail.value })}
          />
        </View>

        <View className='switch-row'>
          <View className='switch-row__text'>
            <Text className='field__label'>允许公开展示评价内容（不显示姓名）</Text>
            <Text className='field__hint'>打开后，您写的内容经审核可以显示在社工站页面上，帮助其他居民了解服务；不会显示您的姓名。</Text>
          </View>
          <Switch
            className='rating-public'
            checked={d.commentPublic}
            color='#0a7d5a'
            ariaLabel='允许公开展示评价内容（不显示姓名）'
            onChange={(ev) => f.update({ commentPublic: ev.detail.value })}
          />
        </View>

        {unresolved && (
          <View className='notice notice--warn rating-reopen-note' ariaRole='note'>
            提交后，这条求助会回到「{t.stationName}」的待办事项，社工会继续处理；您填写的内容会附在求助里一并转给社工。
          </View>
        )}

        {e.form && (
          <View className='field__error form-error rating-form-error' ariaRole='alert'>
            {e.form}
          </View>
        )}

        <Button className='btn btn--primary btn--main btn-submit-rating' {...busyProps(f.submitting)} onClick={() => void f.submit()}>
          {unresolved ? '提交，请社工继续处理' : t.editing ? '保存修改' : '提交评价'}
        </Button>
        <Text className='muted rating-form__saved'>填写内容会自动保存；提交后 {RATING_EDIT_DAYS} 天内可以修改。</Text>
      </View>
    </View>
  )
}
