/**
 * Security headers for the h5 portal (helmet), CORS limited to configured
 * origins, and rate limits per user (or per client address before login) on login,
 * submission and upload — answered with 429, Retry-After and `{ code, message }`.
 */
import fp from 'fastify-plugin'
import helmet from '@fastify/helmet'
import cors from '@fastify/cors'
import rateLimit from '@fastify/rate-limit'
import type { FastifyRequest } from 'fastify'
import { clientAddress } from '../services/clientAddress'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Name of the rate limit this route counts against (see Config.rateLimits). */
    limit?: 'login' | 'submit' | 'upload' | 'enroll'
  }
}

/**
 * Per signed-in user on the routes that authenticate (the limiter runs after
 * their onRequest check, so `request.user` is verified), else per client
 * address. Never from an unverified header: a bearer token nobody checked, or
 * X-Forwarded-For from a peer TRUST_PROXY does not name, would give each try a
 * key of its own.
 */
function limitKey(request: FastifyRequest): string {
  return request.user ? `u:${request.user.id}` : `ip:${clientAddress(request.ip)}`
}

export default fp(
  async (app) => {
    const { config } = app.ctx
    await app.register(helmet, {
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          // Taro's h5 page carries one small inline script (the rem setup).
          scriptSrc: ["'self'", "'unsafe-inline'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          // blob: the h5 build uploads a chosen file (an import workbook) by reading its blob URL.
          connectSrc: ["'self'", 'blob:'],
          frameAncestors: ["'none'"],
        },
      },
      crossOriginEmbedderPolicy: false,
    })
    await app.register(cors, { origin: config.corsOrigins.length > 0 ? config.corsOrigins : false })
    // Before the rate-limit plugin's own onRoute hook, which reads `config.rateLimit`.
    app.addHook('onRoute', (route) => {
      const name = route.config?.limit
      if (!name) return
      const max = config.rateLimits[name]
      route.config = { ...route.config, rateLimit: { max, timeWindow: 60_000 } } as typeof route.config
    })
    await app.register(rateLimit, {
      global: false,
      keyGenerator: limitKey,
      errorResponseBuilder: (_request, context) => ({
        statusCode: 429,
        code: 'RATE_LIMITED',
        message: `操作太频繁，请 ${Math.ceil(context.ttl / 1000)} 秒后再试`,
      }),
    })
  },
  { name: 'security', dependencies: ['context'] },
)
