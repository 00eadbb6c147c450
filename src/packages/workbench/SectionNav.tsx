import Taro from '@tarojs/taro'
import { Button, View } from '@tarojs/components'
import { STAFF_LOGIN_PAGE, useStaffSession } from '@/stores/staffSession'
import { Chip } from '@/components/Chip'
import { MY_ACCOUNT_PAGE, sectionsFor } from './menu'
import { queueBadgeText, useQueueBadge } from './useQueueBadge'
import './SectionNav.scss'

/**
 * The way from one workbench section to the others (for accounts whose home is
 * not the queue, e.g. 管理员), to 我的账号, and out of the workbench.
 */
export function SectionNav({ current }: { current: string }) {
  const me = useStaffSession((s) => s.me)
  const badge = useQueueBadge()
  return (
    <View className='section-nav-block'>
      <View className='section-nav' ariaRole='navigation' ariaLabel='工作台'>
        {sectionsFor(me)
          .filter((s) => s.key !== current)
          .map((s) => (
            <Button
              key={s.key}
              className={`btn ${s.className}`}
              onClick={() => Taro.navigateTo({ url: s.url })}
              ariaLabel={s.key === 'queue' && badge ? `${s.label}，${queueBadgeText(badge)}` : s.label}
            >
              {s.label}
              {s.key === 'queue' && badge ? (
                <Chip tone='danger' filled className='queue-badge'>
                  {queueBadgeText(badge)}
                </Chip>
              ) : null}
            </Button>
          ))}
      </View>
      <View className='section-nav__account'>
        {current !== 'me' && <MyAccountButton />}
        <LogoutButton />
      </View>
    </View>
  )
}

export function MyAccountButton() {
  return (
    <Button className='btn btn--text btn-my-account' onClick={() => Taro.navigateTo({ url: MY_ACCOUNT_PAGE })}>
      我的账号
    </Button>
  )
}

/** 退出工作台: the login ends on this device, and the login page shows. */
export function LogoutButton() {
  const clear = useStaffSession((s) => s.clear)
  return (
    <Button
      className='btn btn--text btn-staff-logout'
      onClick={() => {
        clear()
        void Taro.redirectTo({ url: STAFF_LOGIN_PAGE })
      }}
    >
      退出工作台
    </Button>
  )
}
