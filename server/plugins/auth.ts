/**
 * Bearer-token authentication, before anything else about a request is looked
 * at: routes opt in with `onRequest: app.authenticate` (any signed-in account,
 * `request.user`) or `onRequest: app.authenticateStaff` (a station account,
 * also `request.staff`). Running in onRequest — before the body is parsed and
 * the parameters, query and body are validated — a protected route answers
 * 401 (and a staff route 403 to a resident) whatever it is sent, so its input
 * rules are told only to those allowed to call it. `onRequest:
 * app.authorize('queue.work')` also checks the role's capability.
 */
import fp from 'fastify-plugin'
import type { FastifyRequest } from 'fastify'
import type { User } from '../../contract/types'
import type { Capability } from '../../contract/permissions'
import { can, capabilityRefusal } from '../../domain/permissions'
import type { Staff } from '../../domain/staff'
import { forbidden, unauthorized } from '../errors'
import { findSessionUser } from '../repositories/sessions'
import { staffStation } from '../repositories/staff'

declare module 'fastify' {
  interface FastifyRequest {
    user: User | null
    sessionToken: string | null
    /** Set by authenticateStaff: the station account, its role and station. */
    staff: Staff | null
    /** Set by authenticateStaff: a first or reset password not yet changed (only 我的账号 is open). */
    mustChangePassword: boolean
  }
  interface FastifyInstance {
    authenticate: (request: FastifyRequest) => Promise<void>
    authenticateStaff: (request: FastifyRequest) => Promise<void>
    /**
     * authenticateStaff, then 403 unless the account's role has the capability
     * (domain/permissions) and its first (or reset) password has been changed.
     */
    authorize: (capability: Capability) => (request: FastifyRequest) => Promise<void>
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
    const { ctx } = app
    app.decorateRequest('user', null)
    app.decorateRequest('sessionToken', null)
    app.decorateRequest('staff', null)
    app.decorateRequest('mustChangePassword', false)

    const authenticate = async (request: FastifyRequest) => {
      const token = bearerToken(request)
      if (!token) throw unauthorized('请先登录')
      const user = await findSessionUser(ctx.db, token, ctx.clock())
      if (!user) throw unauthorized('登录已过期，请重新登录')
      request.user = user
      request.sessionToken = token
    }
    app.decorate('authenticate', authenticate)
    const authenticateStaff = async (request: FastifyRequest) => {
      await authenticate(request)
      const s = await staffStation(ctx.db, request.user!.id)
      if (!s) throw forbidden('此功能仅限社工站工作人员使用')
      request.staff = { id: request.user!.id, role: s.role, stationId: s.station.id }
      request.mustChangePassword = s.mustChangePassword
    }
    app.decorate('authenticateStaff', authenticateStaff)
    app.decorate('authorize', (capability: Capability) => async (request: FastifyRequest) => {
      await authenticateStaff(request)
      if (!can(request.staff!.role, capability)) throw forbidden(capabilityRefusal(capability))
      if (request.mustChangePassword) throw forbidden('请先在「我的账号」里修改初始密码，再使用工作台')
    })
  },
  { name: 'auth', dependencies: ['context'] },
)
