/**
 * `npm run setup -- --stations <file> --admin <username> --name <姓名> [--station <code>]`:
 * a city's empty database (PGlite in DATA_DIR, or DATABASE_URL) to its first
 * login — the stations sheet imported, the first 管理员 opened with a one-time
 * password printed once (server/seed/citySetup.ts). README: 上线.
 */
import path from 'node:path'
import { parseArgs } from 'node:util'
import { ConfigError, loadConfig } from './config'
import { openDatabase, type Database } from './db'
import { SetupError, setupCity } from './seed/citySetup'

async function main() {
  const { values } = parseArgs({
    options: {
      stations: { type: 'string' },
      admin: { type: 'string' },
      name: { type: 'string' },
      station: { type: 'string' },
    },
  })
  if (!values.stations || !values.admin || !values.name) {
    console.error('用法：npm run setup -- --stations 站点表.xlsx --admin 账号 --name 姓名 [--station 站点编码]')
    process.exit(64)
  }
  let db: Database
  try {
    db = await openDatabase(loadConfig())
  } catch (err) {
    console.error(err instanceof ConfigError ? `配置错误：${err.message}` : `无法打开数据库：${(err as Error).message}`)
    process.exit(69)
  }
  try {
    const done = await setupCity(db, {
      stationsFile: path.resolve(values.stations),
      admin: { username: values.admin, nickname: values.name },
      stationCode: values.station,
    })
    console.log(`已导入 ${done.stationsAdded} 个站点。`)
    console.log(`已开通管理员 ${done.admin.username}（${done.admin.stationName}）。`)
    console.log(`初始密码（只显示这一次，首次登录后须修改）：${done.admin.initialPassword}`)
  } catch (err) {
    if (!(err instanceof SetupError)) throw err
    console.error(err.message)
    process.exitCode = 1
  } finally {
    await db.close()
  }
}

void main()
