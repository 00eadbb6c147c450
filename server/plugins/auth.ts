/** Bearer-token authentication: `request.user` for routes that opt in with `preHandler: app.authenticate`. */
import fp from 'fastify-plugin'
import type { FastifyRequest } from 'fastify'
import type { User } from '../../contract/types'
import { unauthorized } from '../errors'
import { findSessionUser } from '../repositories/sessions'

declare module 'fastify' {
  interface FastifyRequest {
    user: User | null
    sessionToken: string | null
  }
  interface FastifyInstance {
    authenticate: (request: FastifyRequest, reply: FastifyReply) => Promise<void>
  }
}

export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization
  if (!header) return null
  const match = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(header)
  return match ? match[1]! : null
}

export default fp(
  async (app) => {
    app.decorateRequest('user', null)
    app.decorateRequest('sessionToken', null)
    app.decorate('authenticate', async (request: FastifyRequest) => {
      const token = bearerToken(request)
      if (!token) throw unauthorized('请先登录')
      const user = await findSessionUser(app.db, token, app.clock())
      if (!user) throw unauthorized('登录已过期，请重新登录')
      request.user = user
      request.sessionToken = token
    })
  },
  { name: 'auth', dependencies: ['db'] },
)
