/**
 * Taro's Picker. In h5 (index.h5.ts) it stays Taro's custom element
 * (taro-picker-core) while every other component is a plain element
 * (`h5.useHtmlComponents`): the plain-element picker's date columns scroll,
 * and a date scrolled to with a mouse wheel was not what 确定 gave back
 * (it kept the first date), where the custom element's columns are dragged.
 */
export { Picker } from '@tarojs/components'
