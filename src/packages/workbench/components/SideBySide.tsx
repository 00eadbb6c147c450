import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'

/**
 * A list and the item chosen in it, side by side: the workbench in the h5
 * build on a desktop browser (≥ 1024 px, `useWide`), as the queue shows the
 * requests. The list on the left, the chosen item beside it, scrolling on its
 * own (styles: `.wb-split` in workbench.scss; the page carries
 * `wb-split-page`). On a phone the pages do not draw it: an item opens as its
 * own page.
 */
export function SideBySide({ list, detail, hint }: { list: ReactNode; detail: ReactNode | null; hint: string }) {
  return (
    <View className='wb-split'>
      <View className='wb-split__list'>{list}</View>
      <View className='wb-split__detail'>
        {detail ?? (
          <View className='card wb-split__hint'>
            <Text className='muted'>{hint}</Text>
          </View>
        )}
      </View>
    </View>
  )
}
