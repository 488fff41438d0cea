import type { Queryable } from './pool.js'

/**
 * Takes the host's next fetch slot if it is free now, and books the one after
 * `gapMs`. Returns 0 when taken, else how many ms until the host is free.
 * One statement, so workers on many machines never take the same slot.
 */
export async function claimHostSlot(db: Queryable, host: string, gapMs: number): Promise<number> {
  const { rows } = await db.query<{ waitMs: number }>(
    `WITH claimed AS (
       INSERT INTO host_slots (host, next_at) VALUES ($1, now() + make_interval(secs => $2 / 1000.0))
       ON CONFLICT (host) DO UPDATE SET next_at = EXCLUDED.next_at WHERE host_slots.next_at <= now()
       RETURNING 0 AS "waitMs"
     )
     SELECT "waitMs" FROM claimed
     UNION ALL
     SELECT greatest(1, ceil(extract(epoch FROM next_at - now()) * 1000))::int FROM host_slots
     WHERE host = $1 AND NOT EXISTS (SELECT 1 FROM claimed)`,
    [host, gapMs],
  )
  return rows[0]?.waitMs ?? 0
}

/** The site asked us to wait (Retry-After): nobody fetches from it before then. */
export async function deferHost(db: Queryable, host: string, untilMs: number): Promise<void> {
  await db.query(
    `INSERT INTO host_slots (host, next_at) VALUES ($1, to_timestamp($2 / 1000.0))
     ON CONFLICT (host) DO UPDATE SET next_at = greatest(host_slots.next_at, EXCLUDED.next_at)`,
    [host, untilMs],
  )
}
