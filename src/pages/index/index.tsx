import { usePageClass } from '@/stores/elder'
import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { StationCard } from '@/components/StationCard'
import { PrivacyPopup } from '@/components/PrivacyPopup'
import { EmptyState, ErrorState, Loading } from '@/components/StateView'
import { useElder } from '@/stores/elder'
import { callStation } from '@/services/stationActions'
import { useIndex } from './useIndex'
import './index.scss'

export default function Index() {
  const pageClass = usePageClass('page-index')
  const { location, label, nearby, nearest, others, relocate, pickArea, openSettings, askForHelp, showAll, myRequests } = useIndex()
  const noPosition = !location.position && (location.status === 'denied' || location.status === 'failed')
  const elder = useElder((s) => s.enabled)
  // While the nearest stations load, nothing is drawn below the loading line that their arrival would push down.
  const firstLoad = !noPosition && (nearby.status === 'idle' || (nearby.status === 'loading' && !nearest))
  // 「预约」: the nearest station's bookable services (the booking page's chooser), in both modes.
  const bookNearest = (stationId: string) => Taro.navigateTo({ url: `/packages/booking/new/index?stationId=${stationId}` })

  if (elder) {
    // 长辈模式: the nearest station's name and phone in large type, and big actions (call, ask, book, my requests).
    return (
      <View className={pageClass}>
        <PrivacyPopup />
        <View className='elder-home'>
          {nearest ? (
            <View className='elder-home__station'>
              <Text className='elder-home__label'>离您最近的社工站</Text>
              <Text className='elder-home__name station-card__name'>{nearest.name}</Text>
              <Text className='elder-home__phone'>电话 {nearest.phone}</Text>
            </View>
          ) : noPosition ? (
            <View className='elder-home__station'>
              <Text className='elder-home__label'>还不知道您在哪里</Text>
              <Button className='btn btn--main btn-pick-area' onClick={pickArea}>
                选择所在地区
              </Button>
            </View>
          ) : (
            <Loading text='正在查找离您最近的社工站…' />
          )}
          {nearest && (
            <Button className='btn btn--primary btn--main elder-action btn-call' onClick={() => callStation(nearest.phone)}>
              打电话给社工站
            </Button>
          )}
          {(nearest || !firstLoad) && (
            <Button className='btn btn--primary btn--main elder-action btn-help' onClick={() => askForHelp(nearest?.id)}>
              有问题找社工
            </Button>
          )}
          {nearest && (
            <Button className='btn btn--main elder-action btn-book-nearest' onClick={() => bookNearest(nearest.id)}>
              预约服务
            </Button>
          )}
          {!firstLoad && (
            <Button className='btn btn--main elder-action btn-my-requests' onClick={myRequests}>
              我的求助
            </Button>
          )}
        </View>
      </View>
    )
  }

  return (
    <View className={pageClass}>
      <PrivacyPopup />
      <View className='index-hero'>
        <Text className='index-hero__title'>有困难，找社工</Text>
        <Text className='index-hero__subtitle'>离您最近的社工站，一键拨打、一键导航</Text>
      </View>

      <View className='location-status' ariaRole='status'>
        <Text className='location-status__text'>位置：{label}</Text>
        <View className='location-status__actions'>
          <Button className='btn btn--text btn-locate' onClick={relocate}>
            重新定位
          </Button>
          <Button className='btn btn--text btn-pick-area' onClick={pickArea}>
            {location.source === 'area' ? '切换地区' : '选择地区'}
          </Button>
        </View>
      </View>

      {/* The main action and what it offers come first and are drawn with the page, before the position and the
          stations: they never move when those arrive (nothing is inserted above them), and the resident can ask at
          once. Without a station (no position, none found, the list failing) the form's address decides. */}
      <View className='index-ask'>
        <Button className='btn btn--primary btn--main btn-help index-help' onClick={() => askForHelp(nearest?.id)}>
          有问题找社工
        </Button>
        <Text className='index-help__hint'>
          {nearest || firstLoad
            ? '社工可以帮您对接社会救助、养老服务、儿童关爱保护、心理疏导等'
            : '不知道您在哪里也可以求助：填写地址后，由负责那里的社工站处理'}
        </Text>
      </View>

      {noPosition && (
        <EmptyState
          text={
            location.status === 'denied'
              ? '没有获得定位权限。您可以手动选择所在地区，同样能找到最近的社工站。'
              : '暂时无法获取您的位置。您可以手动选择所在地区。'
          }
        >
          <Button className='btn btn--main btn-pick-area' onClick={pickArea}>
            手动选择地区
          </Button>
          {process.env.TARO_ENV === 'weapp' && location.status === 'denied' && (
            <Button className='btn btn-open-settings' onClick={openSettings}>
              去设置开启定位
            </Button>
          )}
        </EmptyState>
      )}

      {firstLoad && <Loading text='正在查找附近的社工站…' />}
      {nearby.status === 'error' && <ErrorState message={nearby.error.message} onRetry={nearby.reload} />}
      {nearby.status === 'ok' && !nearest && <EmptyState text='附近暂时没有社工站' />}

      {nearest && (
        <View className='index-nearest'>
          <Text className='section-title'>离您最近的社工站</Text>
          <StationCard station={nearest} variant='hero' />
          <Button className='btn btn--main btn-book-nearest' onClick={() => bookNearest(nearest.id)}>
            预约
          </Button>
          <Text className='index-help__hint'>约好时间再去，谈心、政策咨询、入户探访不用在上班时间打电话</Text>
        </View>
      )}

      {others.length > 0 && (
        <View className='index-others'>
          <Text className='section-title'>附近其他社工站</Text>
          {others.map((s) => (
            <StationCard key={s.id} station={s} />
          ))}
        </View>
      )}

      {!firstLoad && (
        <Button className='btn btn--text index-all' onClick={showAll}>
          查看附近全部社工站 ›
        </Button>
      )}
    </View>
  )
}
