import type { Queryable } from './pool.js'

/**
 * Takes the host's turn if it is free now (no fetch in flight, its gap or
 * Retry-After over), holding it for at most `leaseMs`: a worker that dies
 * mid-fetch frees it then. Returns 0 when taken, else how many ms to wait
 * before asking again: exactly until the gap ends, or `pollMs` while another
 * fetch is in flight (it may end any moment). One statement, so workers on
 * many machines never take the same turn.
 */
export async function claimHostSlot(
  db: Queryable,
  host: string,
  owner: string,
  leaseMs: number,
  pollMs: number,
): Promise<number> {
  const { rows } = await db.query<{ waitMs: number }>(
    `WITH claimed AS (
       INSERT INTO host_slots (host, next_at, lease_until, lease_owner) VALUES ($1, now(), now() + make_interval(secs => $2 / 1000.0), $4)
       ON CONFLICT (host) DO UPDATE SET lease_until = EXCLUDED.lease_until, lease_owner = EXCLUDED.lease_owner
       WHERE host_slots.next_at <= now() AND (host_slots.lease_until IS NULL OR host_slots.lease_until <= now())
       RETURNING 0 AS "waitMs"
     )
     SELECT "waitMs" FROM claimed
     UNION ALL
     SELECT greatest(1, ceil(1000 * CASE
              WHEN next_at > now() THEN extract(epoch FROM next_at - now())
              ELSE least(extract(epoch FROM lease_until - now()), $3 / 1000.0) END))::int
     FROM host_slots WHERE host = $1 AND NOT EXISTS (SELECT 1 FROM claimed)`,
    [host, leaseMs, pollMs, owner],
  )
  // No row at all: another worker created the host's row in this very moment (our statement's
  // snapshot cannot see it), so the turn is theirs.
  return rows[0]?.waitMs ?? pollMs
}

/** The fetch is over: the host is free again `gapMs` from now. Only the turn's holder ends it. */
export async function releaseHostSlot(db: Queryable, host: string, owner: string, gapMs: number): Promise<void> {
  await db.query(
    `UPDATE host_slots SET lease_until = NULL, lease_owner = NULL, next_at = greatest(next_at, now() + make_interval(secs => $2 / 1000.0))
     WHERE host = $1 AND lease_owner = $3`,
    [host, gapMs, owner],
  )
}

/** The site asked us to wait (Retry-After): nobody fetches from it before then. */
export async function deferHost(db: Queryable, host: string, untilMs: number): Promise<void> {
  await db.query(
    `INSERT INTO host_slots (host, next_at) VALUES ($1, to_timestamp($2 / 1000.0))
     ON CONFLICT (host) DO UPDATE SET next_at = greatest(host_slots.next_at, EXCLUDED.next_at)`,
    [host, untilMs],
  )
}
