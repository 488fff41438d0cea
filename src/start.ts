import { startDigestWorker } from './digest/digest-worker.js'
import { buildApp } from './app.js'
import { loadConfig } from './config.js'
import { createPool } from './db/pool.js'
import { createLogger } from './logger.js'
import { openQueueBackend } from './queue/backend.js'
import { migrateDatabase, onShutdown, openDatabase, runMain } from './startup.js'

/** Web and worker in one process: `npm start` on a single machine. */
async function main() {
  const config = loadConfig()
  const log = createLogger(config.logLevel, 'broadsheet')
  const database = await openDatabase(config, log)
  await migrateDatabase(database.url, config.databaseSchema, log)
  const appConfig = { ...config, databaseUrl: database.url }
  const app = await buildApp(appConfig, log)
  const pool = createPool(database.url, config.databaseSchema)
  const backend = openQueueBackend({ redisUrl: config.redisUrl, databaseUrl: database.url, prefix: config.queuePrefix })
  const worker = await startDigestWorker({ pool, config, backend, log })
  onShutdown(async () => {
    await app.close()
    await worker.close()
    await backend.close()
    await pool.end()
    await database.stop()
  }, log)
  await app.listen({ port: config.port, host: config.host })
  log.info(`Broadsheet is ready: open ${config.publicUrl}`)
}

runMain(main)
