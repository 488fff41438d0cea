import type pg from 'pg'
import { withTransaction } from '../db/pool.js'
import { recordRefresh, type RefreshTarget } from '../db/refresh.js'
import type { Digest, ExtractOptions } from '../extract/extract-digest.js'
import type { FetchedPage } from '../fetch/fetch-page.js'

export interface RefreshDeps {
  pool: pg.Pool
  /** Fetches in the site's turn, never from the cache: the point is a fresh copy. */
  fetch(url: string): Promise<FetchedPage>
  extract(html: string, url: string, options: ExtractOptions): Promise<Digest>
  onError(err: unknown): void
}

/**
 * One scheduled re-fetch of a ready thread's source (`target`, found due by
 * the caller). A changed headline or update time is stored (the old one kept
 * in history). Whatever goes wrong with the fetch or the extraction, the round
 * still counts and the source waits for the next one: a stuck round would
 * keep its job id and stop this thread's re-fetches for good.
 */
export async function refreshThread(deps: RefreshDeps, target: RefreshTarget): Promise<string> {
  let fresh: Parameters<typeof recordRefresh>[2]
  try {
    const page = await deps.fetch(target.url)
    const digest = await deps.extract(page.html, page.url, { paragraphs: 1 })
    fresh = {
      title: digest.title,
      modifiedTime: digest.modifiedTime,
      modifiedTimePrecision: digest.modifiedTimePrecision,
    }
  } catch (err) {
    deps.onError(err)
  }
  const updated = await withTransaction(deps.pool, (tx) => recordRefresh(tx, target, fresh))
  return updated ? 'source updated' : fresh ? 'unchanged' : 'source unavailable'
}
