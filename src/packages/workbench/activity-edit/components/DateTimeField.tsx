import { View } from '@tarojs/components'
import { Picker } from '@/components/Picker'
import { cstDate, cstToIso, isoToCst } from '@domain/chinaTime'
import { Field } from '@/components/Field'

export interface DateTimeFieldProps {
  /** The pickers' class prefix (`opens` → `opens-date`, `opens-time`). */
  name: string
  label: string
  hint?: string
  value: string | null
  onChange: (iso: string) => void
  error?: string
}

/** A date and a clock time (China Standard Time), each with its own picker. */
export function DateTimeField({ name, label, hint, value, onChange, error }: DateTimeFieldProps) {
  const parts = value ? isoToCst(value) : null
  const today = cstDate(new Date())
  return (
    <Field label={label} hint={hint} error={error}>
      <View className='datetime'>
        <Picker
          className={`datetime__date ${name}-date`}
          mode='date'
          value={parts?.date ?? today}
          onChange={(e) => onChange(cstToIso(String(e.detail.value), parts?.time ?? '09:00'))}
        >
          <View
            className={`input picker-value${parts ? '' : ' picker-value--empty'}`}
            ariaRole='button'
            ariaLabel={`${label}日期：${parts?.date ?? '未选择'}，点按选择`}
          >
            {parts?.date ?? '选择日期'}
          </View>
        </Picker>
        <Picker
          className={`datetime__time ${name}-time`}
          mode='time'
          value={parts?.time ?? '09:00'}
          onChange={(e) => onChange(cstToIso(parts?.date ?? today, String(e.detail.value)))}
        >
          <View
            className={`input picker-value${parts ? '' : ' picker-value--empty'}`}
            ariaRole='button'
            ariaLabel={`${label}时间：${parts?.time ?? '未选择'}，点按选择`}
          >
            {parts?.time ?? '选择时间'}
          </View>
        </Picker>
      </View>
    </Field>
  )
}
