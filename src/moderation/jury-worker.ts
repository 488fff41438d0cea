import type { FastifyBaseLogger } from 'fastify'
import type pg from 'pg'
import type { Config } from '../config.js'
import type { RunningWorker } from '../digest/digest-worker.js'
import { listOverdueJuryIds } from '../db/juries.js'
import { isDatabaseUnavailable } from '../db/pool.js'
import type { QueueBackend } from '../queue/backend.js'
import { JURY_QUEUE, readJuryJob } from '../queue/jobs.js'
import { closeJuryIfDue, juryRulesOf } from '../services/juries.js'

/**
 * Closes juries at their deadline: a delayed job per jury, and a sweep (at start, then every
 * `sweepIntervalMs`) for juries whose job was lost with the queue's store or never queued.
 * Postgres holds the juries; closing one twice is a no-op, so the two never disagree.
 */
export async function startJuryWorker(deps: {
  pool: pg.Pool
  config: Config
  backend: QueueBackend
  log: FastifyBaseLogger
}): Promise<RunningWorker> {
  const { pool, config, backend, log } = deps
  const rules = juryRulesOf(config)
  const worker = backend.createWorker(
    JURY_QUEUE,
    async (job) => closeJuryIfDue(pool, rules, readJuryJob(job.name, job.data).juryId),
    1,
    { lockMs: config.workerLockMs, stalledCheckMs: config.workerStalledCheckMs },
  )
  worker.on('error', (err) => log.error({ err }, 'jury worker error'))
  worker.on('failed', (job, err) => log.warn({ jobId: job?.id, err: err.message }, 'closing a jury failed'))
  await worker.waitUntilReady()

  let sweeping: Promise<unknown> = Promise.resolve()
  const sweep = () => {
    sweeping = sweeping.then(async () => {
      try {
        for (const id of await listOverdueJuryIds(pool)) await closeJuryIfDue(pool, rules, id)
      } catch (err) {
        if (isDatabaseUnavailable(err))
          log.warn({ err: (err as Error).message }, 'jury sweep skipped: the database is away')
        else log.error({ err }, 'jury sweep failed')
      }
    })
  }
  sweep()
  const timer = setInterval(sweep, config.sweepIntervalMs)
  timer.unref()
  return {
    close: async () => {
      clearInterval(timer)
      await sweeping
      await worker.close()
    },
  }
}
