/**
 * Staff login throttling. Every attempt is counted before the password is
 * checked, atomically, twice:
 *
 * - per username and client address: after PER_ADDRESS.attempts attempts
 *   without a success in PER_ADDRESS.minutes, that address may not try that
 *   username again until the window ends;
 * - per username over every address, a slower limit (PER_ACCOUNT): beyond it,
 *   only addresses the account logged in from in the last KNOWN_ADDRESS_DAYS
 *   may try — so guesses from many addresses are stopped, and the worker's own
 *   office keeps working (an attacker cannot keep the account locked).
 *
 * Unknown usernames are counted like known ones: a refusal tells nothing
 * about which usernames exist. The per-address rate limit on every login route
 * (RATE_LIMIT_LOGIN, plugins/security.ts) comes on top.
 */
import type { Queryable } from '../db'
import { tooManyAttempts } from '../errors'
import { countAttempt, countSuccess, EVERY_ADDRESS, purgeLoginAttempts } from '../repositories/loginAttempts'

export const LOGIN_THROTTLE = {
  perAddress: { attempts: 5, minutes: 15 },
  perAccount: { attempts: 50, minutes: 60 },
  knownAddressDays: 30,
} as const

const MINUTE = 60_000

export async function takeLoginAttempt(db: Queryable, username: string, address: string, now: Date): Promise<void> {
  const { perAddress, perAccount, knownAddressDays } = LOGIN_THROTTLE
  const here = await countAttempt(db, username, address, new Date(now.getTime() - perAddress.minutes * MINUTE), now)
  if (here.attempts > perAddress.attempts) {
    const seconds = secondsUntil(here.windowStartedAt, perAddress.minutes, now)
    throw tooManyAttempts(`密码错误次数过多，本设备登录此账号已锁定，请 ${Math.ceil(seconds / 60)} 分钟后再试`, seconds)
  }
  const everywhere = await countAttempt(db, username, EVERY_ADDRESS, new Date(now.getTime() - perAccount.minutes * MINUTE), now)
  const known = here.succeededAt !== null && now.getTime() - here.succeededAt.getTime() < knownAddressDays * 24 * 60 * MINUTE
  if (everywhere.attempts > perAccount.attempts && !known) {
    const seconds = secondsUntil(everywhere.windowStartedAt, perAccount.minutes, now)
    throw tooManyAttempts(
      `此账号近期登录失败次数过多，已锁定新设备的登录，请 ${Math.ceil(seconds / 60)} 分钟后再试，或在常用的电脑上登录`,
      seconds,
    )
  }
}

export const loginSucceeded = countSuccess

function secondsUntil(windowStartedAt: Date, minutes: number, now: Date): number {
  return Math.max(1, Math.ceil((windowStartedAt.getTime() + minutes * MINUTE - now.getTime()) / 1000))
}

/** The jobs loop: counts whose window ended, and addresses not used for KNOWN_ADDRESS_DAYS, are forgotten. */
export const forgetLoginAttempts = (db: Queryable, now: Date) =>
  purgeLoginAttempts(db, new Date(now.getTime() - LOGIN_THROTTLE.knownAddressDays * 24 * 60 * MINUTE))
