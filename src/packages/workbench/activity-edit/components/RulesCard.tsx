import { Input, Switch, Text, View } from '@tarojs/components'
import { LIMITS } from '@contract/limits'
import { Field } from '@/components/Field'
import { digitsOf, wholeNumber } from '../form'
import type { ActivityEditState } from '../useActivityEdit'
import { DateTimeField } from './DateTimeField'

/** 报名规则: when registration opens, closes and cancelling ends; photo consent; confirming an offered seat. */
export function RulesCard({ s }: { s: ActivityEditState }) {
  const { form, errors, update, times, setTime } = s
  return (
    <View className='card activity-registration-times'>
      <Text className='station-section__title'>报名规则</Text>
      {!form.times && (
        <Text className='muted registration-defaults'>
          {times ? '已按活动时间填好常用设置（现在开放，活动前一天 18:00 截止），可以修改。' : '选好活动时间后，这里会自动填好常用设置。'}
        </Text>
      )}
      <DateTimeField
        name='opens'
        label='开放报名时间'
        value={times?.opensAt ?? null}
        onChange={(iso) => setTime('opensAt', iso)}
        error={errors.opensAt}
      />
      <DateTimeField
        name='closes'
        label='报名截止时间'
        hint='不能晚于活动开始'
        value={times?.closesAt ?? null}
        onChange={(iso) => setTime('closesAt', iso)}
        error={errors.closesAt}
      />
      <DateTimeField
        name='cancel'
        label='取消报名截止时间'
        hint='此后家长不能在小程序里取消，需要联系社工站'
        value={times?.cancelDeadline ?? null}
        onChange={(iso) => setTime('cancelDeadline', iso)}
        error={errors.cancelDeadline}
      />

      <View className='switch-row'>
        <View className='switch-row__text'>
          <Text className='field__label'>需要单独同意拍照宣传</Text>
          <Text className='field__hint'>
            活动中会拍照并公开宣传（如公众号、展板、小小主播）时请打开。报名时家长需单独选择是否同意；不同意的也可以参加，名单上会标明“不同意拍照”，请勿拍摄或公开其照片。
          </Text>
        </View>
        <Switch
          className='photo-consent-switch'
          checked={form.photoConsentRequired}
          color='#0a7d5a'
          ariaLabel='需要单独同意拍照宣传'
          onChange={(e) => update({ photoConsentRequired: e.detail.value })}
        />
      </View>

      <View className='switch-row'>
        <View className='switch-row__text'>
          <Text className='field__label'>候补转正需要确认</Text>
          <Text className='field__hint'>
            {form.confirmRequired
              ? `有人取消后，为候补第一位保留名额 ${wholeNumber(form.confirmWithinHours) || 'N'} 小时，家长确认后才算报名成功；逾期未确认，名额顺延给下一位。`
              : '关闭时，有人取消后候补第一位自动转为报名成功。'}
          </Text>
        </View>
        <Switch
          className='confirm-switch'
          checked={form.confirmRequired}
          color='#0a7d5a'
          ariaLabel='候补转正需要确认'
          onChange={(e) => update({ confirmRequired: e.detail.value }, ['confirmWithinHours'])}
        />
      </View>
      {form.confirmRequired && (
        <Field
          label='候补转正需在几小时内确认'
          required
          hint={`1 到 ${LIMITS.activityConfirmHours} 小时`}
          error={errors.confirmWithinHours}
        >
          <View className='hours-input'>
            <Input
              className='input confirm-hours'
              type='number'
              value={form.confirmWithinHours}
              maxlength={digitsOf(LIMITS.activityConfirmHours)}
              ariaLabel='候补转正需在几小时内确认'
              onInput={(e) => update({ confirmWithinHours: e.detail.value })}
            />
            <Text className='hours-input__unit'>小时内</Text>
          </View>
        </Field>
      )}
    </View>
  )
}
