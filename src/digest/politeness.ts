import { DelayedError, type Job } from 'bullmq'
import type pg from 'pg'
import { claimHostSlot, deferHost, releaseHostSlot, type HostPace, type HostSlot } from '../db/host-slots.js'
import { DigestFailure, describeWait, type FailureReason } from './failure.js'
import { siteOf } from '../links/site.js'

/** One site, one schedule: www.example.com and example.com are the same servers, as far as we can tell. */
const hostOf = (url: string) => siteOf(new URL(url).hostname)

/**
 * The shortest fetch attempt worth making, and all that a site which lately
 * ran out of time gets: a page that answers at all answers within it, and the
 * posts queued behind a site that hangs each wait this long, not a whole timeout.
 */
const SHORT_ATTEMPT_MS = 5000

/**
 * How long a site that ran out of time keeps getting short attempts, unless
 * it answers one; then one full attempt finds out whether it is still slow.
 */
const SLOW_SITE_MEMORY_MS = 2 * 60_000

/** Failures that came with an answer from the site: it is not hanging. */
const ANSWERS: ReadonlySet<FailureReason> = new Set([
  'not_found',
  'refused',
  'http_error',
  'not_html',
  'too_large',
  'too_many_redirects',
])

export interface HostTurn {
  /** Least time between the end of one fetch from a site and the start of the next. */
  gapMs: number
  /** Time limit of one fetch attempt at a site that answers (FETCH_TIMEOUT_MS). */
  timeoutMs: number
}

/** A turn held by one job for one site. */
export interface HeldTurn {
  host: string
  owner: string
  turn: HostTurn
  /** This attempt's time limit: the full one, or a short one (a slow site, or little time left). */
  timeoutMs: number
  /** The site was already marked slow when the turn was taken. */
  slow: boolean
}

/**
 * Waits for the site's turn without holding a worker slot: one fetch at a
 * time per site, `gapMs` apart, across all workers. When the site is busy
 * (or asked us to wait), the job goes back to the delayed set until it is
 * free, without using up one of its attempts.
 *
 * `deadline` (epoch ms) is when the post's time is up. Waiting behind a site
 * that answers is our own politeness and never fails a post; but when the
 * site is slow, or asked us to wait, and its turn would come too late, the
 * post fails now with that reason (a permanent `DigestFailure`).
 */
export async function takeHostTurn(
  pool: pg.Pool,
  job: Job<unknown>,
  token: string | undefined,
  url: string,
  turn: HostTurn,
  deadline = Infinity,
): Promise<HeldTurn> {
  if (token === undefined || job.id === undefined) throw new Error('A digest job runs without its lock token or id.')
  const host = hostOf(url)
  // While another fetch from the site is in flight, look again after about one gap.
  const leaseMs = turn.timeoutMs + turn.gapMs
  const slot = await claimHostSlot(pool, host, job.id, leaseMs, Math.max(turn.gapMs, 250))
  const leftMs = deadline - Date.now()
  if (slot.waitMs === 0) {
    return { host, owner: job.id, turn, slow: slot.slow, timeoutMs: attemptTimeoutMs(turn, slot.slow, leftMs) }
  }
  const tooLate = whyTooLate(slot, turn, leftMs)
  if (tooLate) throw tooLate
  // A little spread, so jobs for one host that wake together do not all collide again.
  await job.moveToDelayed(Date.now() + slot.waitMs + Math.floor(Math.random() * Math.min(turn.gapMs, 1000) + 1), token)
  throw new DelayedError()
}

/**
 * An attempt's time limit: the full one, or a short one at a site that lately
 * ran out of time; never longer than the time left, but never shorter than a
 * short attempt either (a post that waited its turn gets one real try).
 */
export function attemptTimeoutMs(turn: HostTurn, slow: boolean, leftMs: number): number {
  const short = Math.min(SHORT_ATTEMPT_MS, turn.timeoutMs)
  return Math.min(slow ? short : turn.timeoutMs, Math.max(leftMs, short))
}

/** Whether another attempt starting at `startAt` (epoch ms) still has a short attempt's time before `deadline`. */
export const attemptFits = (turn: HostTurn, startAt: number, deadline: number) =>
  startAt + Math.min(SHORT_ATTEMPT_MS, turn.timeoutMs) <= deadline

/** Why waiting for the site's turn is pointless: it comes too late, and through the site's own doing. */
export function whyTooLate(slot: HostSlot, turn: HostTurn, leftMs: number): DigestFailure | undefined {
  const now = Date.now()
  if (attemptFits(turn, now + slot.waitMs, now + leftMs)) return undefined
  // Past the gap we keep ourselves, the wait is one the site asked for (Retry-After).
  if (slot.nextInMs > turn.gapMs) {
    const message = `The site asked us to wait ${describeWait(slot.nextInMs)} before fetching from it again.`
    return new DigestFailure('refused', message, true)
  }
  if (slot.slow) {
    return new DigestFailure('timeout', 'The site is not answering: our last requests to it ran out of time.', true)
  }
  return undefined
}

/** Ends the turn; a Retry-After in the fetch's failure holds the site back for every worker. */
export async function endHostTurn(pool: pg.Pool, held: HeldTurn, err?: unknown): Promise<void> {
  await releaseHostSlot(pool, held.host, held.owner, held.turn.gapMs, paceOf(held, err), SLOW_SITE_MEMORY_MS)
  if (err instanceof DigestFailure && err.retryAfterMs !== undefined)
    await deferHost(pool, held.host, Date.now() + err.retryAfterMs)
}

/**
 * What the attempt showed of the site's speed. A short attempt that ran out
 * of time leaves the mark to expire as set, so a slow but working site gets
 * a full attempt again before long.
 */
function paceOf(held: HeldTurn, err: unknown): HostPace {
  if (err === undefined) return 'answered'
  if (!(err instanceof DigestFailure)) return 'unknown'
  if (err.reason === 'timeout') return held.slow ? 'unknown' : 'timed_out'
  return ANSWERS.has(err.reason) ? 'answered' : 'unknown'
}

/**
 * Runs `work` in a turn already taken and ends the turn however it ends. A
 * short attempt at a slow site that runs out of time too is final: the site
 * is not answering, and trying again would only hold back the other posts
 * waiting for it.
 */
export async function inHostTurn<T>(pool: pg.Pool, held: HeldTurn, work: () => Promise<T>): Promise<T> {
  try {
    const result = await work()
    await endHostTurn(pool, held)
    return result
  } catch (err) {
    await endHostTurn(pool, held, err)
    if (held.slow && err instanceof DigestFailure && err.reason === 'timeout' && !err.permanent)
      throw new DigestFailure('timeout', `${err.message} Our last requests to it ran out of time too.`, true)
    throw err
  }
}
