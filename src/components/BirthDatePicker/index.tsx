import { Picker, View } from '@tarojs/components'
import { cstDate } from '@domain/chinaTime'
import './index.scss'

/** A birth date picked from the system's date picker (1900 … today), said in words while empty. */
export function BirthDatePicker({ value, onChange, className }: { value: string; onChange: (date: string) => void; className?: string }) {
  return (
    <Picker
      className={`birth-date-picker${className ? ` ${className}` : ''}`}
      mode='date'
      value={value || '1960-01-01'}
      start='1900-01-01'
      end={cstDate(new Date())}
      onChange={(ev) => onChange(String(ev.detail.value))}
    >
      <View
        className={`input picker-value${value ? '' : ' picker-value--empty'}`}
        ariaRole='button'
        ariaLabel={`出生日期：${value || '点按选择出生日期'}`}
      >
        {value || '点按选择出生日期'}
      </View>
    </Picker>
  )
}
