import { fetchBadge } from '@/api/staffAlerts'
import { useQuery } from '@/hooks/useQuery'
import { canDo, useStaffSession } from '@/stores/staffSession'

/**
 * The workbench's badge: requests that entered my station's queue or were
 * assigned to me since I last looked at the queue (0 for accounts without a
 * queue, or while it loads; the workbench works without it).
 */
export function useQueueBadge(): number {
  const token = useStaffSession((s) => s.token)
  const me = useStaffSession((s) => s.me)
  const enabled = !!token && canDo(me, 'queue.view') && !me?.mustChangePassword
  const badge = useQuery([token, 'queueBadge'], fetchBadge, { enabled, refreshOnShow: true })
  return enabled && badge.status === 'ok' ? badge.data : 0
}

/** The 求助队列 button's words and label with the badge. */
export const queueBadgeText = (count: number) => `${count} 条新求助`
