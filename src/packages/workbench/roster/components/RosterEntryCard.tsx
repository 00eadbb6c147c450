import { Button, Text, View } from '@tarojs/components'
import type { RosterEntry } from '@contract/types'
import { Chip } from '@/components/Chip'
import { callStation } from '@/services/stationActions'
import { busyProps } from '@/utils/busy'
import { whoLine } from '../model'

export interface RosterEntryCardProps {
  e: RosterEntry
  /** Whether the activity asks for photo consent (then each entry says theirs). */
  photoConsentRequired: boolean
  /** The status on the right: 已签到 / 签到 (confirmed), 名额保留中 (offered), 候补第 N 位 (waitlisted). */
  aside: React.ReactNode
  /** 已出勤 n/m 次 (courses). */
  attendance?: string
  present?: boolean
}

/** One participant: name, age and who enrolled them, needs, photo consent, and their family's phone. */
export function RosterEntryCard({ e, photoConsentRequired, aside, attendance, present = false }: RosterEntryCardProps) {
  return (
    <View className={`card roster-entry roster-entry--${e.status}${present ? ' roster-entry--present' : ''}`}>
      <View className='roster-entry__head'>
        <Text className='roster-entry__name'>{e.participantName}</Text>
        {aside}
      </View>
      <Text className='roster-entry__who'>{whoLine(e)}</Text>
      {e.notes ? <Text className='roster-entry__notes'>特殊需要：{e.notes}</Text> : null}
      {photoConsentRequired &&
        (e.photoConsent ? (
          <Text className='roster-photo roster-photo--yes'>同意拍照宣传</Text>
        ) : (
          <Text className='roster-photo roster-photo--no'>⚠ 不同意拍照：请勿拍摄或公开其照片</Text>
        ))}
      {attendance && <Text className='muted roster-entry__attendance'>{attendance}</Text>}
      <Button
        className='btn roster-call'
        onClick={() => void callStation(e.contactPhone)}
        ariaLabel={`拨打 ${e.participantName} 家的电话 ${e.contactPhone}`}
      >
        📞 {e.contactPhone}
      </Button>
    </View>
  )
}

/** 签到 by name, or 已签到 once checked in at the session. */
export function TickButton({
  e,
  present,
  busy,
  onTick,
}: {
  e: RosterEntry
  present: boolean
  busy: boolean
  onTick: (e: RosterEntry) => void
}) {
  return present ? (
    <Chip className='roster-entry__present'>✓ 已签到</Chip>
  ) : (
    <Button
      className='btn btn--primary roster-tick'
      {...busyProps(busy)}
      onClick={() => void onTick(e)}
      ariaLabel={`为 ${e.participantName} 签到`}
    >
      签到
    </Button>
  )
}
