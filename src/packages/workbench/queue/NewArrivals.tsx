import { fetchBadge, markQueueSeen } from '@/api/staffAlerts'
import { Chip } from '@/components/Chip'
import { useQuery } from '@/hooks/useQuery'
import { useStaffSession } from '@/stores/staffSession'
import { queueBadgeText } from '../useQueueBadge'

/** Reads the badge, then clears it: the queue is being looked at. */
async function readAndClear(): Promise<number> {
  const count = await fetchBadge()
  if (count > 0) await markQueueSeen()
  return count
}

/**
 * The queue's head says how many requests arrived (or were assigned to me)
 * since I last looked; looking clears the workbench's badge.
 */
export function NewArrivals() {
  const token = useStaffSession((s) => s.token)
  const seen = useQuery([token, 'queueArrivals'], readAndClear, { enabled: !!token, refreshOnShow: true })
  if (seen.status !== 'ok' || seen.data === 0) return null
  return (
    <Chip tone='danger' filled className='queue__arrivals'>
      {`自上次查看，${queueBadgeText(seen.data)}`}
    </Chip>
  )
}
