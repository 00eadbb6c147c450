/** Staff passwords: scrypt (a slow, memory-hard KDF) with a random salt; constant-time comparison. */
import { randomBytes, randomInt, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto'
import commonPasswords from 'fxa-common-password-list'

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scryptCb(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))))

const N = 2 ** 15
const r = 8
const p = 1
const MAXMEM = 64 * 1024 * 1024

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await scrypt(password.normalize('NFKC'), salt, 32, { N, r, p, maxmem: MAXMEM })
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64url')}$${key.toString('base64url')}`
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, rr, pp, salt, hash] = stored.split('$')
  if (scheme !== 'scrypt' || !salt || !hash) return false
  const expected = Buffer.from(hash, 'base64url')
  const key = await scrypt(password.normalize('NFKC'), Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(rr),
    p: Number(pp),
    maxmem: MAXMEM,
  })
  return timingSafeEqual(key, expected)
}

/** Letters and digits that cannot be mistaken for each other when read out or copied by hand (no 0/O, 1/l/I). */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'

/** A first or reset password: 12 random characters in groups of four (e.g. `k7Qm-3xTa-9pRw`), shown once. */
export function generatePassword(): string {
  const chars = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)])
  return [0, 4, 8].map((i) => chars.slice(i, i + 4).join('')).join('-')
}

/** Whether a password is among the commonest million (Mozilla's list, the fxa-common-password-list package). */
export function isCommonPassword(password: string): boolean {
  return commonPasswords.test(password)
}
