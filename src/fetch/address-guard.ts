import { lookup as dnsLookup } from 'node:dns'
import { BlockList, isIP, isIPv4, isIPv6, type LookupFunction } from 'node:net'

/**
 * Hosts and addresses the operator exempts from the public-address rule,
 * e.g. a local test site. Build it with `parseAllowList`.
 */
export interface AllowList {
  readonly hosts: ReadonlySet<string>
  readonly addresses: BlockList
}

/** Ports a public site may use; anything else smells of port scanning. */
const WEB_PORTS: ReadonlySet<number> = new Set([80, 443, 8080, 8443])

const RESERVED_V4: ReadonlyArray<readonly [string, number]> = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
]

// Only 2000::/3 is handed out as global unicast, so loopback, ULA, link-local,
// multicast and the rest are excluded by that test; these are the non-public
// blocks inside it (protocol assignments incl. Teredo, and documentation).
const RESERVED_V6: ReadonlyArray<readonly [string, number]> = [
  ['2001::', 23],
  ['2001:db8::', 32],
  ['3fff::', 20],
]

const reserved = new BlockList()
for (const [network, prefix] of RESERVED_V4) reserved.addSubnet(network, prefix, 'ipv4')
for (const [network, prefix] of RESERVED_V6) reserved.addSubnet(network, prefix, 'ipv6')

const HOSTNAME = /^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$/

/**
 * Parses a comma-separated list of hostnames, IP addresses and CIDR ranges,
 * e.g. `127.0.0.1, localhost, 10.0.0.0/8, ::1, fd00::/8`.
 */
export function parseAllowList(value: string): AllowList {
  const hosts = new Set<string>()
  const addresses = new BlockList()
  for (const raw of value.split(',')) {
    const entry = raw.trim().toLowerCase()
    if (entry === '') continue
    if (entry.includes('/')) {
      addSubnet(addresses, entry)
      continue
    }
    const address = unbracket(entry)
    const family = familyOf(address)
    if (family) {
      addresses.addAddress(address, family)
      continue
    }
    const host = stripTrailingDot(entry)
    // A name ending in a numeric label would be read as a (bad) IPv4 address by URL parsers.
    if (!HOSTNAME.test(host) || /^\d+$/.test(host.slice(host.lastIndexOf('.') + 1))) {
      throw invalidEntry(raw)
    }
    hosts.add(host)
  }
  return { hosts, addresses }
}

function addSubnet(list: BlockList, entry: string): void {
  const [network = '', prefixText = '', ...rest] = entry.split('/')
  const family = familyOf(network)
  const prefix = Number(prefixText)
  const maxPrefix = family === 'ipv4' ? 32 : 128
  if (!family || rest.length > 0 || !/^\d{1,3}$/.test(prefixText) || prefix > maxPrefix) {
    throw invalidEntry(entry)
  }
  list.addSubnet(network, prefix, family)
}

function invalidEntry(entry: string): Error {
  return new Error(
    `Invalid allow-list entry "${entry.trim()}": ` +
      'expected a hostname, an IP address or a CIDR range such as 10.0.0.0/8.',
  )
}

/**
 * Whether an address is reachable on the public internet, i.e. not private,
 * loopback, link-local, multicast, reserved or documentation space. IPv6 forms
 * that embed an IPv4 address (mapped, NAT64, 6to4) are judged by that address.
 */
export function isPublicAddress(ip: string): boolean {
  if (isIPv4(ip)) return !reserved.check(ip, 'ipv4')
  const address = ip.split('%')[0] ?? ''
  if (!isIPv6(address)) return false
  const hex = expandIPv6(address)
  const embedded = embeddedIPv4(hex)
  if (embedded) return isPublicAddress(embedded)
  return (hex[0] === '2' || hex[0] === '3') && !reserved.check(address, 'ipv6')
}

/** The port a URL connects to, its scheme's default when it names none. */
export function portOf(url: URL): number {
  return url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port)
}

