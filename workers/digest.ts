import { loadConfig } from '../src/config.js'
import { createPool } from '../src/db/pool.js'
import { createLogger } from '../src/logger.js'
import { openQueueBackend } from '../src/queue/backend.js'
import { migrateDatabase, onShutdown, openDatabase, runMain } from '../src/startup.js'
import { startDigestWorker } from '../src/digest/digest-worker.js'

/** Worker entry: run as many of these, on as many machines, as the digests need. */
async function main() {
  const config = loadConfig()
  const log = createLogger(config.logLevel, 'worker')
  const database = await openDatabase(config, log)
  await migrateDatabase(database.url, config.databaseSchema, log)
  const pool = createPool(database.url, config.databaseSchema)
  const backend = openQueueBackend({ redisUrl: config.redisUrl, databaseUrl: database.url, prefix: config.queuePrefix })
  const worker = await startDigestWorker({ pool, config, backend, log })
  onShutdown(async () => {
    // Finish the jobs in hand before letting go of the queue and the database.
    await worker.close()
    await backend.close()
    await pool.end()
    await database.stop()
  }, log)
}

runMain(main)
