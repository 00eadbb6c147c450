/**
 * Encryption at rest for phone numbers and addresses: AES-256-GCM per field,
 * stored as `enc:v1:<key id>:<base64url(iv | tag | ciphertext)>`. Keys come
 * from DATA_KEYS ("id:base64key,…", the first one current, the others kept to
 * read older rows); the resealing job moves rows to the current key. Values
 * without the prefix (written before encryption existed) are read as they are
 * and sealed by the same job.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'

const PREFIX = 'enc:v1:'

export interface DataKey {
  id: string
  key: Buffer
}

export class DataKeyError extends Error {}

/** Parses DATA_KEYS: `k2:<base64 32 bytes>,k1:<base64 32 bytes>`; the first is current. */
export function parseDataKeys(value: string | undefined): DataKey[] {
  if (!value?.trim()) return []
  return value.split(',').map((part) => {
    const [id, b64] = part.trim().split(':')
    const key = Buffer.from(b64 ?? '', 'base64')
    if (!id || !/^[A-Za-z0-9_-]{1,20}$/.test(id) || key.length !== 32) {
      throw new DataKeyError('DATA_KEYS must be "id:base64key,…" with 32-byte keys (e.g. `openssl rand -base64 32`)')
    }
    return { id, key }
  })
}

let keys: DataKey[] = []

/** The keys this process seals and opens with (set once at start). */
export function useDataKeys(k: DataKey[]) {
  keys = k
}

export const currentKeyId = () => keys[0]?.id ?? null

/** Every key of this process, the current one first (the blind index derives its own keys from them). */
export const dataKeys = (): readonly DataKey[] => keys

export function seal<T extends string | null | undefined>(value: T): T {
  const current = keys[0]
  if (!current || !value) return value
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', current.key, iv)
  const ct = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()])
  return `${PREFIX}${current.id}:${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64url')}` as T
}

export function unseal<T extends string | null | undefined>(value: T): T {
  if (!value || !value.startsWith(PREFIX)) return value
  const [id, data] = value.slice(PREFIX.length).split(':')
  const k = keys.find((x) => x.id === id)
  if (!k) throw new DataKeyError(`a field is sealed with key "${id}", which is not in DATA_KEYS`)
  const raw = Buffer.from(data ?? '', 'base64url')
  const decipher = createDecipheriv('aes-256-gcm', k.key, raw.subarray(0, 12))
  decipher.setAuthTag(raw.subarray(12, 28))
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8') as T
}

/** SQL condition: the column holds a value not sealed with the current key. */
export const notSealedSql = (column: string, param: string) => `(${column} <> '' AND ${column} NOT LIKE ${param})`
