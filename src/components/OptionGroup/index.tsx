import { View } from '@tarojs/components'
import './index.scss'

export interface Option<T extends string> {
  value: T
  label: string
}

/** Big tappable choices (radio buttons), friendly to older users and screen readers. */
export function OptionGroup<T extends string>({
  options,
  value,
  onChange,
  name,
  columns = 2,
}: {
  options: Option<T>[]
  value: T | null | undefined
  onChange: (v: T) => void
  name: string
  columns?: 1 | 2
}) {
  return (
    <View className={`option-group option-group--${columns}`} ariaRole='radiogroup' ariaLabel={name}>
      {options.map((o) => (
        <View
          key={o.value}
          className={`option${value === o.value ? ' option--active' : ''}`}
          onClick={() => onChange(o.value)}
          ariaRole='radio'
          {...{ 'aria-checked': value === o.value }}
        >
          {value === o.value ? '✓ ' : ''}
          {o.label}
        </View>
      ))}
    </View>
  )
}

export default OptionGroup
