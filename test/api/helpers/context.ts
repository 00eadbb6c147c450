/** The server's context (server/context.ts) over a test's own database, for tests that call use cases directly. */
import type { CreateRequestBody, HelpRequest } from '../../../contract/types'
import { loadConfig } from '../../../server/config'
import { at, createContext, type AppContext } from '../../../server/context'
import type { Database } from '../../../server/db'
import { createRequest, getRequest } from '../../../server/usecases/requests'

export async function testContext(db: Database, env: Record<string, string> = {}): Promise<AppContext> {
  return createContext({ db, config: loadConfig({ NODE_ENV: 'test', ...env }) })
}

/** A resident submits a request at `now`, as the app does; returns it as they see it. */
export async function submitAt(ctx: AppContext, userId: string, body: CreateRequestBody, now: Date = new Date()): Promise<HelpRequest> {
  const c = at(ctx, now)
  const id = await ctx.db.transaction((tx) => createRequest(c, tx, { userId, channel: 'miniprogram', body, actorId: userId }))
  return (await getRequest(c, ctx.db, id, { internal: false }))!
}

export { at, type AppContext }
