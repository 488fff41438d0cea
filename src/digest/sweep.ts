import type { FastifyBaseLogger } from 'fastify'
import type pg from 'pg'
import { listWaitingThreadIds } from '../db/digests.js'
import { pruneFetchCache } from '../db/fetch-cache.js'
import { isDatabaseUnavailable } from '../db/pool.js'
import { listThreadsDueForRefresh } from '../db/refresh.js'
import type { JobQueue, QueueBackend } from '../queue/backend.js'
import { DIGEST_JOB_OPTIONS, DIGEST_QUEUE, digestJobId, enqueueDigest, enqueueRefresh } from '../queue/jobs.js'

export interface SweepSettings {
  /** Time between two sweeps; the first runs at start. */
  everyMs: number
  /** A thread still waiting this long has probably lost its job (queue down at posting time, store wiped). */
  lostAfterSeconds: number
}

export interface SweepDeps {
  pool: pg.Pool
  queue: JobQueue
  /** Fetched pages older than this leave the cache. */
  fetchCacheSeconds: number
  log: FastifyBaseLogger
}

/** Job states that mean nothing will digest the thread any more. */
const FINISHED = new Set(['completed', 'failed'])
const GONE = new Set(['missing', 'unknown'])

/**
 * One sweep: queues the source re-fetches that are due, prunes the fetch cache
 * and re-queues threads whose digest job is gone or finished while the thread
 * still waits. Returns the ids of the threads it re-queued. Safe to run from
 * many workers at once: a job still queued or running keeps its id, so adding
 * it again is a no-op, and a finished one is removed before it is added again.
 */
export async function sweepOnce(deps: SweepDeps, lostAfterSeconds: number): Promise<number[]> {
  const { pool, queue, log } = deps
  for (const { id, round } of await listThreadsDueForRefresh(pool)) await enqueueRefresh(queue, { threadId: id, round })
  await pruneFetchCache(pool, deps.fetchCacheSeconds)
  const requeued: number[] = []
  for (const id of await listWaitingThreadIds(pool, lostAfterSeconds)) {
    const job = await queue.getJob(digestJobId(id))
    const state = job ? await job.getState() : 'missing'
    if (FINISHED.has(state)) await queue.remove(digestJobId(id))
    if (FINISHED.has(state) || GONE.has(state)) {
      log.info({ threadId: id, jobState: state }, 're-queueing a thread that lost its digest job')
      await enqueueDigest(queue, id)
      requeued.push(id)
    }
  }
  return requeued
}

export interface RunningSweeps {
  /** Stops the timer and waits for the sweep under way, then closes the sweep's queue. */
  close(): Promise<void>
}

/** Sweeps now and then every `everyMs`, one sweep at a time, on a queue of its own. */
export function startSweeps(
  deps: Omit<SweepDeps, 'queue'> & { backend: QueueBackend },
  { everyMs, lostAfterSeconds }: SweepSettings,
): RunningSweeps {
  const queue = deps.backend.createQueue(DIGEST_QUEUE, DIGEST_JOB_OPTIONS)
  queue.on('error', (err) => deps.log.warn({ err }, 'sweep queue lost its connection; it reconnects on its own'))
  const sweepDeps: SweepDeps = { ...deps, queue }
  // The first sweep runs once the queue has connected, or has waited a moment for its store.
  let sweeping: Promise<unknown> = deps.backend.ready()
  const run = () => {
    sweeping = sweeping.then(() =>
      sweepOnce(sweepDeps, lostAfterSeconds).catch((err: unknown) => {
        // The database or the queue's store away (a restart) is an outage the next sweep outlives, not a fault of the sweep.
        const queueAway = deps.backend.unavailable()
        if (isDatabaseUnavailable(err))
          deps.log.warn({ err: (err as Error).message }, 'digest sweep skipped: the database is away')
        else if (queueAway) deps.log.warn({ err: (err as Error).message }, `digest sweep skipped: ${queueAway}`)
        else deps.log.error({ err }, 'digest sweep failed')
      }),
    )
  }
  run()
  const timer = setInterval(run, everyMs)
  timer.unref()
  return {
    close: async () => {
      clearInterval(timer)
      await sweeping
      await queue.close()
    },
  }
}
