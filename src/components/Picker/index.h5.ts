// Taro's custom-element Picker in h5 (see index.ts): `@tarojs/components` is Taro's plain-element set there.
export { Picker } from '@tarojs/components/lib/react'
