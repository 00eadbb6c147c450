/**
 * Writes a brotli (`.br`) and a gzip (`.gz`) copy beside every text asset of
 * the h5 build, once, at build time: the server sends the copy the browser
 * accepts (`@fastify/static`'s `preCompressed`), so nothing is compressed per
 * request and nothing goes out uncompressed.
 */
import zlib from 'node:zlib'
import type { Compiler } from 'webpack'

const COMPRESSIBLE = /\.(js|css|html|svg|json|txt)$/
/** Below this, the copy saves less than the headers it costs. */
const MIN_BYTES = 512

export class PrecompressPlugin {
  apply(compiler: Compiler) {
    const { Compilation, sources } = compiler.webpack
    compiler.hooks.thisCompilation.tap('PrecompressPlugin', (compilation) => {
      compilation.hooks.processAssets.tap(
        // After minifying, hashing and html-webpack-plugin: the bytes that go out.
        { name: 'PrecompressPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_TRANSFER },
        (assets) => {
          for (const name of Object.keys(assets)) {
            if (!COMPRESSIBLE.test(name) || name.endsWith('.LICENSE.txt')) continue
            const raw = compilation.getAsset(name)!.source.buffer()
            if (raw.length < MIN_BYTES) continue
            const br = zlib.brotliCompressSync(raw, {
              params: {
                [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
                [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
              },
            })
            const gz = zlib.gzipSync(raw, { level: zlib.constants.Z_BEST_COMPRESSION })
            compilation.emitAsset(`${name}.br`, new sources.RawSource(br), { compressed: true })
            compilation.emitAsset(`${name}.gz`, new sources.RawSource(gz), { compressed: true })
          }
        },
      )
    })
  }
}
