import fs from 'node:fs'
import path from 'node:path'
import webpack from 'webpack'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import prodConfig from './prod'
import { version } from '../package.json'
import { PrecompressPlugin } from './precompress'
import { RoutePreloadPlugin } from './routePreload'
import { StartupTasksPlugin } from './startupTasks'
import { weightlessComponentsCss } from './h5/componentsCss'

const root = path.resolve(__dirname, '..')
const contractDir = path.join(root, 'contract')
const domainDir = path.join(root, 'domain')
// TARO_OUTPUT_ROOT builds elsewhere (e.g. two builds side by side); default dist/weapp and dist/h5.
const outputRoot = process.env.TARO_OUTPUT_ROOT || `dist/${process.env.TARO_ENV}`

// `taro build` without --watch always makes a production bundle (webpack's mode), but Babel and
// React read NODE_ENV: a shell's NODE_ENV=development would bring React Refresh's `$RefreshReg$`
// calls into a bundle without its runtime, and the page would die on load. One answer for all.
const watching = process.argv.includes('--watch') || process.argv.includes('-w')
if (!watching) process.env.NODE_ENV = 'production'

/**
 * The report's charts (F2, `@antv/…`, workbench only) use many more of tslib's helpers than the rest of the app.
 * One shared tslib would carry all of them into the weapp main package (and the h5 首页's shared chunk): F2 gets
 * its own copy (the same file under another module name), which stays with the workbench.
 */
function ownTslibForCharts(chain: { plugin: (name: string) => { use: (plugin: unknown, args: unknown[]) => unknown } }) {
  chain.plugin('charts-own-tslib').use(webpack.NormalModuleReplacementPlugin, [
    /^tslib$/,
    (resource: { context?: string; request: string }) => {
      if (/[\\/]node_modules[\\/]@antv[\\/]/.test(resource.context ?? '')) resource.request = 'tslib?charts'
    },
  ])
}

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
      webpackChain: ownTslibForCharts,
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      // View, Text, Button, Image, Input and ScrollView as plain elements (div, span, input, img) drawn by
      // React, instead of Stencil's custom elements (taro-view-core …) wrapped for React: much less work at start-up
      // and per element. Textarea, Switch and Picker stay Taro's custom elements; the tab bar is the portal's own.
      useHtmlComponents: true,
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: [contractDir, domainDir] },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      // Content-hashed like the scripts, so the server can let browsers keep them for a year.
      imageUrlLoaderOption: { name: 'static/images/[name].[contenthash:8][ext]' },
      fontUrlLoaderOption: { name: 'static/fonts/[name].[contenthash:8][ext]' },
      webpackChain(chain) {
        // The user-agent parser Taro's h5 APIs import is parsed on first use, not at start-up (config/h5/platform.js).
        chain.resolve.alias.set('platform$', path.join(__dirname, 'h5', 'platform.js'))
        ownTslibForCharts(chain)
        // The router's import of Taro's tab bar element, never used with `tabBar.custom` (config/h5/noTabbar.js).
        chain.plugin('no-taro-tabbar').use(webpack.NormalModuleReplacementPlugin, [
          /^@tarojs\/components\/dist\/components$/,
          (resource: { context?: string; request: string }) => {
            if (/[\\/]@tarojs[\\/]router[\\/]/.test(resource.context ?? '')) resource.request = path.join(__dirname, 'h5', 'noTabbar.js')
          },
        ])
        // Taro's styles for its plain-element components, without weight against ours (config/h5/componentsCss.ts).
        chain.resolve.alias.set(
          '@tarojs/components-react/dist/index.css$',
          weightlessComponentsCss(path.join(root, 'node_modules', '.cache', 'h5-components')),
        )
        if (watching) return
        // Taro splits only the initial chunk, so every page's chunk carried its own copy of React's
        // component wrappers, axios and the API client (about 200 KB each). Shared code goes into
        // shared chunks instead: a page loads only what it adds. What only the pages use stays out of
        // the app's own script, so it is evaluated after start-up, in tasks of its own (one `vendors`
        // script for everything measured worse in Lighthouse: one long start-up task).
        chain.optimization.splitChunks({
          chunks: 'all',
          minSize: 8_000,
          cacheGroups: {
            default: false,
            defaultVendors: false,
            vendors: { test: /[\\/]node_modules[\\/]/, minChunks: 2, priority: 20, reuseExistingChunk: true },
            common: { minChunks: 2, priority: 10, reuseExistingChunk: true },
          },
        })
        // Start-up in a few tasks, one per script, instead of one long one (config/startupTasks.ts).
        chain.plugin('startupTasks').use(StartupTasksPlugin, [
          {
            entry: 'app',
            steps: [
              { name: 'react', import: ['react', 'react-dom'] },
              { name: 'taro', import: ['@tarojs/plugin-platform-h5/dist/runtime', '@tarojs/taro', 'axios'] },
              {
                name: 'core',
                import: ['stores/session.ts', 'stores/elder.ts', 'stores/privacy.ts', 'utils/dayjs.ts', 'services/firstScreen.ts'].map(
                  (f) => path.join(root, 'src', f),
                ),
              },
            ],
          },
        ])
        chain.optimization.runtimeChunk('single')
        chain.plugin('routePreload').use(RoutePreloadPlugin, [{ publicPath: '/', entry: 'app', homePage: 'pages/index/index' }])
        chain.plugin('precompress').use(PrecompressPlugin)
        // webpack's hint weighs raw bytes against 244 KiB; `npm run budget` measures what a first visit
        // really transfers (brotli, every request), against the portal's own budget.
        chain.performance.hints(false)
        // H5_STATS=<file>: which module went into which chunk, to see what a page loads.
        if (process.env.H5_STATS) {
          const file = process.env.H5_STATS
          chain.plugin('stats').use(
            class {
              apply(compiler: import('webpack').Compiler) {
                compiler.hooks.done.tap('stats', (stats) =>
                  fs.writeFileSync(
                    file,
                    JSON.stringify(
                      stats.toJson({
                        all: false,
                        chunks: true,
                        chunkModules: true,
                        chunkRelations: true,
                        chunkModulesSpace: Infinity,
                        nestedModules: true,
                        dependentModules: true,
                        orphanModules: true,
                        nestedModulesSpace: Infinity,
                        ids: true,
                        modules: false,
                        assets: false,
                      }),
                    ),
                  ),
                )
              }
            },
          )
        }
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
