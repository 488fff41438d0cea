import type pg from 'pg'
import { cachePage, readCachedPage } from '../src/db/fetch-cache.js'
import { fetchPage, type FetchedPage, type FetchOptions } from '../src/fetch/fetch-page.js'
import { linkKey } from '../src/links/normalize.js'

/**
 * One request per page for a few minutes: a fetched page is kept under the
 * key of the link asked for and of the URL it ended at, so posting either
 * again (a repost after a failure, a new thread once the duplicate window is
 * over, the page's own URL after a short link) is served from the cache.
 */
export async function fetchPageCached(pool: pg.Pool, url: string, options: FetchOptions, maxAgeSeconds: number): Promise<FetchedPage> {
  if (maxAgeSeconds === 0) return fetchPage(url, options)
  const key = linkKey(url)
  const cached = await readCachedPage(pool, key, maxAgeSeconds)
  if (cached) return cached
  const page = await fetchPage(url, options)
  await cachePage(pool, key, page)
  const finalKey = linkKey(page.url)
  if (finalKey !== key) await cachePage(pool, finalKey, page)
  return page
}
