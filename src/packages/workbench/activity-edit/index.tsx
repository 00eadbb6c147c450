import { busyProps } from '@/utils/busy'
import { usePageClass } from '@/stores/elder'
import { Button, View } from '@tarojs/components'
import { ErrorState, Loading } from '@/components/StateView'
import { InfoCard } from './components/InfoCard'
import { RulesCard } from './components/RulesCard'
import { ScheduleCard } from './components/ScheduleCard'
import { useActivityEdit } from './useActivityEdit'
import './index.scss'
import '../workbench.scss'

/** 发布活动 (no id) or 编辑活动 (?id=): a single activity or a weekly course, with its registration rules. */
export default function ActivityEdit() {
  const pageClass = usePageClass('page-activity-edit')
  const s = useActivityEdit()
  const { loaded, errors } = s

  if (!s.token) return <View className={pageClass} />
  if (loaded.status === 'error' || loaded.status === 'notFound')
    return (
      <View className={pageClass}>
        <ErrorState message={loaded.error.message} onRetry={loaded.reload} />
      </View>
    )
  if (s.id && (!loaded.data || !s.formReady))
    return (
      <View className={pageClass}>
        <Loading />
      </View>
    )

  const errorCount = Object.values(errors).filter(Boolean).length
  return (
    <View className={pageClass}>
      <InfoCard s={s} />
      <ScheduleCard s={s} />
      <RulesCard s={s} />
      <View className='card activity-submit'>
        {errors.form && (
          <View className='field__error form-error' ariaRole='alert'>
            {errors.form}
          </View>
        )}
        {errorCount > 0 && !errors.form && (
          <View className='field__error form-error' ariaRole='alert'>
            有 {errorCount} 处需要修改，请查看上方红字提示
          </View>
        )}
        <Button className='btn btn--primary btn--main btn-save-activity' {...busyProps(s.busy)} onClick={s.submit}>
          {s.id ? '保存修改' : '发布活动'}
        </Button>
      </View>
    </View>
  )
}
