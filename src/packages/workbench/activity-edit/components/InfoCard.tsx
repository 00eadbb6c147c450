import { Input, Text, View } from '@tarojs/components'
import { ACTIVITY_CATEGORIES, ACTIVITY_CATEGORY_LABELS, AUDIENCES, AUDIENCE_LABELS } from '@contract/activities'
import { LIMITS } from '@contract/limits'
import { Field } from '@/components/Field'
import { OptionGroup } from '@/components/OptionGroup'
import { TextBox } from '@/components/TextBox'
import { digitsOf } from '../form'
import type { ActivityEditState } from '../useActivityEdit'

/** 活动信息: name, project, category, audience and ages, description, what to bring, place, seats. */
export function InfoCard({ s }: { s: ActivityEditState }) {
  const { form, errors, update, loaded, taken } = s
  return (
    <View className='card activity-form'>
      <Text className='station-section__title'>活动信息</Text>
      <Field label='活动名称' required error={errors.title}>
        <Input
          className='input activity-title'
          value={form.title}
          maxlength={LIMITS.activityTitle}
          placeholder='例如：节气美育'
          onInput={(e) => update({ title: e.detail.value })}
        />
      </Field>
      <Field label='所属项目' hint='选填，例如：东山小学堂' error={errors.project}>
        <Input
          className='input activity-project'
          value={form.project}
          maxlength={LIMITS.activityProject}
          onInput={(e) => update({ project: e.detail.value })}
        />
      </Field>
      <Field label='活动类别' required error={errors.category}>
        <OptionGroup
          name='活动类别'
          options={ACTIVITY_CATEGORIES.map((c) => ({ value: c, label: ACTIVITY_CATEGORY_LABELS[c] }))}
          value={form.category}
          onChange={(category) => update({ category })}
        />
      </Field>
      <Field label='面向人群' required error={errors.audience}>
        <OptionGroup
          name='面向人群'
          options={AUDIENCES.map((a) => ({ value: a, label: AUDIENCE_LABELS[a] }))}
          value={form.audience}
          onChange={(audience) => update({ audience })}
        />
      </Field>
      <Field label='年龄要求' hint='选填。只填最小年龄即“X 岁以上”，都不填即不限年龄；报名时按活动第一天的年龄核对' error={errors.age}>
        <View className='age-range'>
          <View className='age-range__item'>
            <Text className='age-range__label'>最小年龄（岁）</Text>
            <Input
              className='input activity-min-age'
              type='number'
              value={form.minAge}
              maxlength={digitsOf(LIMITS.age)}
              ariaLabel='最小年龄（岁）'
              onInput={(e) => update({ minAge: e.detail.value }, ['age'])}
            />
          </View>
          <View className='age-range__item'>
            <Text className='age-range__label'>最大年龄（岁）</Text>
            <Input
              className='input activity-max-age'
              type='number'
              value={form.maxAge}
              maxlength={digitsOf(LIMITS.age)}
              ariaLabel='最大年龄（岁）'
              onInput={(e) => update({ maxAge: e.detail.value }, ['age'])}
            />
          </View>
        </View>
      </Field>
      <Field label='活动介绍' required error={errors.description}>
        <TextBox
          className='activity-description'
          value={form.description}
          max={LIMITS.activityDescription}
          placeholder='活动内容、由谁带领、适合什么样的孩子或老人'
          ariaLabel='活动介绍'
          onChange={(description) => update({ description })}
        />
      </Field>
      <Field label='需要携带' hint='选填，例如：水杯、旧衣服或罩衣' error={errors.bring}>
        <Input
          className='input activity-bring'
          value={form.bring}
          maxlength={LIMITS.activityBring}
          onInput={(e) => update({ bring: e.detail.value })}
        />
      </Field>
      <Field label='活动地点' required error={errors.place}>
        <Input
          className='input activity-place'
          value={form.place}
          maxlength={LIMITS.activityPlace}
          placeholder='例如：党群服务中心2楼 活动室'
          onInput={(e) => update({ place: e.detail.value })}
        />
      </Field>
      <Field
        label='名额（人）'
        required
        hint={
          loaded.data && taken > 0
            ? `已有 ${taken} 人报名，名额不能少于 ${taken}；增加名额后候补会按顺序自动转正`
            : '报满后居民可以排队候补'
        }
        error={errors.capacity}
      >
        <Input
          className='input activity-capacity'
          type='number'
          value={form.capacity}
          maxlength={digitsOf(LIMITS.activityCapacity)}
          onInput={(e) => update({ capacity: e.detail.value })}
        />
      </Field>
    </View>
  )
}
