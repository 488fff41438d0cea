const siteOf = (host: string) => host.toLowerCase().replace(/^www\./, '')

/**
 * The page's own canonical URL, kept only when it stays on the site we fetched
 * and is not that site's home page (some sites point every article's canonical
 * at their front page).
 */
export function canonicalOnSameSite(canonical: string | null, finalUrl: string): string | null {
  if (!canonical) return null
  let c: URL
  let f: URL
  try {
    c = new URL(canonical)
    f = new URL(finalUrl)
  } catch {
    return null
  }
  if (c.protocol !== 'http:' && c.protocol !== 'https:') return null
  if (siteOf(c.hostname) !== siteOf(f.hostname)) return null
  if (c.pathname === '/' && c.search === '') return null
  return c.href
}
