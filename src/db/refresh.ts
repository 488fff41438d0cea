import { instantOf, type TimePrecision } from '../extract/dates.js'
import { TITLE_MIN } from '../limits.js'
import type { Queryable } from './pool.js'

/** Re-fetch a ready thread this long after its digest: sources fix headlines and add updates early on. */
export const REFRESH_AFTER_HOURS = [1, 6, 24]

/** `url` is where the digest was fetched from in the end: known to answer, unlike a canonical URL we never fetched. */
export interface RefreshTarget {
  id: number
  status: string
  url: string
  title: string | null
  modifiedTime: Date | null
  refreshRound: number
  editedByHand: boolean
}

export async function listThreadsDueForRefresh(db: Queryable, limit = 200): Promise<{ id: number; round: number }[]> {
  const { rows } = await db.query<{ id: number; round: number }>(
    `SELECT id, refresh_round AS round FROM threads
     WHERE next_refresh_at <= now() AND status = 'ready' ORDER BY next_refresh_at LIMIT $1`,
    [limit],
  )
  return rows
}

export async function findRefreshTarget(db: Queryable, id: number): Promise<RefreshTarget | undefined> {
  const { rows } = await db.query<RefreshTarget>(
    `SELECT id, status, coalesce(final_url, submitted_url) AS url, title, modified_time AS "modifiedTime",
            refresh_round AS "refreshRound", edited_at IS NOT NULL AS "editedByHand"
     FROM threads WHERE id = $1`,
    [id],
  )
  return rows[0]
}

/** SQL for the time of the refresh after `round` re-fetches, counted from the digest; NULL when there are no more. */
const nextRefreshSql = (roundParam: string) =>
  `CASE WHEN ${roundParam} < ${REFRESH_AFTER_HOURS.length}
     THEN fetched_at + make_interval(hours => (ARRAY[${REFRESH_AFTER_HOURS.join(',')}])[${roundParam} + 1]) END`

/** Called when a digest is stored: the first re-fetch is due an hour later. */
export async function scheduleFirstRefresh(db: Queryable, id: number): Promise<void> {
  await db.query(`UPDATE threads SET refresh_round = 0, next_refresh_at = ${nextRefreshSql('0')} WHERE id = $1`, [id])
}

/**
 * Records one re-fetch: a changed headline or update time replaces the
 * current one (kept in thread_revisions) and marks the source as updated.
 * Only the round it was scheduled for counts, so a repeated job is a no-op.
 */
export async function recordRefresh(
  tx: Queryable,
  target: RefreshTarget,
  fresh: { title: string; modifiedTime: string | null; modifiedTimePrecision: TimePrecision | null } | undefined,
): Promise<boolean> {
  const newTitle =
    fresh && !target.editedByHand && fresh.title.length >= TITLE_MIN && fresh.title !== target.title
      ? fresh.title
      : null
  const freshModified = fresh?.modifiedTime ? instantOf(fresh.modifiedTime) : null
  const newModified =
    freshModified && new Date(freshModified).getTime() !== target.modifiedTime?.getTime() ? freshModified : null
  // Whether the headline may change is decided in SQL too: one fixed by hand during the fetch stays.
  const { rows } = await tx.query<{ changed: boolean }>(
    `UPDATE threads SET refresh_round = refresh_round + 1, next_refresh_at = ${nextRefreshSql('refresh_round + 1')},
       title = CASE WHEN edited_at IS NULL THEN coalesce($3, title) ELSE title END,
       modified_time = coalesce($4, modified_time),
       modified_time_precision = CASE WHEN $4::timestamptz IS NOT NULL THEN $5 ELSE modified_time_precision END,
       source_updated_at = CASE WHEN ($3::text IS NOT NULL AND edited_at IS NULL) OR $4::timestamptz IS NOT NULL
                                THEN now() ELSE source_updated_at END
     WHERE id = $1 AND refresh_round = $2 AND status = 'ready'
     RETURNING ($3::text IS NOT NULL AND edited_at IS NULL) OR $4::timestamptz IS NOT NULL AS changed`,
    [target.id, target.refreshRound, newTitle, newModified, fresh?.modifiedTimePrecision ?? 'time'],
  )
  if (!rows[0]?.changed) return false
  await tx.query('INSERT INTO thread_revisions (thread_id, title, modified_time) VALUES ($1, $2, $3)', [
    target.id,
    target.title,
    target.modifiedTime,
  ])
  return true
}
