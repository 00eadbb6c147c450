import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { LOCATION_NOTICE } from '@/content/consents'
import { PRIVACY_AGREE_BUTTON_ID, usePrivacy } from '@/stores/privacy'
import './index.scss'

/** WeChat's privacy authorization, asked before the first use of location. */
export function PrivacyPopup() {
  const { visible, agree, reject } = usePrivacy()
  if (!visible) return null
  return (
    <View className='privacy-popup' ariaRole='dialog' ariaLabel='隐私保护提示'>
      <View className='privacy-popup__panel'>
        <Text className='privacy-popup__title'>隐私保护提示</Text>
        <Text className='privacy-popup__text'>{LOCATION_NOTICE}</Text>
        <Text className='privacy-popup__link' onClick={() => Taro.navigateTo({ url: '/pages/privacy/index' })}>
          查看《社工站居民服务隐私政策》
        </Text>
        <View className='btn-row'>
          <Button className='btn btn-privacy-reject' onClick={reject}>
            拒绝
          </Button>
          <Button
            id={PRIVACY_AGREE_BUTTON_ID}
            className='btn btn--primary btn-privacy-agree'
            openType={process.env.TARO_ENV === 'weapp' ? 'agreePrivacyAuthorization' : undefined}
            onAgreePrivacyAuthorization={agree}
            onClick={process.env.TARO_ENV === 'weapp' ? undefined : agree}
          >
            同意
          </Button>
        </View>
      </View>
    </View>
  )
}

export default PrivacyPopup
