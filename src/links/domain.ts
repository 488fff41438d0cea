import { isIP } from 'node:net'
import { DOMAIN_MAX } from '../limits.js'
import { siteOf } from './site.js'
import { parseWebUrl } from './web-url.js'

const bare = (host: string) => host.replace(/^\[(.*)\]$/, '$1')

/**
 * The domain a rule names, from what an admin typed: a name ("Example.COM", ".example.com"), an
 * address (spam is posted from bare addresses too) or a link to anything there. A name is read as
 * a site (no "www."), since a rule covers its subdomains anyway. Undefined when it names neither:
 * one label, a port, or not a name at all.
 */
export function readRuleDomain(raw: string): string | undefined {
  const text = raw.trim().replace(/^\.+/, '')
  if (text === '' || text.length > DOMAIN_MAX) return undefined
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text)
  const url = parseWebUrl(hasScheme ? text : `http://${isIP(text) === 6 ? `[${text}]` : text}`)
  if (!url || url.port !== '') return undefined
  if (isIP(bare(url.hostname))) return bare(url.hostname)
  const domain = siteOf(url.hostname)
  return /^(?=.*[a-z])[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain) ? domain : undefined
}

/**
 * The names a rule for this host may be kept under, most specific first: a name and every domain
 * above it (not the top level), or an address alone.
 */
export function domainsOf(host: string): string[] {
  const name = bare(host.toLowerCase()).replace(/\.+$/, '')
  if (isIP(name)) return [name]
  const labels = name.split('.')
  return labels.slice(0, -1).map((_, i) => labels.slice(i).join('.'))
}
