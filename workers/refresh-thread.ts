import type pg from 'pg'
import { findRefreshTarget, recordRefresh } from '../src/db/refresh.js'
import type { Digest, ExtractOptions } from '../src/extract/extract-digest.js'
import { DigestFailure } from '../src/fetch/failure.js'
import type { FetchedPage } from '../src/fetch/fetch-page.js'

export interface RefreshDeps {
  pool: pg.Pool
  /** Fetches in the site's turn, never from the cache: the point is a fresh copy. */
  fetch(url: string): Promise<FetchedPage>
  extract(html: string, url: string, options: ExtractOptions): Promise<Digest>
}

/**
 * One scheduled re-fetch of a ready thread's source. A changed headline or
 * update time is stored (the old one kept in history); a source that cannot
 * be fetched this time just waits for the next round. Never disturbs the
 * thread itself.
 */
export async function refreshThread(deps: RefreshDeps, threadId: number, round: number): Promise<string> {
  const target = await findRefreshTarget(deps.pool, threadId)
  if (!target || target.status !== 'ready' || target.refreshRound !== round) return 'skipped: not due'
  let fresh: { title: string; modifiedTime: string | null } | undefined
  try {
    const page = await deps.fetch(target.url)
    const digest = await deps.extract(page.html, page.url, { paragraphs: 1 })
    fresh = { title: digest.title, modifiedTime: digest.modifiedTime }
  } catch (err) {
    if (!(err instanceof DigestFailure)) throw err
  }
  const updated = await recordRefresh(deps.pool, target, fresh)
  return updated ? 'source updated' : fresh ? 'unchanged' : 'source unavailable'
}
