/**
 * Starts the API: opens (and migrates) the database, loads the demo data when
 * configured, listens, and shuts down gracefully on SIGINT/SIGTERM.
 */
import { buildApp } from './app'
import { ConfigError, loadConfig } from './config'
import { openDatabase, type Database } from './db'
import { DataDirLockedError } from './db/lock'
import { startJobs } from './jobs'
import { seedDemoData } from './seed'

async function main() {
  let config
  try {
    config = loadConfig()
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`配置错误：${err.message}`)
      process.exit(78)
    }
    throw err
  }

  let db: Database
  try {
    db = await openDatabase(config)
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      console.error(err.message)
      process.exit(75)
    }
    const where = config.databaseUrl ? 'PostgreSQL（DATABASE_URL）' : `嵌入式数据库（${config.dataDir}）`
    console.error(`无法打开${where}：${(err as Error).message}`)
    process.exit(69)
  }

  if (config.seedDemo) await seedDemoData(db)

  const app = await buildApp({ config, db })
  const stopJobs = startJobs(app.ctx, app.log)

  let closing = false
  const shutdown = async (signal: string) => {
    if (closing) return
    closing = true
    app.log.info({ signal }, 'shutting down')
    const force = setTimeout(() => process.exit(1), 10_000)
    force.unref()
    stopJobs()
    try {
      await app.close() // finishes in-flight requests
    } finally {
      await db.close()
    }
    process.exit(0)
  }
  process.on('SIGINT', () => void shutdown('SIGINT'))
  process.on('SIGTERM', () => void shutdown('SIGTERM'))

  try {
    await app.listen({ host: config.host, port: config.port })
  } catch (err) {
    console.error(`无法监听 ${config.host}:${config.port}：${(err as Error).message}`)
    await db.close()
    process.exit(1)
  }
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  const base = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`
  // One line machines can read (tests wait for it) and people can follow.
  console.log(
    `社工站居民服务已启动 ${base}/  数据库：${db.kind === 'pglite' ? `嵌入式 PGlite（${config.dataDir}）` : 'PostgreSQL'}  API 文档：${base}/api/openapi.json`,
  )
}

void main()
