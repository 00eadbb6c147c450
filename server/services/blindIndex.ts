/**
 * Blind index for sealed phones: equal phones become comparable in SQL
 * without decrypting a row. The index of a value is HMAC-SHA-256 under a key
 * derived from a DATA_KEYS key with HKDF (info "blind-index/v1": never the
 * encryption key itself), written as `<key id>:<base64url>`. New values are
 * indexed under the current key; a lookup asks for the value under every key
 * still configured, so rows not yet re-indexed after a rotation still match.
 * The resealing job moves rows to the current key (server/repositories/reseal.ts).
 */
import { createHmac, hkdfSync } from 'node:crypto'
import { normalizePhone } from '../../domain/phone'
import { dataKeys, type DataKey } from './fieldCrypto'

const derived = new WeakMap<Buffer, Buffer>()

function indexKey(k: DataKey): Buffer {
  let key = derived.get(k.key)
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', k.key, Buffer.alloc(0), 'blind-index/v1', 32))
    derived.set(k.key, key)
  }
  return key
}

const hmac = (k: DataKey, value: string) => `${k.id}:${createHmac('sha256', indexKey(k)).update(value, 'utf8').digest('base64url')}`

/** What is hashed for a phone: its digits as the forms normalize them (+86, spaces and brackets gone). */
const phoneText = (phone: string) => normalizePhone(phone).replace(/-/g, '')
/** What is hashed for a helped person: the name without spaces, a separator no name holds, the phone. */
const helpedText = (name: string, phone: string) => `${name.replace(/\s+/g, '')}\u0000${phoneText(phone)}`

function current(value: string | null): string | null {
  const k = dataKeys()[0]
  return k && value ? hmac(k, value) : null
}
const everyKey = (value: string | null): string[] => (value ? dataKeys().map((k) => hmac(k, value)) : [])

const phoneValue = (phone: string | null | undefined) => (phone?.trim() ? phoneText(phone) : null)
const helpedValue = (name: string | null | undefined, phone: string | null | undefined) =>
  name?.trim() && phone?.trim() ? helpedText(name, phone) : null

/** The submitter's phone under the current key; null for no phone. */
export const phoneIndex = (phone: string | null | undefined) => current(phoneValue(phone))
/** The helped person's name and phone under the current key; null unless both are there. */
export const helpedIndex = (name: string | null | undefined, phone: string | null | undefined) => current(helpedValue(name, phone))
/** A phone under every configured key, to look it up during a rotation too. */
export const phoneIndexes = (phone: string | null | undefined) => everyKey(phoneValue(phone))
export const helpedIndexes = (name: string | null | undefined, phone: string | null | undefined) => everyKey(helpedValue(name, phone))

/** What a request says of whom it helps. */
export interface HelpedOf {
  requester: 'self' | 'family'
  contactName: string | null | undefined
  contactPhone: string | null | undefined
  helpedName: string | null | undefined
  helpedPhone: string | null | undefined
}
/**
 * Whom a request helps, as its helped-person index is computed: the helped
 * person of a 代办 (family) request; the submitter of a 本人 one — so the
 * mother's own request and her daughter's request for her share the index.
 */
export const helpedPersonOf = (r: HelpedOf): { name: string | null | undefined; phone: string | null | undefined } =>
  r.requester === 'self' ? { name: r.contactName, phone: r.contactPhone } : { name: r.helpedName, phone: r.helpedPhone }
/** The helped-person index of a request under the current key (see helpedPersonOf). */
export function requestHelpedIndex(r: HelpedOf): string | null {
  const person = helpedPersonOf(r)
  return helpedIndex(person.name, person.phone)
}
