/**
 * GET /api/metrics: the instance's metrics in Prometheus' text format. Not
 * public: a scraper on the same host (loopback, not forwarded by a proxy), or
 * one that sends METRICS_TOKEN as a bearer token.
 */
import { timingSafeEqual } from 'node:crypto'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { fail } from '../errors'
import { bearerToken } from '../plugins/auth'

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/

/** The caller itself is on this host: the socket's address (never X-Forwarded-For), and no proxy in between. */
function fromThisHost(request: FastifyRequest): boolean {
  const forwarded = request.headers['x-forwarded-for'] !== undefined || request.headers.forwarded !== undefined
  return !forwarded && LOOPBACK.test(request.socket.remoteAddress ?? '')
}

function tokenMatches(given: string | null, expected: string | null): boolean {
  if (!given || !expected) return false
  const givenBytes = Buffer.from(given)
  const expectedBytes = Buffer.from(expected)
  return givenBytes.length === expectedBytes.length && timingSafeEqual(givenBytes, expectedBytes)
}

const metrics: FastifyPluginAsyncTypebox = async (app) => {
  const { config, metrics: m } = app.ctx
  app.get(
    '/api/metrics',
    {
      schema: { tags: ['运维'], summary: '运行指标（Prometheus 文本格式）：仅限本机，或携带 METRICS_TOKEN', hide: true },
    },
    async (request, reply) => {
      const token = bearerToken(request)
      if (token ? !tokenMatches(token, config.metricsToken) : !fromThisHost(request))
        throw fail('FORBIDDEN', '运行指标只对本机或持有监控令牌的调用方开放')
      return reply.type(m.registry.contentType).send(await m.registry.metrics())
    },
  )
}

export default metrics
