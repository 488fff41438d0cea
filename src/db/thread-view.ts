import type { Queryable } from './pool.js'
import { THREAD_SELECT, type RelatedThread, type ThreadRow } from './threads.js'

export interface Revision {
  title: string | null
  modifiedTime: Date | null
  replacedAt: Date
}

export interface ThreadView {
  thread: ThreadRow
  /** An earlier thread sharing one of this thread's links (a short link, the page's own URL). */
  earlierCopy: RelatedThread | undefined
  /** An earlier thread, from another link, with nearly the same article text (a wire story on another site). */
  syndicatedCopy: RelatedThread | undefined
  /** Headlines and update times the source had before a re-fetch replaced them. */
  revisions: Revision[]
}

interface Row extends ThreadRow {
  earlierCopy: { id: number; title: string | null; createdAt: string } | null
  syndicatedCopy: { id: number; title: string | null; createdAt: string } | null
  revisions: { title: string | null; modifiedTime: string | null; replacedAt: string }[]
}

const related = (r: Row['earlierCopy']): RelatedThread | undefined =>
  r ? { id: r.id, title: r.title, createdAt: new Date(r.createdAt) } : undefined

/**
 * One thread with everything its page shows beside the digest, in one query:
 * earlier threads on the same story within `windowDays` (by link key, or by
 * SimHash within `maxDistance` bits, at most 3: candidates share one of four
 * 16-bit bands, see sql/014-syndication-bands.sql) and the source's earlier versions.
 */
export async function findThreadView(
  db: Queryable,
  id: number,
  windowDays: number,
  maxDistance: number,
): Promise<ThreadView | undefined> {
  // Named, so each connection plans this query once: planning costs more than running it.
  const { rows } = await db.query<Row>({
    name: 'thread-view',
    text: `WITH base AS (${THREAD_SELECT} WHERE t.id = $1)
     SELECT base.*,
       (SELECT json_build_object('id', e.id, 'title', e.title, 'createdAt', e.created_at)
        FROM thread_links mine
        JOIN thread_links theirs ON theirs.key = mine.key AND theirs.thread_id <> mine.thread_id
        JOIN threads e ON e.id = theirs.thread_id
        WHERE mine.thread_id = base.id AND e.status <> 'failed' AND e.created_at < base."createdAt"
          AND e.created_at > base."createdAt" - make_interval(days => $2)
        ORDER BY e.created_at LIMIT 1) AS "earlierCopy",
       (SELECT json_build_object('id', e.id, 'title', e.title, 'createdAt', e.created_at)
        -- The candidates first, from the band indexes, as an array: joined any other way, the
        -- planner walks every thread by time for the ORDER BY ... LIMIT 1 instead.
        FROM threads t JOIN threads e ON e.id <> t.id AND e.id = ANY(ARRAY(
                SELECT c.id FROM threads c WHERE c.text_hash IS NOT NULL AND ((c.text_hash >> 48) & 65535) = ((t.text_hash >> 48) & 65535)
          UNION SELECT c.id FROM threads c WHERE c.text_hash IS NOT NULL AND ((c.text_hash >> 32) & 65535) = ((t.text_hash >> 32) & 65535)
          UNION SELECT c.id FROM threads c WHERE c.text_hash IS NOT NULL AND ((c.text_hash >> 16) & 65535) = ((t.text_hash >> 16) & 65535)
          UNION SELECT c.id FROM threads c WHERE c.text_hash IS NOT NULL AND (c.text_hash & 65535) = (t.text_hash & 65535)))
        WHERE t.id = base.id AND t.text_hash IS NOT NULL AND e.status = 'ready'
          AND e.created_at < t.created_at AND e.created_at > t.created_at - make_interval(days => $2)
          AND length(replace((t.text_hash # e.text_hash)::bit(64)::text, '0', '')) <= $3
        ORDER BY e.created_at LIMIT 1) AS "syndicatedCopy",
       (SELECT coalesce(json_agg(json_build_object('title', r.title, 'modifiedTime', r.modified_time, 'replacedAt', r.replaced_at) ORDER BY r.id), '[]')
        FROM thread_revisions r WHERE r.thread_id = base.id) AS revisions
     FROM base`,
    values: [id, windowDays, maxDistance],
  })
  const row = rows[0]
  if (!row) return undefined
  const { earlierCopy, syndicatedCopy, revisions, ...thread } = row
  const earlier = related(earlierCopy)
  return {
    thread,
    earlierCopy: earlier,
    // A thread on the very same link is named once, as the earlier copy.
    syndicatedCopy: syndicatedCopy?.id === earlier?.id ? undefined : related(syndicatedCopy),
    revisions: revisions.map((r) => ({
      title: r.title,
      modifiedTime: r.modifiedTime ? new Date(r.modifiedTime) : null,
      replacedAt: new Date(r.replacedAt),
    })),
  }
}
