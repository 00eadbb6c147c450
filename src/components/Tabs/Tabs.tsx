import { View } from '@tarojs/components'

export interface TabsProps<T extends string> {
  /** What the tabs choose between, for screen readers (我的预约, 查看方式). */
  label: string
  /** Each tab's value (also its class `tab-<value>`, which tests find it by) and its words. */
  tabs: readonly (readonly [T, string])[]
  value: T
  onChange: (value: T) => void
}

/** A row of tabs (the styles `.tabs` in common.scss): one is selected, each says what it shows. */
export function Tabs<T extends string>({ label, tabs, value, onChange }: TabsProps<T>) {
  return (
    <View className='tabs' ariaRole='tablist' ariaLabel={label}>
      {tabs.map(([tab, words]) => (
        <View
          key={tab}
          className={`tabs__item tab-${tab}${tab === value ? ' tabs__item--active' : ''}`}
          onClick={() => onChange(tab)}
          ariaRole='tab'
          {...{ 'aria-selected': tab === value }}
        >
          {words}
        </View>
      ))}
    </View>
  )
}
