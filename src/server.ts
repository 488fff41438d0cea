import { buildApp } from './app.js'
import { loadConfig } from './config.js'
import { createLogger } from './logger.js'
import { migrateDatabase, onShutdown, openDatabase, runMain } from './startup.js'

/** Web entry: config → database → migrations → app → listen; closes cleanly on SIGTERM. */
async function main() {
  const config = loadConfig()
  const log = createLogger(config.logLevel, 'web')
  const database = await openDatabase(config, log)
  await migrateDatabase(database.url, config.databaseSchema, log)
  const app = await buildApp({ ...config, databaseUrl: database.url }, log)
  onShutdown(async () => {
    await app.close()
    await database.stop()
  }, log)
  await app.listen({ port: config.port, host: config.host })
}

runMain(main)
