/**
 * Taro's Textarea. In h5 (index.h5.tsx) it is a plain <textarea> drawn by React: Taro has no plain-element
 * Textarea (`h5.useHtmlComponents`), and its custom element reads its inner <textarea> in a value watcher
 * that can run before the element has drawn it (a TypeError when a form is filled as it is first drawn).
 */
export { Textarea } from '@tarojs/components'
