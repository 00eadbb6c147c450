/**
 * The h5 start-up in several scripts (config/startupTasks.ts): each step an
 * entry of its own, in order, each depending on the one before, the app's
 * entry last and depending on the last step; other entries kept.
 */
import type { Compiler } from 'webpack'
import { StartupTasksPlugin } from '../../config/startupTasks'

const compilerWith = (entry: Record<string, unknown>) => ({ options: { entry } }) as unknown as Compiler

test('steps become entries before the app, each depending on the one before; the app keeps its own imports', () => {
  const compiler = compilerWith({ other: { import: ['./other'] }, app: { import: ['./src/app.ts'], filename: 'x.js' } })
  new StartupTasksPlugin({
    entry: 'app',
    steps: [
      { name: 'react', import: ['react', 'react-dom'] },
      { name: 'taro', import: ['@tarojs/taro'] },
    ],
  }).apply(compiler)
  const entry = compiler.options.entry as Record<string, { import: string[]; dependOn?: string[] }>
  // Object order is the order of the scripts in index.html.
  expect(Object.keys(entry)).toEqual(['react', 'taro', 'app', 'other'])
  expect(entry.react).toEqual({ import: ['react', 'react-dom'] })
  expect(entry.taro).toEqual({ import: ['@tarojs/taro'], dependOn: ['react'] })
  expect(entry.app).toEqual({ import: ['./src/app.ts'], filename: 'x.js', dependOn: ['taro'] })
  expect(entry.other).toEqual({ import: ['./other'] })
})

test('an app entry that is not there is said at once', () => {
  const plugin = new StartupTasksPlugin({ entry: 'app', steps: [{ name: 'react', import: ['react'] }] })
  expect(() => plugin.apply(compilerWith({ main: { import: ['./main'] } }))).toThrow('StartupTasksPlugin: no entry "app"')
})
