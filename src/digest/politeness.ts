import { DelayedError, type Job } from 'bullmq'
import type pg from 'pg'
import { claimHostSlot, deferHost, releaseHostSlot } from '../db/host-slots.js'
import { DigestFailure } from './failure.js'
import { siteOf } from '../links/site.js'

/** One site, one schedule: www.example.com and example.com are the same servers, as far as we can tell. */
const hostOf = (url: string) => siteOf(new URL(url).hostname)

export interface HostTurn {
  /** Least time between the end of one fetch from a site and the start of the next. */
  gapMs: number
  /** How long a turn is held at most: the fetch time budget plus the gap. */
  leaseMs: number
}

/** A turn held by one job for one site. */
export interface HeldTurn {
  host: string
  owner: string
  turn: HostTurn
}

/**
 * Waits for the site's turn without holding a worker slot: one fetch at a
 * time per site, `gapMs` apart, across all workers. When the site is busy
 * (or asked us to wait), the job goes back to the delayed set until it is
 * free, without using up one of its attempts.
 */
export async function takeHostTurn(
  pool: pg.Pool,
  job: Job<unknown>,
  token: string | undefined,
  url: string,
  turn: HostTurn,
): Promise<HeldTurn> {
  if (token === undefined || job.id === undefined) throw new Error('A digest job runs without its lock token or id.')
  const held = { host: hostOf(url), owner: job.id, turn }
  // While another fetch from the site is in flight, look again after about one gap.
  const waitMs = await claimHostSlot(pool, held.host, held.owner, turn.leaseMs, Math.max(turn.gapMs, 250))
  if (waitMs === 0) return held
  // A little spread, so jobs for one host that wake together do not all collide again.
  await job.moveToDelayed(Date.now() + waitMs + Math.floor(Math.random() * Math.min(turn.gapMs, 1000) + 1), token)
  throw new DelayedError()
}

/** Ends the turn; a Retry-After in the fetch's failure holds the site back for every worker. */
export async function endHostTurn(pool: pg.Pool, held: HeldTurn, err?: unknown): Promise<void> {
  await releaseHostSlot(pool, held.host, held.owner, held.turn.gapMs)
  if (err instanceof DigestFailure && err.retryAfterMs !== undefined)
    await deferHost(pool, held.host, Date.now() + err.retryAfterMs)
}

/** Runs `work` in a turn already taken and ends the turn however it ends. */
export async function inHostTurn<T>(pool: pg.Pool, held: HeldTurn, work: () => Promise<T>): Promise<T> {
  try {
    const result = await work()
    await endHostTurn(pool, held)
    return result
  } catch (err) {
    await endHostTurn(pool, held, err)
    throw err
  }
}
