import type { FastifyBaseLogger } from 'fastify'
import type pg from 'pg'
import type { Config } from '../config.js'
import { listWaitingThreadIds } from '../db/digests.js'
import { createExtractPool, extractThreadsFor } from '../extract/extract-pool.js'
import type { QueueBackend } from '../queue/backend.js'
import { pruneFetchCache } from '../db/fetch-cache.js'
import { listThreadsDueForRefresh } from '../db/refresh.js'
import { DIGEST_JOB_OPTIONS, DIGEST_QUEUE, digestJobId, enqueueDigest, enqueueRefresh } from '../queue/jobs.js'
import { makeJobProcessor } from './process-digest.js'

/** A thread still waiting this long has probably lost its job (queue down at posting time, store wiped). */
const SWEEP_AFTER_SECONDS = 120
const SWEEP_EVERY_MS = 60_000

export interface RunningWorker {
  close(): Promise<void>
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
    makeJobProcessor({
      pool,
      config,
      extractPool,
      onRefreshError: (err) => log.info({ err }, 'source re-fetch failed; trying again next round'),
      onCacheError: (err) => log.warn({ err }, 'could not keep a fetched page in the cache'),
    }),
    config.workerConcurrency,
  )
  worker.on('error', (err) => log.error({ err }, 'digest worker error'))
  worker.on('failed', (job, err) => log.warn({ jobId: job?.id, err: err.message }, 'digest attempt failed'))
  await worker.waitUntilReady()

  const queue = backend.createQueue(DIGEST_QUEUE, DIGEST_JOB_OPTIONS)
  // Re-queues threads whose job is gone, and queues the source re-fetches that are due. A job still
  // queued or running keeps its id, so adding it again is a no-op; many workers may sweep at once.
  const sweep = async () => {
    for (const { id, round } of await listThreadsDueForRefresh(pool))
      await enqueueRefresh(queue, { threadId: id, round })
    await pruneFetchCache(pool, config.fetchCacheSeconds)
    for (const id of await listWaitingThreadIds(pool, SWEEP_AFTER_SECONDS)) {
      const job = await queue.getJob(digestJobId(id))
      const state = job ? await job.getState() : 'missing'
      if (state === 'completed' || state === 'failed') await queue.remove(digestJobId(id))
      if (state === 'completed' || state === 'failed' || state === 'missing' || state === 'unknown') {
        log.info({ threadId: id }, 're-queueing a thread that lost its digest job')
        await enqueueDigest(queue, id)
      }
    }
  }
  // One sweep at a time; close() waits for the one under way before closing what it uses.
  let sweeping: Promise<void> = Promise.resolve()
  const runSweep = () => {
    sweeping = sweeping.then(() => sweep().catch((err: unknown) => log.error({ err }, 'digest sweep failed')))
  }
  runSweep()
  const timer = setInterval(runSweep, SWEEP_EVERY_MS)
  timer.unref()
  log.info(`Digest worker running on the ${backend.kind} queue (concurrency ${config.workerConcurrency}).`)

  return {
    close: async () => {
      clearInterval(timer)
      await sweeping
      await worker.close()
      await queue.close()
      // After worker.close(): the digests in hand have finished extracting.
      await extractPool.close()
    },
  }
}
