/**
 * 账号管理 (管理员 and 站长: accounts.manage), 操作日志 (audit.view), and
 * 我的账号 for every station account (its password, its sessions).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  AuditListSchema,
  AuditQuerySchema,
  ChangePasswordBodySchema,
  CreateStaffAccountBodySchema,
  ErrorSchema,
  IdParamsSchema,
  SignedOutSchema,
  StaffAccountListQuerySchema,
  StaffAccountListSchema,
  StaffAccountSchema,
  StaffAccountWithPasswordSchema,
  StaffSessionListSchema,
  UpdateStaffAccountBodySchema,
} from '../../contract/schemas'
import { listAudit } from '../usecases/audit'
import {
  changeOwnPassword,
  createAccount,
  getAccount,
  listAccounts,
  ownSessions,
  resetPassword,
  setAccountDisabled,
  signOutOthers,
  updateAccount,
} from '../usecases/staffAccounts'

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema }

const adminAccountRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { ctx } = app
  const manage = { onRequest: app.authorize('accounts.manage') }
  const security = [{ bearer: [] }]
  const tags = ['账号管理']

  app.get(
    '/api/admin/accounts',
    {
      ...manage,
      schema: {
        tags,
        summary: '我管理范围内的工作人员账号（站长：本站社工；管理员：本站及下设站点）',
        security,
        querystring: StaffAccountListQuerySchema,
        response: { 200: StaffAccountListSchema, ...errors },
      },
    },
    async (request) => listAccounts(ctx, request.staff!, request.query),
  )

  app.post(
    '/api/admin/accounts',
    {
      ...manage,
      schema: {
        tags,
        summary: '新建账号：角色不高于自己，站点在管理范围内；初始密码只在此显示一次，首次登录须修改',
        security,
        body: CreateStaffAccountBodySchema,
        response: { 201: StaffAccountWithPasswordSchema, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await createAccount(ctx, request.staff!, request.body)),
  )

  app.get(
    '/api/admin/accounts/:id',
    {
      ...manage,
      schema: { tags, summary: '一个账号', security, params: IdParamsSchema, response: { 200: StaffAccountSchema, ...errors } },
    },
    async (request) => getAccount(ctx, request.staff!, request.params.id),
  )

  app.patch(
    '/api/admin/accounts/:id',
    {
      ...manage,
      schema: {
        tags,
        summary: '修改姓名、手机号，调到其他站点，或改角色（不能改自己的角色；站点最后一位管理员不能降级或调走）',
        security,
        params: IdParamsSchema,
        body: UpdateStaffAccountBodySchema,
        response: { 200: StaffAccountSchema, ...errors },
      },
    },
    async (request) => updateAccount(ctx, request.staff!, request.params.id, request.body),
  )

  app.post(
    '/api/admin/accounts/:id/reset-password',
    {
      ...manage,
      schema: {
        tags,
        summary: '重置密码：生成新的初始密码（仅此一次显示），该账号所有登录立即失效',
        security,
        params: IdParamsSchema,
        response: { 200: StaffAccountWithPasswordSchema, ...errors },
      },
    },
    async (request) => resetPassword(ctx, request.staff!, request.params.id),
  )

  app.post(
    '/api/admin/accounts/:id/disable',
    {
      ...manage,
      schema: {
        tags,
        summary: '停用：所有登录立即失效，不能再登录；其已受理未办结的求助回到所在站点的队列',
        security,
        params: IdParamsSchema,
        response: { 200: StaffAccountSchema, ...errors },
      },
    },
    async (request) => setAccountDisabled(ctx, request.staff!, request.params.id, true),
  )

  app.post(
    '/api/admin/accounts/:id/enable',
    {
      ...manage,
      schema: { tags, summary: '重新启用', security, params: IdParamsSchema, response: { 200: StaffAccountSchema, ...errors } },
    },
    async (request) => setAccountDisabled(ctx, request.staff!, request.params.id, false),
  )

  app.get(
    '/api/admin/audit',
    {
      onRequest: app.authorize('audit.view'),
      schema: {
        tags,
        summary: '操作日志：谁在什么时候改了哪个站点、账号或日历，每项改动前后（最新在前，每页 50 条）',
        security,
        querystring: AuditQuerySchema,
        response: { 200: AuditListSchema, ...errors },
      },
    },
    async (request) => listAudit(ctx, request.staff!, request.query),
  )

  // 我的账号: every station account, also one that must still change its first password.
  const own = { onRequest: app.authenticateStaff }
  app.post(
    '/api/staff/me/password',
    {
      ...own,
      config: { limit: 'login' },
      schema: {
        tags: ['工作台'],
        summary: '修改自己的密码（先验证当前密码）；本机以外的登录随之失效',
        security,
        body: ChangePasswordBodySchema,
        response: { 204: { type: 'null' }, ...errors, 429: ErrorSchema },
      },
    },
    async (request, reply) => {
      await changeOwnPassword(ctx, request.staff!.id, request.sessionToken!, request.body)
      return reply.code(204).send()
    },
  )

  app.get(
    '/api/staff/me/sessions',
    {
      ...own,
      schema: { tags: ['工作台'], summary: '自己当前有效的登录', security, response: { 200: StaffSessionListSchema, ...errors } },
    },
    async (request) => ownSessions(ctx, request.staff!.id, request.sessionToken!),
  )

  app.post(
    '/api/staff/me/sessions/sign-out-others',
    {
      ...own,
      schema: { tags: ['工作台'], summary: '退出本机以外的所有登录', security, response: { 200: SignedOutSchema, ...errors } },
    },
    async (request) => ({ signedOut: await signOutOthers(ctx, request.staff!.id, request.sessionToken!) }),
  )
}

export default adminAccountRoutes
