import { Text } from '@tarojs/components'
import type { ReactNode } from 'react'

export type ChipTone = 'normal' | 'warn' | 'muted' | 'danger'

export interface ChipProps {
  /** The words (待受理, 候补第 2 位, 紧急): a status is always said, its colour is only a second cue. */
  children: ReactNode
  tone?: ChipTone
  /** Filled: a badge that asks for attention (待评价, 差评); outlined: a status. */
  filled?: boolean
  className?: string
}

/** A status, an urgency or a badge, in words on a pill. */
export function Chip({ children, tone = 'normal', filled = false, className }: ChipProps) {
  return (
    <Text className={`status-chip status-chip--${tone}${filled ? ' status-chip--filled' : ''}${className ? ` ${className}` : ''}`}>
      {children}
    </Text>
  )
}
