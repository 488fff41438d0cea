import { loadConfig } from '../src/config.js'
import { createPool } from '../src/db/pool.js'
import { setRole } from '../src/db/users.js'
import { createLogger } from '../src/logger.js'
import { migrateDatabase, openDatabase, runMain } from '../src/startup.js'

/** `npm run moderator -- <username> [--remove]`: makes a member a moderator, or a member again. */
async function main() {
  const args = process.argv.slice(2)
  const username = args.find((a) => !a.startsWith('--'))
  if (!username || args.some((a) => a.startsWith('--') && a !== '--remove')) {
    console.error('usage: npm run moderator -- <username> [--remove]')
    process.exit(2)
  }
  const config = loadConfig()
  const log = createLogger(config.logLevel, 'moderator')
  const database = await openDatabase(config, log)
  const pool = createPool(database.url, config.databaseSchema, log, 1)
  try {
    await migrateDatabase(database.url, config.databaseSchema, log)
    const role = args.includes('--remove') ? 'member' : 'moderator'
    if (!(await setRole(pool, username, role))) {
      console.error(`There is no member called "${username}".`)
      process.exitCode = 1
    } else {
      console.log(`${username} is now a ${role}.`)
    }
  } finally {
    await pool.end()
    await database.stop()
  }
}

runMain(main)
