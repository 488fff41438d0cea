import { ConfigError, type Config } from './config.js'
import { startEmbeddedPostgres } from './db/embedded.js'
import { rebuildStaleLinkKeys } from './db/links.js'
import { migrate } from './db/migrate.js'
import { createPool } from './db/pool.js'

interface Log {
  info(msg: string): void
}

export interface Database {
  url: string
  stop(): Promise<void>
}

/** DATABASE_URL when set; otherwise the embedded Postgres under DATA_DIR. */
export async function openDatabase(config: Config, log: Log): Promise<Database> {
  if (config.databaseUrl) return { url: config.databaseUrl, stop: async () => {} }
  return startEmbeddedPostgres(config.dataDir, config.embeddedPostgresPort, log)
}

export async function migrateDatabase(url: string, schema: string, log: Log): Promise<void> {
  const pool = createPool(url, schema, 2)
  try {
    const ran = await migrate(pool)
    if (ran.length > 0) log.info(`Applied migrations: ${ran.join(', ')}`)
    const rebuilt = await rebuildStaleLinkKeys(pool)
    if (rebuilt > 0) log.info(`Rebuilt ${rebuilt} link keys for the current link rules.`)
  } finally {
    await pool.end()
  }
}

/** Runs `stop` once on SIGTERM or SIGINT, then exits. */
export function onShutdown(
  stop: () => Promise<void>,
  log: { info(msg: string): void; error(obj: object, msg: string): void },
): void {
  let stopping = false
  const handle = (signal: string) => {
    if (stopping) return
    stopping = true
    log.info(`${signal}: shutting down`)
    stop().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'shutdown failed')
        process.exit(1)
      },
    )
  }
  process.once('SIGTERM', () => handle('SIGTERM'))
  process.once('SIGINT', () => handle('SIGINT'))
}

/** Runs an entry point; a configuration mistake prints one plain line instead of a stack trace. */
export function runMain(main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    console.error(err instanceof ConfigError ? `Configuration error: ${err.message}` : err)
    process.exit(1)
  })
}
