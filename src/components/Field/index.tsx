import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import './index.scss'

/** A labelled form field; its error is said in words right below it. */
export function Field({
  label,
  hint,
  error,
  required,
  children,
}: {
  label: string
  hint?: string
  error?: string | null
  required?: boolean
  children: ReactNode
}) {
  return (
    <View className={`field${error ? ' field--error' : ''}`}>
      <Text className='field__label'>
        {label}
        {required ? <Text className='field__required'>（必填）</Text> : null}
      </Text>
      {hint && <Text className='field__hint'>{hint}</Text>}
      {children}
      {error && (
        <View className='field__error' ariaRole='alert'>
          {error}
        </View>
      )}
    </View>
  )
}

export default Field
