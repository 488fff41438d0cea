import { randomBytes } from 'node:crypto'
import type { FastifyBaseLogger, FastifyInstance, RouteOptions } from 'fastify'
import pg from 'pg'
import { Redis } from 'ioredis'
import { buildApp } from '../../src/app.js'
import type { AppConfig } from '../../src/config.js'
import { loadConfig, type Config } from '../../src/config.js'
import { createPool } from '../../src/db/pool.js'
import { createLogger } from '../../src/logger.js'
import { migrateDatabase } from '../../src/startup.js'
import type { RunningWorker } from '../../src/digest/digest-worker.js'
import { startWorker } from '../../src/digest/start-worker.js'
import { openQueueBackend, type QueueBackend } from '../../src/queue/backend.js'

export type QueueKind = 'redis' | 'postgres'

/** The queue backends this machine can test: Postgres always, Redis when REDIS_URL is set. */
export const queueKinds = (): QueueKind[] => (process.env.REDIS_URL ? ['postgres', 'redis'] : ['postgres'])

export interface TestApp {
  app: FastifyInstance
  config: AppConfig
  pool: pg.Pool
  /** The real digest worker, in this process; `overrides` change its settings (e.g. an empty allow list). */
  startWorker(overrides?: Partial<Config>, log?: FastifyBaseLogger): Promise<RunningWorker>
  /** Another connection to this app's queue store, as a second worker process would open; closed in teardown. */
  openQueueBackend(): QueueBackend
}

const silent = createLogger('silent', 'test')

/** What the helpers need of a tap test: somewhere to register clean-up (bench/ passes its own). */
export interface Teardown {
  teardown(fn: () => unknown): void
}

/**
 * A whole app in its own Postgres schema and queue namespace, so test files
 * running in parallel never meet; everything is dropped in teardown.
 */
export async function buildTestApp(
  t: Teardown,
  options: {
    queue?: QueueKind
    env?: Record<string, string>
    /** Another Postgres than DATABASE_URL (one the test may restart). */
    databaseUrl?: string
    /** The app's logger, for a test that reads what it logs. */
    log?: FastifyBaseLogger
    /** Sees every route of the app as it is added. */
    onRoute?: (route: RouteOptions) => void
  } = {},
): Promise<TestApp> {
  const databaseUrl = options.databaseUrl ?? process.env.DATABASE_URL
  if (!databaseUrl) throw new Error('DATABASE_URL is not set: run the tests with `npm test`.')
  const queue = options.queue ?? queueKinds().at(-1)!
  const id = randomBytes(5).toString('hex')
  const schema = `t_${id}`
  const queuePrefix = `tq_${id}`

  const admin = new pg.Client({ connectionString: databaseUrl })
  await admin.connect()
  await admin.query(`CREATE SCHEMA ${schema}`)
  await admin.end()

  const config: AppConfig = {
    ...loadConfig({
      DATABASE_URL: databaseUrl,
      DATABASE_SCHEMA: schema,
      QUEUE_PREFIX: queuePrefix,
      ...(queue === 'redis' ? { REDIS_URL: process.env.REDIS_URL } : {}),
      FETCH_ALLOW_HOSTS: '127.0.0.1',
      FETCH_TIMEOUT_MS: '5000',
      // Tests fetch many pages from one fixture host; the politeness test sets its own gap.
      FETCH_HOST_GAP_MS: '0',
      // Test files register many members from one address; test/pages/abuse.test.ts checks the limits.
      AUTH_ATTEMPTS_PER_MINUTE: '100000',
      REGISTRATIONS_PER_HOUR: '100000',
      // Search tests run many searches a minute from one address; test/api/search-limits.test.ts checks the limits.
      RATE_SEARCHES_PER_MINUTE: '100000',
      RATE_VISITOR_SEARCHES_PER_MINUTE: '100000',
      // Test members are minutes old and post from a fixture host nobody posted before;
      // test/api/new-members.test.ts sets its own.
      NEW_MEMBER_DAYS: '0',
      LOG_LEVEL: 'silent',
      ...options.env,
    }),
    databaseUrl,
  }
  await migrateDatabase(databaseUrl, schema, silent)
  const app = await buildApp(config, options.log ?? silent, options.onRoute)
  const pool = createPool(databaseUrl, schema, silent, 4)
  const workers: RunningWorker[] = []
  const backends: QueueBackend[] = []
  const openBackend = () => {
    const backend = openQueueBackend({ redisUrl: config.redisUrl, databaseUrl, prefix: queuePrefix })
    backends.push(backend)
    return backend
  }

  t.teardown(async () => {
    for (const worker of workers) await worker.close()
    for (const backend of backends) await backend.close()
    await app.close()
    await pool.end()
    const cleanup = new pg.Client({ connectionString: databaseUrl })
    await cleanup.connect()
    await cleanup.query(`DROP SCHEMA ${schema} CASCADE`)
    if (queue === 'postgres') await cleanup.query(`DROP SCHEMA IF EXISTS ${queuePrefix} CASCADE`)
    await cleanup.end()
    if (config.redisUrl) await deleteRedisKeys(config.redisUrl, queuePrefix)
  })

  return {
    app,
    config,
    pool,
    async startWorker(overrides = {}, log = silent) {
      const worker = await startWorker({ ...config, ...overrides }, log, { pool })
      workers.push(worker)
      return worker
    },
    openQueueBackend: openBackend,
  }
}

async function deleteRedisKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url)
  try {
    let cursor = '0'
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500)
      if (keys.length > 0) await redis.del(...keys)
      cursor = next
    } while (cursor !== '0')
  } finally {
    await redis.quit()
  }
}
