import { View } from '@tarojs/components'
import './index.scss'

/**
 * A big tappable checkbox with its label: the tick is a visible mark (☑ / ☐),
 * not a colour, and screen readers hear a checkbox and its state.
 */
export function CheckItem({
  checked,
  onChange,
  label,
  className = '',
}: {
  checked: boolean
  onChange: (checked: boolean) => void
  label: string
  className?: string
}) {
  return (
    <View
      className={`check-item${checked ? ' check-item--checked' : ''} ${className}`}
      onClick={() => onChange(!checked)}
      ariaRole='checkbox'
      ariaLabel={label}
      {...{ 'aria-checked': checked }}
    >
      <View className='check-item__box' {...{ 'aria-hidden': true }}>
        {checked ? '✓' : ''}
      </View>
      <View className='check-item__label'>{label}</View>
    </View>
  )
}

export default CheckItem
