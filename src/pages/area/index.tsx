import { usePageClass } from '@/stores/elder'
import { Button, Text, View } from '@tarojs/components'
import { ErrorState, Loading } from '@/components/StateView'
import { useArea } from './useArea'
import './index.scss'

export default function AreaPage() {
  const pageClass = usePageClass('page-area')
  const a = useArea()
  return (
    <View className={pageClass}>
      <View className='area-path breadcrumb' ariaLabel='已选择的地区'>
        <View className='breadcrumb__item' onClick={() => a.goTo(0)} ariaRole='button'>
          全部城市
        </View>
        {a.path.map((n, i) => (
          <View key={n.name} className='breadcrumb__item' onClick={() => a.goTo(i + 1)} ariaRole='button'>
            › {n.name}
          </View>
        ))}
      </View>

      {a.status === 'loading' && <Loading />}
      {a.status === 'error' && <ErrorState message={a.error ?? ''} onRetry={a.reload} />}
      {a.status === 'ok' && (
        <View>
          <Text className='section-title'>{a.prompt}</Text>
          <View className='area-list'>
            {a.chooseWhole && (
              <View className='area-item area-item--whole' onClick={a.chooseWhole} ariaRole='button'>
                <Text className='area-item__name'>整个{a.path[a.path.length - 1]!.name}</Text>
              </View>
            )}
            {a.options.map((n) => (
              <View key={`${a.provinceName(n) ?? ''}${n.name}`} className='area-item' onClick={() => a.choose(n)} ariaRole='button'>
                <Text className='area-item__name'>{n.name}</Text>
                <Text className='area-item__count'>
                  {a.provinceName(n) ? `${a.provinceName(n)} · ` : ''}
                  {n.stationCount} 个站点 ›
                </Text>
              </View>
            ))}
          </View>
          {a.path.length > 0 && (
            <Button className='btn area-back' onClick={a.back}>
              返回上一级
            </Button>
          )}
        </View>
      )}
    </View>
  )
}
