import { setTimeout as sleep } from 'node:timers/promises'
import type { FastifyBaseLogger } from 'fastify'
import { ConfigError, loadConfig, type Config } from './config.js'
import type { RunningWorker } from './digest/digest-worker.js'
import { EmbeddedPostgresError, startEmbeddedPostgres } from './db/embedded.js'
import { rebuildStaleLinkKeys } from './db/links.js'
import { migrate } from './db/migrate.js'
import { createPool, isDatabaseUnavailable } from './db/pool.js'
import { createLogger, logReady } from './logger.js'

interface Log {
  info(msg: string): void
  warn(obj: object, msg: string): void
}

export interface Database {
  url: string
  stop(): Promise<void>
}

/**
 * DATABASE_URL when set; otherwise the embedded Postgres under DATA_DIR. `whileBooting` runs once
 * the embedded server process is spawned, to use the time it takes to accept connections.
 */
export async function openDatabase(config: Config, log: Log, whileBooting?: () => void): Promise<Database> {
  if (config.databaseUrl) return { url: config.databaseUrl, stop: async () => {} }
  return startEmbeddedPostgres(config.dataDir, config.embeddedPostgresPort, log, whileBooting)
}

/** SQLSTATEs of a Postgres that answers but refuses these credentials or has no such database. */
const REFUSED_STATES = new Set(['28000', '28P01', '3D000'])

/**
 * The database named by the settings does not answer, or turns Broadsheet away: the operator
 * starts it or corrects DATABASE_URL, which one sentence says (no stack: nothing in the code is wrong).
 */
class DatabaseStartError extends Error {
  static of(url: string, err: unknown): unknown {
    const { code } = err as { code?: unknown }
    const refused = typeof code === 'string' && REFUSED_STATES.has(code)
    if (!(err instanceof Error) || (!refused && !isDatabaseUnavailable(err))) return err
    const { hostname, port } = new URL(url)
    const where = `the database at ${hostname}:${port || 5432}`
    return new DatabaseStartError(
      refused
        ? `Cannot use ${where} (${err.message}): check the user, password and database name in DATABASE_URL.`
        : `Cannot reach ${where} (${typeof code === 'string' ? code : err.message}): start Postgres there, or set DATABASE_URL to one that runs.`,
      { cause: err },
    )
  }
}

export async function migrateDatabase(url: string, schema: string, log: Log): Promise<void> {
  const pool = createPool(url, schema, log, 2)
  try {
    const ran = await migrate(pool).catch((err: unknown) => {
      throw DatabaseStartError.of(url, err)
    })
    if (ran.length > 0) log.info(`Applied migrations: ${ran.join(', ')}`)
    const rebuilt = await rebuildStaleLinkKeys(pool)
    if (rebuilt > 0) log.info(`Rebuilt ${rebuilt} link keys for the current link rules.`)
  } finally {
    await pool.end()
  }
}

/** A mistake the person starting Broadsheet can fix gets one plain line; anything else its stack. */
function describeFailure(err: unknown): string {
  if (err instanceof ConfigError) return `Configuration error: ${err.message}`
  if (err instanceof EmbeddedPostgresError || err instanceof DatabaseStartError) return err.message
  return err instanceof Error ? (err.stack ?? err.message) : String(err)
}

/** Runs a command that ends by itself (migrate, moderator). */
export function runMain(main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    console.error(describeFailure(err))
    process.exit(1)
  })
}

type Close = () => Promise<void>

/** A terminal closing (SIGHUP) stops Broadsheet as cleanly as Ctrl-C or a process manager does. */
const STOP_SIGNALS = ['SIGTERM', 'SIGINT', 'SIGHUP'] as const
/** Past this, whatever still hangs is abandoned; the embedded Postgres is still told to stop. */
const SHUTDOWN_LIMIT_MS = 20_000
/** How long a stop waits for a start-up still in progress before it closes what has started. */
const STARTUP_WAIT_ON_STOP_MS = 5_000

/**
 * Runs a process that serves until stopped. `start` opens things one after another and registers
 * with `defer` how to close each; a stop signal closes them in the reverse order and exits. A
 * signal during start-up waits for start-up to end, or closes what has started once it has waited
 * `STARTUP_WAIT_ON_STOP_MS`; a failed start-up closes what it had opened.
 */
