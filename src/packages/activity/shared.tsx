/** Bits shared by the activity pages: how a participant and an enrollment's status read. */
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { Enrollment } from '@contract/types'
import { enrollmentStatusText } from '@domain/activities'
import { Chip, ENROLLMENT_STATUS_TONES } from '@/components/Chip'

/** "张小明（儿子）", or "李女士（本人）". */
export const participantText = (p: Enrollment['participant']) => `${p.name}（${p.relationship ?? '本人'}）`

/** The status badge: words first (报名成功 / 候补第 2 位 / 待确认…), colour only as a second cue. */
export function EnrollmentStatus({ enrollment: e }: { enrollment: Enrollment }) {
  return (
    <Chip tone={ENROLLMENT_STATUS_TONES[e.status]} className={`enrollment-status enrollment-status--${e.status}`}>
      {enrollmentStatusText(e)}
    </Chip>
  )
}

export const openMyEnrollments = () => Taro.navigateTo({ url: '/packages/activity/mine/index' })

/** The station's phone as a tappable line. */
export function CallStation({ name, phone }: { name: string; phone: string }) {
  return (
    <View
      className='call-station'
      onClick={() => void Taro.makePhoneCall({ phoneNumber: phone }).catch(() => undefined)}
      ariaRole='button'
      ariaLabel={`打电话给${name}，${phone}`}
    >
      <Text>有问题请致电 {name}：</Text>
      <Text className='call-station__phone'>{phone}</Text>
    </View>
  )
}
