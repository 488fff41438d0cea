import { DelayedError, type Job } from 'bullmq'
import type pg from 'pg'
import { claimHostSlot, deferHost } from '../src/db/host-slots.js'
import { DigestFailure } from '../src/fetch/failure.js'

const hostOf = (url: string) => new URL(url).hostname.toLowerCase()

/**
 * Waits for the site's turn without holding a worker slot: when another
 * fetch from the same host is too recent (or the site asked us to wait), the
 * job goes back to the delayed set until the host is free, without using up
 * one of its attempts.
 */
export async function awaitHostTurn(pool: pg.Pool, job: Job<unknown>, token: string | undefined, url: string, gapMs: number): Promise<void> {
  const waitMs = await claimHostSlot(pool, hostOf(url), gapMs)
  if (waitMs === 0 || token === undefined) return
  // A little spread, so jobs for one host that wake together do not all collide again.
  await job.moveToDelayed(Date.now() + waitMs + Math.floor(Math.random() * Math.min(gapMs, 1000)), token)
  throw new DelayedError()
}

/** A Retry-After from the site holds back every worker's next fetch from it. */
export async function respectRetryAfter(pool: pg.Pool, url: string, err: unknown): Promise<void> {
  if (err instanceof DigestFailure && err.retryAfterMs !== undefined) await deferHost(pool, hostOf(url), Date.now() + err.retryAfterMs)
}
