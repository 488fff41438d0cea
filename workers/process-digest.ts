import { UnrecoverableError, type Job } from 'bullmq'
import type pg from 'pg'
import type { Config } from '../src/config.js'
import { claimThreadForFetch, markThreadFailed, storeDigest } from '../src/db/threads.js'
import type { ExtractPool } from '../src/extract/extract-pool.js'
import { parseAllowList } from '../src/fetch/address-guard.js'
import { DigestFailure } from '../src/fetch/failure.js'
import { fetchPage, type FetchOptions } from '../src/fetch/fetch-page.js'
import { readDigestJob } from '../src/queue/jobs.js'
import { canonicalOnSameSite } from './canonical.js'

const UNEXPECTED = 'Something went wrong on our side while making the digest.'

export interface ProcessorDeps {
  pool: pg.Pool
  config: Config
  /** Extraction runs on its threads, off the event loop; the caller owns and closes it. */
  extractPool: ExtractPool
}

export function fetchOptionsFor(config: Config): FetchOptions {
  return {
    allowHosts: parseAllowList(config.fetchAllowHosts),
    // Names the service and where to find it; never anything about the member who posted.
    userAgent: `Broadsheet/0.1 (+${config.publicUrl})`,
    timeoutMs: config.fetchTimeoutMs,
    maxBytes: config.fetchMaxBytes,
    maxRedirects: config.fetchMaxRedirects,
  }
}

/**
 * thread row → fetch → extract → store. Idempotent: a thread already ready or
 * failed is left alone. Permanent failures are stored at once and not retried;
 * transient ones are retried by BullMQ and stored only on the last attempt.
 */
export function makeDigestProcessor({ pool, config, extractPool }: ProcessorDeps) {
  const fetchOptions = fetchOptionsFor(config)
  return async (job: Job<unknown>): Promise<string> => {
    const { threadId } = readDigestJob(job.data)
    const claimed = await claimThreadForFetch(pool, threadId)
    if (!claimed) return 'skipped: thread already digested'
    try {
      const page = await fetchPage(claimed.submittedUrl, fetchOptions)
      const digest = await extractPool.extract(page.html, page.url, { paragraphs: config.excerptParagraphs })
      await storeDigest(pool, threadId, {
        finalUrl: page.url,
        canonicalUrl: canonicalOnSameSite(digest.canonicalUrl, page.url),
        title: digest.title,
        byline: digest.byline,
        siteName: digest.siteName,
        lang: digest.lang,
        imageUrl: digest.imageUrl,
        publishedTime: digest.publishedTime,
        modifiedTime: digest.modifiedTime,
        excerpt: digest.excerpt,
      })
      return 'ready'
    } catch (err) {
      const failure = err instanceof DigestFailure ? err : undefined
      if (failure?.permanent) {
        await markThreadFailed(pool, threadId, failure.reason, failure.message)
        throw new UnrecoverableError(failure.message)
      }
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1)
      if (lastAttempt) await markThreadFailed(pool, threadId, failure?.reason ?? 'internal', failure?.message ?? UNEXPECTED)
      throw err
    }
  }
}
