import type { Queryable } from './pool.js'

/** A site's turn, as one job found it. */
export interface HostSlot {
  /** 0: the turn is ours now; else how many ms to wait before asking again. */
  waitMs: number
  /** How long until the site may be fetched from again, past any fetch in flight: its gap, or the Retry-After it sent. */
  nextInMs: number
  /** A fetch from the site ran out of time lately, and none has been answered since. */
  slow: boolean
}

/**
 * Takes the host's turn if it is free now (no fetch in flight, its gap or
 * Retry-After over), holding it for at most `leaseMs`: a worker that dies
 * mid-fetch frees it then. When not taken, says how long to wait before
 * asking again: exactly until the gap ends, or `pollMs` while another fetch
 * is in flight (it may end any moment). One statement, so workers on many
 * machines never take the same turn.
 */
export async function claimHostSlot(
  db: Queryable,
  host: string,
  owner: string,
  leaseMs: number,
  pollMs: number,
): Promise<HostSlot> {
  const { rows } = await db.query<HostSlot>(
    `WITH claimed AS (
       INSERT INTO host_slots (host, next_at, lease_until, lease_owner) VALUES ($1, now(), now() + make_interval(secs => $2 / 1000.0), $4)
       ON CONFLICT (host) DO UPDATE SET lease_until = EXCLUDED.lease_until, lease_owner = EXCLUDED.lease_owner
       WHERE host_slots.next_at <= now() AND (host_slots.lease_until IS NULL OR host_slots.lease_until <= now())
       RETURNING coalesce(slow_until > now(), false) AS slow
     )
     SELECT 0 AS "waitMs", 0 AS "nextInMs", slow FROM claimed
     UNION ALL
     SELECT greatest(1, ceil(1000 * CASE
              WHEN next_at > now() THEN extract(epoch FROM next_at - now())
              ELSE least(extract(epoch FROM lease_until - now()), $3 / 1000.0) END))::int,
            greatest(0, ceil(1000 * extract(epoch FROM next_at - now())))::int,
            coalesce(slow_until > now(), false)
     FROM host_slots WHERE host = $1 AND NOT EXISTS (SELECT 1 FROM claimed)`,
    [host, leaseMs, pollMs, owner],
  )
  // No row at all: another worker created the host's row in this very moment (our statement's
  // snapshot cannot see it), so the turn is theirs.
  return rows[0] ?? { waitMs: pollMs, nextInMs: 0, slow: false }
}

/** What the fetch told us about the site's speed: it ran out of time, it answered, or neither (a refused connection). */
export type HostPace = 'timed_out' | 'answered' | 'unknown'

/**
 * The fetch is over: the host is free again `gapMs` from now. A fetch that
 * ran out of time marks the site slow for `slowForMs`; one that was answered
 * clears the mark. Only the turn's holder ends it.
 */
export async function releaseHostSlot(
  db: Queryable,
  host: string,
  owner: string,
  gapMs: number,
  pace: HostPace,
  slowForMs: number,
): Promise<void> {
  await db.query(
    `UPDATE host_slots SET lease_until = NULL, lease_owner = NULL, next_at = greatest(next_at, now() + make_interval(secs => $2 / 1000.0)),
       slow_until = CASE $4 WHEN 'timed_out' THEN now() + make_interval(secs => $5 / 1000.0) WHEN 'answered' THEN NULL ELSE slow_until END
     WHERE host = $1 AND lease_owner = $3`,
    [host, gapMs, owner, pace, slowForMs],
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
