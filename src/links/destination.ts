import { lookup } from 'node:dns/promises'
import { isIP } from 'node:net'
import { isAllowed, isPermittedDestination, portOf, refusalMessage, type AllowList } from '../fetch/address-guard.js'
import { siteOf } from './site.js'

/** How long a submitted name may take to resolve before the worker is left to decide. */
const LOOKUP_BUDGET_MS = 1500

export interface DestinationRules {
  /** FETCH_ALLOW_HOSTS: private hosts and addresses that may be posted all the same. */
  allow: AllowList
  /** The forum's own addresses (PUBLIC_URL, the Host a request came to): its pages are not news. */
  ownAddresses: readonly string[]
}

export interface DestinationRefusal {
  reason: 'own_site' | 'blocked_address'
  message: string
}

/**
 * What can be known at submit time about where a link points: the forum
 * itself, a private or reserved address, or a name that resolves only to
 * such addresses. A name that cannot be resolved in time is not refused: the
 * worker checks every hop again when it fetches.
 */
export async function refuseDestination(url: URL, rules: DestinationRules): Promise<DestinationRefusal | undefined> {
  if (rules.ownAddresses.some((own) => sameOrigin(url, own))) {
    return { reason: 'own_site', message: 'That is a page of this forum; post the link of a news article.' }
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1')
  const port = portOf(url)
  if (!isIP(host) && isAllowed(rules.allow, host)) return undefined
  const addresses = isIP(host) ? [host] : isLocalhost(host) ? ['127.0.0.1', '::1'] : await resolve(host)
  if (addresses.length === 0) return undefined
  if (addresses.some((address) => isPermittedDestination(rules.allow, host, address, port))) return undefined
  return { reason: 'blocked_address', message: refusalMessage(addresses[0]!, port) }
}

/** localhost and its subdomains are loopback by definition (RFC 6761), whatever a resolver says. */
const isLocalhost = (host: string) => /(?:^|\.)localhost\.?$/i.test(host)

async function resolve(host: string): Promise<string[]> {
  let timer: NodeJS.Timeout | undefined
  const budget = new Promise<[]>((done) => {
    timer = setTimeout(() => done([]), LOOKUP_BUDGET_MS)
  })
  const found = lookup(host, { all: true, verbatim: true }).then(
    (resolved) => resolved.map((r) => r.address),
    () => [],
  )
  try {
    return await Promise.race([found, budget])
  } finally {
    clearTimeout(timer)
  }
}

/** Same site, and the same port unless both are web defaults (http and https serve one forum). */
function sameOrigin(url: URL, own: string): boolean {
  let other: URL
  try {
    other = new URL(own.includes('://') ? own : `http://${own}`)
  } catch {
    return false
  }
  if (siteOf(url.hostname) !== siteOf(other.hostname)) return false
  const a = portOf(url)
  const b = portOf(other)
  return a === b || ([80, 443].includes(a) && [80, 443].includes(b))
}
