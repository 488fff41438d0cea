import type { FetchedPage } from '../fetch/fetch-page.js'
import type { Queryable } from './pool.js'

export async function readCachedPage(
  db: Queryable,
  key: string,
  maxAgeSeconds: number,
): Promise<FetchedPage | undefined> {
  const { rows } = await db.query<FetchedPage>(
    `SELECT url, redirects, status, content_type AS "contentType", html FROM fetch_cache
     WHERE key = $1 AND fetched_at > now() - make_interval(secs => $2)`,
    [key, maxAgeSeconds],
  )
  return rows[0]
}

export async function cachePage(db: Queryable, key: string, page: FetchedPage): Promise<void> {
  await db.query(
    `INSERT INTO fetch_cache (key, url, redirects, status, content_type, html) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (key) DO UPDATE SET url = EXCLUDED.url, redirects = EXCLUDED.redirects, status = EXCLUDED.status,
       content_type = EXCLUDED.content_type, html = EXCLUDED.html, fetched_at = now()`,
    [key, page.url, page.redirects, page.status, page.contentType, page.html],
  )
}

export async function pruneFetchCache(db: Queryable, maxAgeSeconds: number): Promise<void> {
  await db.query('DELETE FROM fetch_cache WHERE fetched_at < now() - make_interval(secs => $1)', [maxAgeSeconds])
}
