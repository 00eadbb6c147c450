/**
 * The page a visitor opens starts downloading with the app's own script, not after it.
 *
 * Taro loads each page's chunks (its own, and the shared chunks it needs) only once the app's script
 * has run and the router has read the address: on a slow network that is one more round trip and
 * download after the biggest one. This plugin writes into index.html, before the app's script, a
 * small script that reads the page from the address (`#/pages/stations/index`; none: 首页) and adds
 * `<link rel="preload">` for that page's scripts and styles, so they come in alongside the app's.
 * Taro's own loader then finds them in the browser's cache.
 */
import type { Chunk, Compiler } from 'webpack'

/**
 * `./pages/index/index` → the route Taro's router uses. The main package's pages only (tabs, station,
 * area): each route costs bytes in index.html, which every visit loads.
 */
const ROUTE = /^\.\/(pages\/.+\/index)$/

export class RoutePreloadPlugin {
  constructor(private readonly options: { publicPath: string; entry: string; homePage: string }) {}

  apply(compiler: Compiler) {
    const { Compilation, sources } = compiler.webpack
    compiler.hooks.thisCompilation.tap('RoutePreloadPlugin', (compilation) => {
      compilation.hooks.processAssets.tap(
        // After the content hashes are final (the file names written here), before the compressed copies.
        { name: 'RoutePreloadPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_HASH + 1 },
        () => {
          const html = compilation.getAsset('index.html')
          const entry = compilation.entrypoints.get(this.options.entry)
          if (!html || !entry) return
          const initial = new Set<Chunk>(entry.chunks)
          const files: Record<string, string[]> = {}
          for (const group of entry.getChildren()) {
            const route = group.origins.map((o) => ROUTE.exec(o.request)?.[1]).find(Boolean)
            if (!route) continue
            files[route] = group.chunks
              .filter((c) => !initial.has(c))
              .flatMap((c) => [...c.files])
              .filter((f) => /\.(js|css)$/.test(f))
              .sort((a, b) => Number(b.endsWith('.css')) - Number(a.endsWith('.css')))
          }
          if (!files[this.options.homePage]) {
            compilation.errors.push(new compiler.webpack.WebpackError(`RoutePreloadPlugin: no chunks found for ${this.options.homePage}`))
            return
          }
          const script =
            '<script>!function(m,p,h){var d=document,r=location.hash.replace(/^#\\/?/,"").split("?")[0]||h;' +
            '(m[r]||[]).forEach(function(f){var l=d.createElement("link");l.rel="preload";l.as=/\\.css$/.test(f)?"style":"script";' +
            'l.href=p+f;d.head.appendChild(l)})}(' +
            `${JSON.stringify(files)},${JSON.stringify(this.options.publicPath)},${JSON.stringify(this.options.homePage)})</script>`
          const text = html.source.source().toString()
          const at = text.indexOf('<script defer')
          if (at < 0) {
            compilation.errors.push(new compiler.webpack.WebpackError('RoutePreloadPlugin: no deferred app script in index.html'))
            return
          }
          compilation.updateAsset('index.html', new sources.RawSource(text.slice(0, at) + script + text.slice(at)))
        },
      )
    })
  }
}
