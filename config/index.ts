import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import prodConfig from './prod'
import { version } from '../package.json'

const root = path.resolve(__dirname, '..')
const contractDir = path.join(root, 'contract')
const domainDir = path.join(root, 'domain')
// TARO_OUTPUT_ROOT builds elsewhere (e.g. two builds side by side); default dist/weapp and dist/h5.
const outputRoot = process.env.TARO_OUTPUT_ROOT || `dist/${process.env.TARO_ENV}`

// https://docs.taro.zone/docs/config
export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'shegongzhan-portal',
    date: '2026-11-23',
    designWidth: 750,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    // dist/weapp (WeChat DevTools' miniprogramRoot) and dist/h5 side by side.
    outputRoot,
    plugins: [],
    defineConstants: {
      APP_VERSION: JSON.stringify(version),
    },
    alias: {
      '@': path.join(root, 'src'),
      '@contract': contractDir,
      '@domain': domainDir,
    },
    // Map marker icons are referenced by path at run time, so Taro cannot see them: copy them.
    copy: {
      patterns: [{ from: 'src/assets/map/', to: `${outputRoot}/assets/map/` }],
      options: {},
    },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      compile: { include: [contractDir, domainDir] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: [contractDir, domainDir] },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  }
  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig)
  }
  return merge({}, baseConfig, prodConfig)
})