function runUntilStopped(
  start: (defer: (close: Close) => void, logTo: (log: FastifyBaseLogger) => void) => Promise<FastifyBaseLogger>,
): void {
  const closers: Close[] = []
  let startupLog: FastifyBaseLogger | undefined
  let closing: Promise<boolean> | undefined
  const closeAll = (log?: FastifyBaseLogger) =>
    (closing ??= (async () => {
      let clean = true
      for (let close = closers.pop(); close; close = closers.pop()) {
        await close().catch((err: unknown) => {
          clean = false
          log?.error({ err }, 'could not close part of Broadsheet; closing the rest')
        })
      }
      return clean
    })())

  const started = start(
    (close) => closers.push(close),
    (log) => (startupLog = log),
  )
  let stopping = false
  for (const signal of STOP_SIGNALS) {
    process.on(signal, () => {
      // Ctrl-C reaches both npm and Broadsheet, and npm passes it on: one stop can arrive twice.
      if (stopping) return
      stopping = true
      // A start-up waiting for a service that is away (a Redis not there) may never end: after a
      // while the stop closes what has started so far, in the same reverse order.
      const startedInTime = Promise.race([started, sleep(STARTUP_WAIT_ON_STOP_MS).then(() => undefined)])
      startedInTime.then(
        async (started) => {
          const log = started ?? startupLog
          log?.info(started ? `${signal}: shutting down` : `${signal} while still starting: closing what has started`)
          setTimeout(() => {
            log?.warn(`Still shutting down after ${SHUTDOWN_LIMIT_MS / 1000} s; exiting anyway.`)
            process.exit(1)
          }, SHUTDOWN_LIMIT_MS).unref()
          const clean = await closeAll(log)
          log?.info('Broadsheet has stopped.')
          process.exit(clean ? 0 : 1)
        },
        // A failed start-up is reported below.
        () => undefined,
      )
    })
  }
  started.catch(async (err: unknown) => {
    await closeAll()
    console.error(describeFailure(err))
    process.exit(1)
  })
}

/**
 * The worker's own /metrics and /healthz (WORKER_METRICS_PORT): it has no web server, and each of
 * several workers is scraped apart. Web and worker in one process share one set of metrics, which
 * the web's /metrics shows too.
 */
async function serveWorkerMetrics(config: Config, port: number, log: FastifyBaseLogger, defer: (close: Close) => void) {
  const { serveMetrics } = await import('./metrics/metrics-server.js')
  const server = await serveMetrics({
    port,
    host: config.host,
    token: config.metricsToken,
    onError: (err) => log.error({ err }, 'could not read the metrics'),
  })
  defer(() => new Promise((resolve) => server.close(() => resolve())))
  log.info(`Worker metrics on port ${port}: /metrics, /healthz`)
}

/**
 * Every long-lived Broadsheet process, web and worker together (`npm start`) or apart. The one
 * shutdown order: the web stops accepting and finishes its requests, the worker finishes or gives
 * back its jobs, the pools and queues close, and the embedded Postgres stops last.
 */
export function runBroadsheet(name: string, roles: { web: boolean; worker: boolean }): void {
  runUntilStopped(async (defer, logTo) => {
    const config = loadConfig()
    const log = createLogger(config.logLevel, name)
    logTo(log)
    // The web's modules load while the embedded Postgres boots, once it is spawned: loading them
    // holds this thread, which would otherwise delay the steps that spawn it.
    let webModule: Promise<typeof import('./app.js')> | undefined
    const loadWeb = () => {
      if (roles.web) webModule ??= import('./app.js')
    }
    const database = await openDatabase(config, log, loadWeb)
    loadWeb()
    defer(async () => {
      await database.stop()
      if (!config.databaseUrl) log.info('Stopped the embedded Postgres.')
    })
    await migrateDatabase(database.url, config.databaseSchema, log)
    const appConfig = { ...config, databaseUrl: database.url }

    const app = webModule ? await (await webModule).buildApp(appConfig, log) : undefined
    if (app) {
      app.addHook('preClose', async () => log.info('The web server stops accepting requests.'))
      defer(async () => {
        await app.close()
        log.info('Closed the web server and its database pool.')
      })
    }
    let worker: RunningWorker | undefined
    const closeWorker = async () => {
      if (!worker) return
      await worker.close()
      log.info('Stopped the digest worker.')
    }
    // Sharing the web's pool, the worker closes inside the web's close: after the server has
    // stopped accepting and answered its requests, before the pool ends.
    if (roles.worker) {
      if (app) app.addHook('onClose', closeWorker)
      else defer(closeWorker)
    }
    // The web answers first; the worker, its modules loaded only now, joins a moment later
    // (links posted meanwhile wait in the queue).
    if (app) await app.listen({ port: config.port, host: config.host })
    if (roles.worker) {
      const { startWorker } = await import('./digest/start-worker.js')
      worker = await startWorker(appConfig, log, { pool: app?.pool })
      if (config.workerMetricsPort !== undefined) await serveWorkerMetrics(config, config.workerMetricsPort, log, defer)
    }
    if (app) logReady(log, config.publicUrl)
    return log
  })
}
