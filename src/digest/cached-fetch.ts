import type pg from 'pg'
import { cachePage, readCachedPage } from '../db/fetch-cache.js'
import type { FetchedPage } from '../fetch/fetch-page.js'
import { linkKey } from '../links/normalize.js'

/**
 * One request per page for a few minutes: a fetched page is kept under the
 * key of the link asked for and of the URL it ended at, so posting either
 * again (a repost after a failure, a new thread once the duplicate window is
 * over, the page's own URL after a short link) is served from the cache.
 */
export function readCachedFetch(pool: pg.Pool, url: string, maxAgeSeconds: number): Promise<FetchedPage | undefined> {
  return maxAgeSeconds === 0 ? Promise.resolve(undefined) : readCachedPage(pool, linkKey(url), maxAgeSeconds)
}

export async function cacheFetch(pool: pg.Pool, url: string, page: FetchedPage, maxAgeSeconds: number): Promise<void> {
  if (maxAgeSeconds === 0) return
  const key = linkKey(url)
  await cachePage(pool, key, page)
  const finalKey = linkKey(page.url)
  if (finalKey !== key) await cachePage(pool, finalKey, page)
}
