import type { Queryable } from './pool.js'

/**
 * Counts one hit on `key` in its current window (which starts with the first hit and lasts
 * `windowMs`): the hits so far and the ms left of the window. One statement, so concurrent hits
 * from any number of web processes are all counted.
 */
export async function hitCounter(
  db: Queryable,
  key: string,
  windowMs: number,
): Promise<{ hits: number; resetMs: number }> {
  // The time left is the database's own reckoning, so web processes with skewed clocks agree.
  const { rows } = await db.query<{ hits: number; resetMs: number }>({
    name: 'hit-rate-counter',
    text: `INSERT INTO rate_counters AS c (key, hits, expires_at)
       VALUES ($1, 1, clock_timestamp() + make_interval(secs => $2 / 1000.0))
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN c.expires_at <= clock_timestamp() THEN 1 ELSE c.hits + 1 END,
         expires_at = CASE WHEN c.expires_at <= clock_timestamp() THEN EXCLUDED.expires_at ELSE c.expires_at END
       RETURNING hits, ceil(extract(epoch FROM expires_at - clock_timestamp()) * 1000)::int AS "resetMs"`,
    values: [key, windowMs],
  })
  return rows[0]!
}

/** Counters whose window ended long enough ago; the next hit on their key starts afresh anyway. */
export async function deleteExpiredCounters(db: Queryable): Promise<number> {
  const { rowCount } = await db.query('DELETE FROM rate_counters WHERE expires_at < clock_timestamp()')
  return rowCount ?? 0
}
