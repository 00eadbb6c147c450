/**
 * The client's address, as the rate limits and the staff-login throttle count
 * it: `request.ip`, which is the socket's peer unless TRUST_PROXY names that
 * peer as a proxy (then the first address in X-Forwarded-For, read from the
 * right, that is not a trusted proxy). An IPv4 address written as IPv6
 * (::ffff:1.2.3.4) counts as itself; an IPv6 address counts by its /64, the
 * block one subscriber holds, so rotating addresses inside it changes nothing.
 */
import ipaddr from 'ipaddr.js'

export function clientAddress(ip: string): string {
  if (!ipaddr.isValid(ip)) return ip
  const parsed = ipaddr.process(ip) // ::ffff:a.b.c.d → a.b.c.d
  if (parsed.kind() === 'ipv4') return parsed.toString()
  const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4).map((p) => p.toString(16))
  return `${parts.join(':')}::/64`
}

/** An address written the usual way: four decimal parts, or IPv6 (not "127.1" or "0x7f000001", which ipaddr.js also reads). */
const isPlainAddress = (a: string) => ipaddr.IPv4.isValidFourPartDecimal(a) || ipaddr.IPv6.isValid(a)

/** TRUST_PROXY entries: addresses, CIDR blocks, or proxy-addr's names loopback / linklocal / uniquelocal. */
export function isProxySpec(entry: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true
  const [address = '', bits, ...rest] = entry.split('/')
  if (rest.length > 0 || !isPlainAddress(address)) return false
  if (bits === undefined) return true
  return /^\d{1,3}$/.test(bits) && ipaddr.isValidCIDR(entry)
}
