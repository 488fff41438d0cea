import { isIP } from 'node:net'
import { DOMAIN_MAX } from '../limits.js'
import { siteOf } from './site.js'
import { parseWebUrl } from './web-url.js'

/**
 * The domain a rule names, from what an admin typed: a name ("Example.COM", ".example.com") or a
 * link to anything on it. Read as a site (no "www."), since a rule covers the domain's subdomains
 * anyway. Undefined when it names no domain: an address, one label, or not a name at all.
 */
export function readRuleDomain(raw: string): string | undefined {
  const text = raw.trim().replace(/^\.+/, '')
  if (text === '' || text.length > DOMAIN_MAX) return undefined
  const url = parseWebUrl(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`)
  if (!url || url.port !== '' || isIP(url.hostname.replace(/^\[(.*)\]$/, '$1'))) return undefined
  const domain = siteOf(url.hostname)
  return /^(?=.*[a-z])[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain) ? domain : undefined
}

/** A host and every domain above it, most specific first: the names a domain rule may be kept under. */
export function domainsOf(host: string): string[] {
  const labels = host.toLowerCase().replace(/\.+$/, '').split('.')
  return labels.slice(0, -1).map((_, i) => labels.slice(i).join('.'))
}
