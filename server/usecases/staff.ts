/** Station accounts log in with a password; repeated failures lock the account for a while. */
import type { User } from '../../contract/types'
import type { AppContext } from '../context'
import { fail } from '../errors'
import { clearFailedLogins, saveFailedLogins, staffAccount } from '../repositories/staff'
import { verifyPassword } from '../services/password'

export const MAX_FAILED_LOGINS = 5
export const LOCKOUT_MINUTES = 15

const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'

/** Checks a station account's password: 401 when wrong or the account is disabled, 429 while locked. */
export async function staffLogin(ctx: AppContext, username: string, password: string): Promise<User> {
  const now = ctx.clock()
  const row = await staffAccount(ctx.db, username)
  // Same work whether or not the account exists, so timing does not tell usernames apart.
  const ok = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH)
  if (!row) throw fail('UNAUTHORIZED', '账号或密码不正确')
  if (row.locked_until && new Date(row.locked_until) > now) {
    throw fail('RATE_LIMITED', `密码错误次数过多，账号已锁定，请 ${LOCKOUT_MINUTES} 分钟后再试`)
  }
  if (!ok) {
    const failed = row.failed_logins + 1
    const lock = failed >= MAX_FAILED_LOGINS ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000) : null
    await saveFailedLogins(ctx.db, row.id, lock ? 0 : failed, lock)
    throw fail('UNAUTHORIZED', lock ? `密码错误次数过多，账号已锁定 ${LOCKOUT_MINUTES} 分钟` : '账号或密码不正确')
  }
  await clearFailedLogins(ctx.db, row.id)
  // Said only to whoever knows the password.
  if (row.disabled_at) throw fail('UNAUTHORIZED', '这个账号已停用，请联系站长或管理员')
  return { id: row.id, nickname: row.nickname, role: row.role }
}
