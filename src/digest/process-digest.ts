import { UnrecoverableError, type Job } from 'bullmq'
import type pg from 'pg'
import type { Config } from '../config.js'
import { claimThreadForFetch, findWaitingThread, markThreadFailed, storeDigest } from '../db/digests.js'
import { withTransaction } from '../db/pool.js'
import { findRefreshTarget } from '../db/refresh.js'
import type { ExtractPool } from '../extract/extract-pool.js'
import { DigestFailure } from './failure.js'
import { fetchPage, type FetchOptions } from '../fetch/fetch-page.js'
import { fetchUrlOf, linkOf } from '../links/normalize.js'
import { simhash } from '../extract/fingerprint.js'
import { DIGEST_JOB, readJob } from '../queue/jobs.js'
import { cacheFetch, readCachedFetch } from './cached-fetch.js'
import { canonicalOnSameSite } from '../links/canonical.js'
import { endHostTurn, inHostTurn, takeHostTurn, type HostTurn } from './politeness.js'
import { refreshThread } from './refresh-thread.js'

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

/** One fetch at a time per site, FETCH_HOST_GAP_MS apart; a turn is held no longer than a fetch may take. */
export const hostTurnFor = (config: Config): HostTurn => ({
  gapMs: config.fetchHostGapMs,
  leaseMs: config.fetchTimeoutMs + config.fetchHostGapMs,
})

/** Both jobs of the digest queue: a new thread's digest, and the scheduled re-fetches of its source. */
export function makeJobProcessor(deps: ProcessorDeps) {
  const fetchOptions = fetchOptionsFor(deps.config)
  const turn = hostTurnFor(deps.config)
  const digest = makeDigestProcessor(deps, fetchOptions, turn)
  const extract = deps.extractPool.extract.bind(deps.extractPool)
  return async (job: Job<unknown>, token?: string): Promise<string> => {
    const read = readJob(job.name, job.data)
    if (read.name === DIGEST_JOB) return digest(job, read.data.threadId, token)
    const { threadId, round } = read.data
    const target = await findRefreshTarget(deps.pool, threadId)
    if (!target || target.status !== 'ready' || target.refreshRound !== round) return 'skipped: not due'
    const held = await takeHostTurn(deps.pool, job, token, target.url, turn)
    const fetch = (url: string) => inHostTurn(deps.pool, held, () => fetchPage(url, fetchOptions))
    return refreshThread({ pool: deps.pool, fetch, extract, onError: deps.onRefreshError }, target)
  }
}

/**
 * thread row → fetch → extract → store. Idempotent: a thread already ready or
 * failed is left alone. Waits for the site's turn first (politeness).
 * Permanent failures are stored at once and not retried; transient ones are
 * retried by BullMQ and stored only on the last attempt.
 */
function makeDigestProcessor(deps: ProcessorDeps, fetchOptions: FetchOptions, turn: HostTurn) {
  const { pool, config, extractPool } = deps
  return async (job: Job<unknown>, threadId: number, token: string | undefined): Promise<string> => {
    const waiting = await findWaitingThread(pool, threadId)
    if (!waiting) return 'skipped: thread already digested'
    const link = linkOf(fetchUrlOf(waiting.submittedUrl))
    const cached = await readCachedFetch(pool, link, config.fetchCacheSeconds)
    // The thread stays "pending" while it waits for the site's turn.
    const held = cached ? undefined : await takeHostTurn(pool, job, token, link.url, turn)
    const claimed = await claimThreadForFetch(pool, threadId)
    if (!claimed) {
      if (held) await endHostTurn(pool, held)
      return 'skipped: thread already digested'
    }
    try {
      const page = cached ?? (await inHostTurn(pool, held!, () => fetchPage(link.url, fetchOptions)))
      // The cache only saves a request; failing to fill it must not fail the digest.
      if (!cached) await cacheFetch(pool, link, page, config.fetchCacheSeconds).catch(deps.onCacheError)
      const digest = await extractPool.extract(page.html, page.url, {
        paragraphs: claimed.excerptParagraphs ?? config.excerptParagraphs,
        maxChars: claimed.excerptMaxChars ?? config.excerptMaxChars,
      })
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
        excerpt: digest.excerpt,
        paywalled: digest.paywalled,
        textHash: simhash(digest.text)?.toString() ?? null,
      }
      await withTransaction(pool, (tx) => storeDigest(tx, threadId, stored))
      return 'ready'
    } catch (err) {
      const failure = err instanceof DigestFailure ? err : undefined
      if (failure?.permanent) {
        await markThreadFailed(pool, threadId, failure.reason, failure.message)
        throw new UnrecoverableError(failure.message)
      }
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1)
      if (lastAttempt)
        await markThreadFailed(pool, threadId, failure?.reason ?? 'internal', failure?.message ?? UNEXPECTED)
      throw err
    }
  }
}
