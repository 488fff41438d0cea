import type pg from 'pg'
import { cachePage, readCachedPage } from '../db/fetch-cache.js'
import type { FetchedPage } from '../fetch/fetch-page.js'
import { linkKey, type Link } from '../links/normalize.js'

/**
 * One request per page for a few minutes: a fetched page is kept under the
 * key of the link asked for and of the URL it ended at, so posting either
 * again (a repost after a failure, a new thread once the duplicate window is
 * over, the page's own URL after a short link) is served from the cache.
 */
export function readCachedFetch(pool: pg.Pool, link: Link, maxAgeSeconds: number): Promise<FetchedPage | undefined> {
  return maxAgeSeconds === 0 ? Promise.resolve(undefined) : readCachedPage(pool, link.key, maxAgeSeconds)
}

export async function cacheFetch(pool: pg.Pool, link: Link, page: FetchedPage, maxAgeSeconds: number): Promise<void> {
  if (maxAgeSeconds === 0) return
  await cachePage(pool, link.key, page)
  const finalKey = page.url === link.url ? link.key : linkKey(page.url)
  if (finalKey !== link.key) await cachePage(pool, finalKey, page)
}
