import { Button, Text, View } from '@tarojs/components'
import './index.scss'

export function Loading({ text = '加载中…' }: { text?: string }) {
  return (
    <View className='state-view loading-state' ariaRole='status'>
      <Text>{text}</Text>
    </View>
  )
}

export function EmptyState({ text, children }: { text: string; children?: React.ReactNode }) {
  return (
    <View className='state-view empty-state'>
      <Text className='state-view__text'>{text}</Text>
      {children}
    </View>
  )
}

export function ErrorState({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <View className='state-view error-state' ariaRole='alert'>
      <Text className='state-view__text'>{message}</Text>
      {onRetry && (
        <Button className='btn btn--primary btn-retry' onClick={onRetry}>
          重试
        </Button>
      )}
    </View>
  )
}
