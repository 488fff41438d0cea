import { loadConfig } from '../src/config.js'
import { createLogger } from '../src/logger.js'
import { migrateDatabase, openDatabase, runMain } from '../src/startup.js'

/** `npm run migrate`: applies pending sql/ migrations and exits. */
async function main() {
  const config = loadConfig()
  const log = createLogger(config.logLevel, 'migrate')
  const database = await openDatabase(config, log)
  try {
    await migrateDatabase(database.url, config.databaseSchema, log)
    log.info('The database is up to date.')
  } finally {
    await database.stop()
  }
}

runMain(main)