/** Whether the operator exempted this hostname, or the address it resolved to, in the allow list. */
export function isAllowed(allow: AllowList, hostname: string, ip?: string): boolean {
  const host = stripTrailingDot(unbracket(hostname.toLowerCase()))
  if (allow.hosts.has(host)) return true
  const candidates = ip === undefined ? [host] : [host, ip]
  return candidates.some((address) => {
    const family = familyOf(address)
    return family !== undefined && allow.addresses.check(address, family)
  })
}

/**
 * Whether we may open a connection to `address`:`port` on behalf of `hostname`.
 * Allow-listed hosts and addresses may use any port; public addresses only web ports.
 */
export function isPermittedDestination(allow: AllowList, hostname: string, address: string, port: number): boolean {
  return isAllowed(allow, hostname, address) || (isPublicAddress(address) && WEB_PORTS.has(port))
}

/**
 * Why the guard refuses `address`:`port`, in the words a member reads,
 * whether the posting form or the worker finds it out.
 */
export function refusalMessage(address: string, port: number): string {
  return isPublicAddress(address)
    ? `We only fetch pages from the usual web ports (80, 443, 8080, 8443), not port ${port}.`
    : 'That address is private or reserved; we do not fetch it.'
}

/** Raised instead of connecting to an address the guard refuses. */
export class BlockedAddressError extends Error {
  readonly code = 'ERR_BLOCKED_ADDRESS'

  constructor(
    readonly hostname: string,
    readonly address: string,
    readonly port: number,
  ) {
    super(
      `Refusing to connect to ${hostname} (${address}) on port ${port}: ` +
        'not a public web address and not allow-listed.',
    )
    this.name = 'BlockedAddressError'
  }
}

/**
 * A `dns.lookup` replacement for undici's `connect: { lookup }` on an origin
 * with the given port. Checking the resolved addresses at connect time, rather
 * than resolving up front, leaves no window for DNS rebinding. Addresses the
 * guard refuses are dropped, so a host with one permitted address (localhost
 * as ::1 and 127.0.0.1) still works; if none is left the lookup fails.
 */
export function createGuardedLookup(allow: AllowList, port: number): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, resolved) => {
      if (error) return callback(error, '')
      const permitted = resolved.filter(({ address }) => isPermittedDestination(allow, hostname, address, port))
      const first = permitted[0]
      if (!first) return callback(new BlockedAddressError(hostname, resolved[0]?.address ?? '', port), '')
      if (options.all) return callback(null, permitted)
      callback(null, first.address, first.family)
    })
  }
}

function familyOf(address: string): 'ipv4' | 'ipv6' | undefined {
  const version = isIP(address)
  return version === 4 ? 'ipv4' : version === 6 ? 'ipv6' : undefined
}

function unbracket(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host
}

function stripTrailingDot(host: string): string {
  return host.endsWith('.') ? host.slice(0, -1) : host
}

/** Expands a valid IPv6 address to its 32 hex digits. */
function expandIPv6(address: string): string {
  const hexOnly = address.replace(
    /(\d+)\.(\d+)\.(\d+)\.(\d+)$/,
    (_match, a: string, b: string, c: string, d: string) =>
      `${((Number(a) << 8) | Number(b)).toString(16)}:${((Number(c) << 8) | Number(d)).toString(16)}`,
  )
  const [head = '', tail] = hexOnly.split('::')
  const headGroups = head === '' ? [] : head.split(':')
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':')
  const zeros = Array<string>(8 - headGroups.length - tailGroups.length).fill('0')
  return [...headGroups, ...zeros, ...tailGroups]
    .map((group) => group.padStart(4, '0'))
    .join('')
    .toLowerCase()
}

/** The IPv4 address inside an IPv4-mapped (::ffff:0:0/96), NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address. */
function embeddedIPv4(hex: string): string | undefined {
  if (hex.startsWith('00000000000000000000ffff') || hex.startsWith('0064ff9b0000000000000000')) {
    return dottedQuad(hex.slice(24))
  }
  if (hex.startsWith('2002')) return dottedQuad(hex.slice(4, 12))
  return undefined
}

function dottedQuad(hex: string): string {
  return [0, 2, 4, 6].map((i) => parseInt(hex.slice(i, i + 2), 16)).join('.')
}
