import type { FastifyBaseLogger } from 'fastify'
import type pg from 'pg'
import type { AppConfig } from '../config.js'
import { createPool } from '../db/pool.js'
import { openQueueBackend } from '../queue/backend.js'
import { startJuryWorker } from '../moderation/jury-worker.js'
import { startDigestWorker, type RunningWorker } from './digest-worker.js'

/**
 * The worker (digests, and juries' deadlines) with what it needs: its queue connection, and a
 * database pool of its own unless the web app in the same process lends its own (`shared.pool`). `close()` finishes or
 * gives back the jobs in hand, then lets go of the queue, then of the pool it opened.
 */
export async function startWorker(
  config: AppConfig,
  log: FastifyBaseLogger,
  shared: { pool?: pg.Pool } = {},
): Promise<RunningWorker> {
  const ownPool = shared.pool ? undefined : createPool(config.databaseUrl, config.databaseSchema, log)
  const pool = shared.pool ?? ownPool!
  const backend = openQueueBackend({
    redisUrl: config.redisUrl,
    databaseUrl: config.databaseUrl,
    prefix: config.queuePrefix,
  })
  let worker: RunningWorker
  let juries: RunningWorker
  try {
    worker = await startDigestWorker({ pool, config, backend, log })
    try {
      juries = await startJuryWorker({ pool, config, backend, log })
    } catch (err) {
      await worker.close()
      throw err
    }
  } catch (err) {
    await backend.close()
    await ownPool?.end()
    throw err
  }
  return {
    close: async () => {
      await juries.close()
      await worker.close()
      await backend.close()
      await ownPool?.end()
    },
  }
}
