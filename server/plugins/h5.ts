/** Serves the h5 build of the mini-program at `/` (the resident portal in a browser). */
import fs from 'node:fs'
import path from 'node:path'
import fp from 'fastify-plugin'
import fastifyStatic from '@fastify/static'

export default fp(
  async (app, opts: { dir: string }) => {
    if (!fs.existsSync(path.join(opts.dir, 'index.html'))) {
      app.get('/', async (_request, reply) =>
        reply
          .type('text/html; charset=utf-8')
          .send('<!doctype html><meta charset="utf-8"><title>社工站居民服务</title><p>H5 门户尚未构建：请先运行 <code>npm run build:h5</code>，再重启服务。API 已可用：<a href="/api/health">/api/health</a></p>'),
      )
      return
    }
    await app.register(fastifyStatic, {
      root: opts.dir,
      prefix: '/',
      setHeaders(res, filePath) {
        // Hashed assets never change; the page itself must always be revalidated.
        if (/\.[0-9a-f]{8}\.(js|css)$/.test(filePath)) res.setHeader('cache-control', 'public, max-age=31536000, immutable')
        else res.setHeader('cache-control', 'no-cache')
      },
    })
  },
  { name: 'h5' },
)
