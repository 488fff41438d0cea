import type pg from 'pg'
import { cachePage, readCachedPage } from '../db/fetch-cache.js'
import type { FetchedPage, TargetScreen } from '../fetch/fetch-page.js'
import { linkKey, type Link } from '../links/normalize.js'

/**
 * One request per page for a few minutes: a fetched page is kept under the
 * key of the link asked for and of the URL it ended at, so posting either
 * again (a repost after a failure, a new thread once the duplicate window is
 * over, the page's own URL after a short link) is served from the cache. A
 * page that passed through an address `screen` refuses now (a site blocked
 * since it was fetched) is not served: fetching again meets the refusal.
 */
export async function readCachedFetch(
  pool: pg.Pool,
  link: Link,
  maxAgeSeconds: number,
  screen: TargetScreen,
): Promise<FetchedPage | undefined> {
  if (maxAgeSeconds === 0) return undefined
  const page = await readCachedPage(pool, link.key, maxAgeSeconds)
  if (!page) return undefined
  for (const [i, url] of [...page.redirects, page.url].entries())
    if (await screen(new URL(url), i > 0)) return undefined
  return page
}

export async function cacheFetch(pool: pg.Pool, link: Link, page: FetchedPage, maxAgeSeconds: number): Promise<void> {
  if (maxAgeSeconds === 0) return
  await cachePage(pool, link.key, page)
  const finalKey = page.url === link.url ? link.key : linkKey(page.url)
  if (finalKey !== link.key) await cachePage(pool, finalKey, page)
}
