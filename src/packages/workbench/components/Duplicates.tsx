import { Text, View } from '@tarojs/components'
import { REQUEST_STATUS_LABELS } from '@contract/requests'
import type { DuplicateRef, RelatedRef } from '@contract/types'
import { formatCstDateTime } from '@domain/chinaTime'
import { DUPLICATES_LISTED } from '@domain/duplicates'
import { Chip } from '@/components/Chip'
import { NoBreak } from '@/components/NoBreak'

const REASON_WORDS: Record<DuplicateRef['reasons'][number], string> = { phone: '同一联系电话', helped: '同一被帮助人' }

/** 「同一联系电话、同一被帮助人」: why two requests look like one, in words. */
export const duplicateReasons = (d: Pick<DuplicateRef, 'reasons'>) => d.reasons.map((r) => REASON_WORDS[r]).join('、')

/** A request number that opens that request (a link in words; the tap stays off the card around it). */
export function RequestLink({ number, onOpen, className = '' }: { number: string; onOpen: () => void; className?: string }) {
  return (
    <View
      className={`request-link ${className}`}
      ariaRole='link'
      onClick={(e) => {
        e.stopPropagation()
        onOpen()
      }}
    >
      {number}
    </View>
  )
}

/** In a queue card: 「可能重复」 as a chip in words, then the other requests' numbers as links and why. */
export function DuplicateFlag({ duplicates, onOpen }: { duplicates: DuplicateRef[]; onOpen: (id: string) => void }) {
  if (duplicates.length === 0) return null
  return (
    <View className='duplicate-flag'>
      <Chip tone='warn' filled className='duplicate-flag__chip'>
        可能重复
      </Chip>
      <View className='duplicate-flag__list'>
        {duplicates.slice(0, 3).map((d) => (
          <View key={d.id} className='duplicate-flag__item'>
            <RequestLink number={d.number} onOpen={() => onOpen(d.id)} className='duplicate-flag__link' />
            <Text className='duplicate-flag__why'>{duplicateReasons(d)}</Text>
          </View>
        ))}
        {duplicates.length > 3 && (
          <Text className='muted'>
            {duplicates.length >= DUPLICATES_LISTED.queue ? '至少' : ''}还有 {duplicates.length - 3} 条
          </Text>
        )}
      </View>
    </View>
  )
}

/** Why, where and when, in one line that never breaks inside the date or time. */
export function DuplicateMeta({ duplicate: d }: { duplicate: DuplicateRef }) {
  return (
    <NoBreak
      className='duplicates-card__meta'
      text={`${duplicateReasons(d)} · ${d.stationName} · ${formatCstDateTime(new Date(d.createdAt))}`}
    />
  )
}

/** On the request page: each possible duplicate with why, where, when and its status. */
export function DuplicatesCard({ duplicates, onOpen }: { duplicates: DuplicateRef[]; onOpen: (id: string) => void }) {
  if (duplicates.length === 0) return null
  return (
    <View className='card duplicates-card'>
      <View className='duplicates-card__head'>
        <Text className='station-section__title'>可能重复</Text>
        <Chip tone='warn' filled>
          {duplicates.length} 条
        </Chip>
      </View>
      <Text className='muted duplicates-card__hint'>30 天内同一联系电话或同一被帮助人（姓名和电话）的求助</Text>
      {duplicates.map((d) => (
        <View key={d.id} className='duplicates-card__item'>
          <View className='duplicates-card__line'>
            <RequestLink number={d.number} onOpen={() => onOpen(d.id)} className='duplicates-card__link' />
            <Chip tone={d.status === 'submitted' ? 'warn' : d.status === 'cancelled' ? 'muted' : 'normal'}>
              {REQUEST_STATUS_LABELS[d.status]}
            </Chip>
          </View>
          <DuplicateMeta duplicate={d} />
        </View>
      ))}
    </View>
  )
}

/** 相关求助: the linked requests, each a link, each with 取消关联. */
export function RelatedCard({
  related,
  onOpen,
  onUnlink,
}: {
  related: RelatedRef[]
  onOpen: (id: string) => void
  onUnlink?: (r: RelatedRef) => void
}) {
  if (related.length === 0) return null
  return (
    <View className='card related-card'>
      <Text className='station-section__title'>相关求助</Text>
      {related.map((r) => (
        <View key={r.id} className='duplicates-card__line related-card__item'>
          <RequestLink number={r.number} onOpen={() => onOpen(r.id)} className='related-card__link' />
          <Chip tone={r.status === 'cancelled' ? 'muted' : 'normal'}>{REQUEST_STATUS_LABELS[r.status]}</Chip>
          {onUnlink && (
            <View className='request-link related-card__unlink' ariaRole='button' onClick={() => onUnlink(r)}>
              取消关联
            </View>
          )}
        </View>
      ))}
    </View>
  )
}
