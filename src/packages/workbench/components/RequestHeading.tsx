import { Text, View } from '@tarojs/components'
import { SERVICE_CATEGORY_LABELS } from '@contract/enums'
import { REQUEST_STATUS_LABELS } from '@contract/requests'
import type { StaffRequestSummary } from '@contract/types'
import { formatDuration } from '@domain/format'
import { Chip, REQUEST_STATUS_TONES } from '@/components/Chip'

/**
 * A request's heading in the workbench, the same in the queue and on the
 * request: the category, then 紧急, the status and 敏感 as chips in words, and
 * overdue in red words on its own line (「已超时 3 小时」). `block` names the
 * classes (`queue-item__title`, `staff-request__status`…).
 */
export function RequestHeading({
  request,
  block,
}: {
  request: Pick<StaffRequestSummary, 'category' | 'urgency' | 'status' | 'sensitive' | 'overdueMinutes'>
  block: string
}) {
  return (
    <>
      <View className={`${block}__head`}>
        <Text className={`${block}__title`}>{SERVICE_CATEGORY_LABELS[request.category]}</Text>
        <View className={`${block}__chips`}>
          {request.urgency === 'urgent' && (
            <Chip tone='danger' filled className={`${block}__urgent`}>
              紧急
            </Chip>
          )}
          <Chip tone={REQUEST_STATUS_TONES[request.status]} className={`${block}__status`}>
            {REQUEST_STATUS_LABELS[request.status]}
          </Chip>
          {request.sensitive && (
            <Chip tone='muted' className={`${block}__sensitive`}>
              敏感类别
            </Chip>
          )}
        </View>
      </View>
      {request.overdueMinutes !== null && (
        <Text className={`overdue-line ${block}__overdue`}>已超时 {formatDuration(request.overdueMinutes)}</Text>
      )}
    </>
  )
}
