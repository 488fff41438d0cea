import { Backoffs, DelayedError, UnrecoverableError, type Job } from 'bullmq'
import type pg from 'pg'
import type { Config } from '../config.js'
import { claimThreadForFetch, findWaitingThread, markThreadFailed, storeDigest } from '../db/digests.js'
import { withTransaction } from '../db/pool.js'
import { findRefreshTarget } from '../db/refresh.js'
import type { ExtractPool } from '../extract/extract-pool.js'
import { DigestFailure } from './failure.js'
import { fetchPage, type FetchOptions, type TargetScreen } from '../fetch/fetch-page.js'
import { blockedSiteScreen } from '../abuse/link-screen.js'
import { fetchUrlOf, linkOf } from '../links/normalize.js'
import { simhash } from '../extract/fingerprint.js'
import { DIGEST_JOB, readJob } from '../queue/jobs.js'
import { cacheFetch, readCachedFetch } from './cached-fetch.js'
import { canonicalOnSameSite } from '../links/canonical.js'
import { attemptFits, endHostTurn, inHostTurn, takeHostTurn, type HeldTurn, type HostTurn } from './politeness.js'
import { refreshThread } from './refresh-thread.js'
import { digestDuration, digestOutcomes, fetchBytes, fetchDuration, secondsSince } from '../metrics/metrics.js'

const UNEXPECTED = 'Something went wrong on our side while making the digest.'

export interface ProcessorDeps {
  pool: pg.Pool
  config: Config
  /** Extraction runs on its threads, off the event loop; the caller owns and closes it. */
  extractPool: ExtractPool
  /** A scheduled re-fetch, or filling the fetch cache, that went wrong: logged, never fatal. */
  onRefreshError(err: unknown): void
  onCacheError(err: unknown): void
}

export function fetchOptionsFor(config: Config): FetchOptions {
  return {
    allowHosts: config.fetchAllowHosts,
    // Names the service and where to find it; never anything about the member who posted.
    userAgent: `Broadsheet/0.1 (+${config.publicUrl})`,
    timeoutMs: config.fetchTimeoutMs,
    maxBytes: config.fetchMaxBytes,
    maxRedirects: config.fetchMaxRedirects,
  }
}

/** One fetch at a time per site, FETCH_HOST_GAP_MS apart, each attempt within FETCH_TIMEOUT_MS. */
export const hostTurnFor = (config: Config): HostTurn => ({
  gapMs: config.fetchHostGapMs,
  timeoutMs: config.fetchTimeoutMs,
})

/** Both jobs of the digest queue: a new thread's digest, and the scheduled re-fetches of its source. */
export function makeJobProcessor(deps: ProcessorDeps) {
  const fetchOptions = fetchOptionsFor(deps.config)
  const turn = hostTurnFor(deps.config)
  const screen = blockedSiteScreen(deps.pool)
  const digest = makeDigestProcessor(deps, { ...fetchOptions, screen }, turn)
  const extract = deps.extractPool.extract.bind(deps.extractPool)
  // `stop`: the worker is stopping; the job is given back, so its fetch and extraction end early.
  return async (job: Job<unknown>, token?: string, stop?: AbortSignal): Promise<string> => {
    const read = readJob(job.name, job.data)
    if (read.name === DIGEST_JOB) return measureDigest(() => digest(job, read.data.threadId, token, stop), stop)
    const { threadId, round } = read.data
    const target = await findRefreshTarget(deps.pool, threadId)
    if (!target || target.status !== 'ready' || target.refreshRound !== round) return 'skipped: not due'
    const held = await takeHostTurn(deps.pool, job, token, target.url, turn)
    const fetch = (url: string) => fetchInTurn(deps.pool, held, url, { ...fetchOptions, screen, stop })
    return refreshThread({ pool: deps.pool, fetch, extract, onError: deps.onRefreshError }, target)
  }
}

/**
 * A digest's time and outcome for /metrics: ready, skipped, failed for good (with its reason) or
 * to be retried. A job sent back to wait for its site's turn, or given back by a stopping worker,
 * is neither, and is not counted.
 */
async function measureDigest(digest: () => Promise<string>, stop: AbortSignal | undefined): Promise<string> {
  const start = performance.now()
  const record = (outcome: string, reason: string) => {
    digestDuration.observe({ outcome }, secondsSince(start))
    digestOutcomes.inc({ outcome, reason })
  }
  try {
    const result = await digest()
    record(result === 'ready' ? 'ready' : 'skipped', '')
    return result
  } catch (err) {
    if (err instanceof UnrecoverableError) record('failed', failureReasons.get(err) ?? 'internal')
    else if (!(err instanceof DelayedError) && !stop?.aborted)
      record('retrying', err instanceof DigestFailure ? err.reason : 'internal')
    throw err
  }
}

/** The reason behind each UnrecoverableError settleFailure returns, which carries only a message. */
const failureReasons = new WeakMap<Error, string>()

/** How the worker fetches: the fetcher's settings, and the domain rules asked before each address. */
interface WorkerFetch extends FetchOptions {
  screen: TargetScreen
}

/** Fetches in a turn already taken, within the time that turn allows. */
async function fetchInTurn(pool: pg.Pool, held: HeldTurn, url: string, { screen, ...options }: WorkerFetch) {
  return inHostTurn(pool, held, async () => {
    const start = performance.now()
    try {
      const page = await fetchPage(url, { ...options, timeoutMs: held.timeoutMs }, screen)
      fetchDuration.observe({ result: 'ok' }, secondsSince(start))
      fetchBytes.observe(Buffer.byteLength(page.html))
      return page
    } catch (err) {
      fetchDuration.observe({ result: 'error' }, secondsSince(start))
      throw err
    }
  })
}

