/**
 * Serves the h5 build of the mini-program at `/` (the resident portal in a browser).
 *
 * The build writes a brotli and a gzip copy beside each text file
 * (config/precompress.ts); the copy the browser accepts is sent as it is.
 * Content-hashed files (`name.1a2b3c4d.js`) never change, so browsers keep
 * them for a year; everything else, index.html first, is revalidated each time.
 */
import fs from 'node:fs'
import path from 'node:path'
import fp from 'fastify-plugin'
import fastifyStatic from '@fastify/static'

/** `js/app.1a2b3c4d.js`, `static/images/home.1a2b3c4d.png`, or their `.br` / `.gz` copies. */
const HASHED = /\.[0-9a-f]{8}\.[a-z0-9]+(\.br|\.gz)?$/
const COMPRESSIBLE = /\.(js|css|html|svg|json|txt)(\.br|\.gz)?$/

function cacheHeaders(res: { setHeader: (name: string, value: string) => unknown }, filePath: string) {
  res.setHeader('cache-control', HASHED.test(filePath) ? 'public, max-age=31536000, immutable' : 'no-cache')
  // Caches between us and the browser must keep the brotli, gzip and plain answers apart.
  if (COMPRESSIBLE.test(filePath)) res.setHeader('vary', 'accept-encoding')
}

export default fp(
  async (app, opts: { dir: string }) => {
    if (!fs.existsSync(path.join(opts.dir, 'index.html'))) {
      app.get('/', async (_request, reply) =>
        reply
          .type('text/html; charset=utf-8')
          .send(
            '<!doctype html><meta charset="utf-8"><title>社工站居民服务</title><p>H5 门户尚未构建：请先运行 <code>npm run build:h5</code>，再重启服务。API 已可用：<a href="/api/health">/api/health</a></p>',
          ),
      )
      return
    }
    await app.register(fastifyStatic, {
      root: opts.dir,
      prefix: '/',
      preCompressed: true,
      // send's own `Cache-Control: public, max-age=0` would override ours: we set it for every file.
      cacheControl: false,
      setHeaders: cacheHeaders,
    })
  },
  { name: 'h5' },
)
