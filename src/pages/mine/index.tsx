import { busyProps } from '@/utils/busy'
import { usePageClass } from '@/stores/elder'
import Taro from '@tarojs/taro'
import { Button, Switch, Text, View } from '@tarojs/components'
import { useSession } from '@/stores/session'
import { useElder } from '@/stores/elder'
import { alertError } from '@/services/errors'
import './index.scss'

export default function Mine() {
  const pageClass = usePageClass('page-mine')
  const { user, login, logout, loggingIn } = useSession()
  const { enabled: elder, setEnabled: setElder } = useElder()

  const onLogin = async () => {
    try {
      await login()
      void Taro.showToast({ title: '登录成功', icon: 'success' })
    } catch (err) {
      alertError('登录失败', err)
    }
  }

  return (
    <View className={pageClass}>
      <View className='card login-state'>
        {user ? (
          <View>
            <Text className='mine__name'>{user.nickname}</Text>
            <Text className='muted'>已登录</Text>
            <Button className='btn btn-logout' onClick={() => void logout()}>
              退出登录
            </Button>
          </View>
        ) : (
          <View>
            <Text className='mine__name'>未登录</Text>
            <Text className='muted'>登录后可以向社工求助、报名活动，并查看办理进度</Text>
            <Button className='btn btn--primary btn--main btn-login' {...busyProps(loggingIn)} onClick={onLogin}>
              {process.env.TARO_ENV === 'weapp' ? '微信一键登录' : '登录（演示账号）'}
            </Button>
          </View>
        )}
      </View>

      <View className='card elder-switch'>
        <View className='mine-link'>
          <View>
            <Text className='elder-switch__label'>长辈模式</Text>
            <Text className='muted elder-switch__hint'>大字体、大按钮，首页只留最常用的功能</Text>
          </View>
          <Switch
            className='elder-switch__control'
            checked={elder}
            color='#0a7d5a'
            ariaLabel='长辈模式'
            onChange={(e) => setElder(e.detail.value)}
          />
        </View>
      </View>

      <View className='card mine-links'>
        <View
          className='mine-link mine-link--requests'
          onClick={() => Taro.navigateTo({ url: '/packages/request/mine/index' })}
          ariaRole='link'
        >
          <Text>我的求助</Text>
          <Text className='muted'>›</Text>
        </View>
        <View
          className='mine-link mine-link--enrollments'
          onClick={() => Taro.navigateTo({ url: '/packages/activity/mine/index' })}
          ariaRole='link'
        >
          <Text>我的报名</Text>
          <Text className='muted'>›</Text>
        </View>
        <View
          className='mine-link mine-link--bookings'
          onClick={() => Taro.navigateTo({ url: '/packages/booking/mine/index' })}
          ariaRole='link'
        >
          <Text>我的预约</Text>
          <Text className='muted'>›</Text>
        </View>
        <View
          className='mine-link mine-link--family'
          onClick={() => Taro.navigateTo({ url: '/packages/activity/family/index' })}
          ariaRole='link'
        >
          <Text>我的家人</Text>
          <Text className='muted'>›</Text>
        </View>
        <View
          className='mine-link mine-link--my-data'
          onClick={() => Taro.navigateTo({ url: '/packages/account/data/index' })}
          ariaRole='link'
        >
          <Text>个人信息（查看、导出、注销账号）</Text>
          <Text className='muted'>›</Text>
        </View>
        <View className='mine-link' onClick={() => Taro.navigateTo({ url: '/pages/privacy/index' })} ariaRole='link'>
          <Text>隐私政策</Text>
          <Text className='muted'>›</Text>
        </View>
        <View
          className='mine-link mine-link--workbench'
          onClick={() => Taro.navigateTo({ url: '/packages/workbench/login/index' })}
          ariaRole='link'
        >
          <Text>社工工作台（工作人员）</Text>
          <Text className='muted'>›</Text>
        </View>
        <View className='mine-link' ariaRole='text'>
          <Text>版本</Text>
          <Text className='muted mine-version'>{APP_VERSION}</Text>
        </View>
      </View>
    </View>
  )
}