/**
 * thread row → fetch → extract → store. Idempotent: a thread already ready or
 * failed is left alone. Waits for the site's turn first (politeness).
 * Permanent failures are stored at once and not retried; transient ones are
 * retried by BullMQ and stored on the last attempt, or as soon as the post's
 * fetch budget (FETCH_BUDGET_MS) cannot fit another one.
 */
function makeDigestProcessor(deps: ProcessorDeps, fetchOptions: WorkerFetch, turn: HostTurn) {
  const { pool, config, extractPool } = deps
  return async (
    job: Job<unknown>,
    threadId: number,
    token: string | undefined,
    stop: AbortSignal | undefined,
  ): Promise<string> => {
    const waiting = await findWaitingThread(pool, threadId)
    if (!waiting) return 'skipped: thread already digested'
    const link = linkOf(fetchUrlOf(waiting.submittedUrl))
    const cached = await readCachedFetch(pool, link, config.fetchCacheSeconds, fetchOptions.screen)
    // Counted from when the digest was asked for: the post, or a retry or re-queue, each of which starts afresh.
    const deadline = job.timestamp + config.fetchBudgetMs
    const settle = (err: unknown) => settleFailure(pool, job, threadId, err, { turn, deadline })
    let held: HeldTurn | undefined
    try {
      // The thread stays "pending" while it waits for the site's turn.
      held = cached ? undefined : await takeHostTurn(pool, job, token, link.url, turn, deadline)
    } catch (err) {
      // Anything else is the job going back to the delayed set, or our own trouble: BullMQ handles both.
      throw err instanceof DigestFailure ? await settle(err) : err
    }
    const claimed = await claimThreadForFetch(pool, threadId)
    if (!claimed) {
      if (held) await endHostTurn(pool, held)
      return 'skipped: thread already digested'
    }
    try {
      const page = cached ?? (await fetchInTurn(pool, held!, link.url, { ...fetchOptions, stop }))
      // The cache only saves a request; failing to fill it must not fail the digest.
      if (!cached) await cacheFetch(pool, link, page, config.fetchCacheSeconds).catch(deps.onCacheError)
      const digest = await extractPool.extract(
        page.html,
        page.url,
        {
          paragraphs: claimed.excerptParagraphs ?? config.excerptParagraphs,
          maxChars: claimed.excerptMaxChars ?? config.excerptMaxChars,
        },
        stop,
      )
      const stored = {
        finalUrl: page.url,
        canonicalUrl: canonicalOnSameSite(digest.canonicalUrl, page.url),
        title: digest.title,
        byline: digest.byline,
        siteName: digest.siteName,
        lang: digest.lang,
        imageUrl: digest.imageUrl,
        publishedTime: digest.publishedTime,
        publishedTimePrecision: digest.publishedTimePrecision,
        modifiedTime: digest.modifiedTime,
        modifiedTimePrecision: digest.modifiedTimePrecision,
        standfirst: digest.standfirst,
        excerpt: digest.excerpt,
        paywalled: digest.paywalled,
        textHash: simhash(digest.text)?.toString() ?? null,
        articleText: digest.text,
      }
      await withTransaction(pool, (tx) => storeDigest(tx, threadId, stored))
      return 'ready'
    } catch (err) {
      // Stopped by the worker, not failed: nothing is settled, the job goes back to the queue.
      throw stop?.aborted ? err : await settle(err)
    }
  }
}

/**
 * What a failed attempt leaves: the thread failed with its reason (and the
 * error to throw is unrecoverable), or the error as it was, for BullMQ to
 * retry. The site's failures stop early when the next attempt, after the
 * backoff or the site's Retry-After, could not start in time; our own
 * failures keep all their attempts.
 */
async function settleFailure(
  pool: pg.Pool,
  job: Job<unknown>,
  threadId: number,
  err: unknown,
  budget: { turn: HostTurn; deadline: number },
): Promise<unknown> {
  const failure = err instanceof DigestFailure ? err : undefined
  if (failure?.permanent) {
    await markThreadFailed(pool, threadId, failure.reason, failure.message)
    return unrecoverable(failure.message, failure.reason)
  }
  const attempts = job.attemptsMade + 1
  const lastAttempt = attempts >= (job.opts.attempts ?? 1)
  if (!failure) {
    if (lastAttempt) await markThreadFailed(pool, threadId, 'internal', UNEXPECTED)
    return err
  }
  const backoffMs = await retryDelayMs(job, attempts, failure)
  const retryAt = Date.now() + Math.max(backoffMs, failure.retryAfterMs ?? 0)
  if (!lastAttempt && attemptFits(budget.turn, retryAt, budget.deadline)) return err
  const tried =
    attempts === 1 ? '' : ` We tried ${attempts} times in ${Math.round((Date.now() - job.timestamp) / 1000)} s.`
  const message = `${failure.message}${tried}`
  await markThreadFailed(pool, threadId, failure.reason, message)
  return unrecoverable(message, failure.reason)
}

function unrecoverable(message: string, reason: string): UnrecoverableError {
  const err = new UnrecoverableError(message)
  failureReasons.set(err, reason)
  return err
}

/** The wait BullMQ will put before the next attempt, by the job's own backoff option. */
async function retryDelayMs(job: Job<unknown>, attemptsMade: number, err: Error): Promise<number> {
  const backoff = job.opts.backoff === undefined ? undefined : Backoffs.normalize(job.opts.backoff)
  return backoff === undefined ? 0 : ((await Backoffs.calculate(backoff, attemptsMade, err, job)) ?? 0)
}
