import { DelayedError, WaitingError } from 'bullmq'
import type { FastifyBaseLogger } from 'fastify'
import type pg from 'pg'
import type { Config } from '../config.js'
import { isDatabaseUnavailable } from '../db/pool.js'
import { createExtractPool, extractThreadsFor } from '../extract/extract-pool.js'
import type { JobProcessor, QueueBackend } from '../queue/backend.js'
import { DIGEST_QUEUE } from '../queue/jobs.js'
import { makeJobProcessor } from './process-digest.js'
import { startSweeps } from './sweep.js'

export interface RunningWorker {
  close(): Promise<void>
}

/** A job that met the database away is tried again this much later. */
const DATABASE_AWAY_RETRY_MS = 5000

/**
 * A job that failed only because the database was away (restarting, say) goes back to the
 * delayed set and is tried again shortly, without using up one of its attempts: the page is not
 * at fault, and an outage longer than the retries' backoff would otherwise end its digest.
 */
function retryWhenDatabaseAway(processor: JobProcessor, log: FastifyBaseLogger): JobProcessor {
  return async (job, token, signal) => {
    try {
      return await processor(job, token, signal)
    } catch (err) {
      if (!isDatabaseUnavailable(err) || token === undefined) throw err
      log.warn({ jobId: job.id, err: (err as Error).message }, 'the database is away; the job waits for it')
      await job.moveToDelayed(Date.now() + DATABASE_AWAY_RETRY_MS, token)
      throw new DelayedError()
    }
  }
}

/** Why a stopping worker cancels the jobs still in hand after its grace period. */
const STOPPING = 'The worker is stopping.'

/**
 * A job its stopping worker cancelled (its fetch or extraction ended early) goes straight back to
 * the waiting list, for another worker to take at once, without using up one of its attempts;
 * otherwise it would wait in the dead worker's name until its lock ran out. A job that ended
 * anyway, done or failed, is left as it ended.
 */
function giveBackWhenStopped(processor: JobProcessor, log: FastifyBaseLogger): JobProcessor {
  return async (job, token, signal) => {
    try {
      return await processor(job, token, signal)
    } catch (err) {
      if (!signal?.aborted || token === undefined) throw err
      await job.moveToWait(token)
      log.info({ jobId: job.id }, 'gave the job back to the queue: the worker is stopping')
      throw new WaitingError()
    }
  }
}

export async function startDigestWorker(deps: {
  pool: pg.Pool
  config: Config
  backend: QueueBackend
  log: FastifyBaseLogger
}): Promise<RunningWorker> {
  const { pool, config, backend, log } = deps
  const extractPool = createExtractPool({ threads: extractThreadsFor(config.workerConcurrency) })
  const worker = backend.createWorker(
    DIGEST_QUEUE,
    giveBackWhenStopped(
      retryWhenDatabaseAway(
        makeJobProcessor({
          pool,
          config,
          extractPool,
          onRefreshError: (err) => log.info({ err }, 'source re-fetch failed; trying again next round'),
          onCacheError: (err) => log.warn({ err }, 'could not keep a fetched page in the cache'),
        }),
        log,
      ),
      log,
    ),
    config.workerConcurrency,
    { lockMs: config.workerLockMs, stalledCheckMs: config.workerStalledCheckMs },
  )
  worker.on('error', (err) => log.error({ err }, 'digest worker error'))
  worker.on('failed', (job, err) => log.warn({ jobId: job?.id, err: err.message }, 'digest attempt failed'))
  await worker.waitUntilReady()

  const sweeps = startSweeps(
    { pool, backend, fetchCacheSeconds: config.fetchCacheSeconds, log },
    { everyMs: config.sweepIntervalMs, lostAfterSeconds: config.sweepLostAfterSeconds },
  )
  log.info(`Digest worker running on the ${backend.kind} queue (concurrency ${config.workerConcurrency}).`)

  return {
    close: async () => {
      await sweeps.close()
      // The digests in hand may finish for a while; those still running then are given back.
      const giveBack = setTimeout(() => worker.cancelAllJobs(STOPPING), config.workerStopGraceMs)
      await worker.close()
      clearTimeout(giveBack)
      // After worker.close(): the digests in hand have finished extracting, or were stopped.
      await extractPool.close()
    },
  }
}
