/**
 * Station accounts log in with a password. Guessing is throttled per username
 * AND client address (usecases/loginThrottle.ts), so that an attacker who knows
 * a username cannot lock its worker out from the worker's own place.
 */
import type { User } from '../../contract/types'
import type { AppContext } from '../context'
import { fail } from '../errors'
import { staffAccount } from '../repositories/staff'
import { verifyPassword } from '../services/password'
import { loginSucceeded, takeLoginAttempt } from './loginThrottle'

const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'

/** Checks a station account's password from `address` (the client's): 401 when wrong or the account is disabled, 429 while throttled. */
export async function staffLogin(ctx: AppContext, username: string, password: string, address: string): Promise<User> {
  const now = ctx.clock()
  // Counted before the (slow) password check: guesses sent at once each take an attempt of their own.
  await takeLoginAttempt(ctx.db, username, address, now)
  const row = await staffAccount(ctx.db, username)
  // Same work whether or not the account exists, so timing does not tell usernames apart.
  const ok = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH)
  if (!row || !ok) throw fail('UNAUTHORIZED', '账号或密码不正确')
  await loginSucceeded(ctx.db, username, address, now)
  // Said only to whoever knows the password.
  if (row.disabled_at) throw fail('UNAUTHORIZED', '这个账号已停用，请联系站长或管理员')
  return { id: row.id, nickname: row.nickname, role: row.role }
}
