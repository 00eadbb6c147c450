import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'

export interface InfoRowProps {
  label: string
  /** The value: words, or a line with a button (导航, 拨打). */
  children: ReactNode
  className?: string
  valueClassName?: string
}

/** A label and its value on one line: a station's contacts, an activity's details, a request's contact details. */
export function InfoRow({ label, children, className, valueClassName }: InfoRowProps) {
  return (
    <View className={`info-row${className ? ` ${className}` : ''}`}>
      <Text className='info-row__label'>{label}</Text>
      <View className={`info-row__value${valueClassName ? ` ${valueClassName}` : ''}`}>{children}</View>
    </View>
  )
}
