import { loadConfig } from '../src/config.js'
import { logModeration } from '../src/db/moderation.js'
import { createPool, withTransaction } from '../src/db/pool.js'
import { changeRole, findMemberByName } from '../src/db/roles.js'
import { createLogger } from '../src/logger.js'
import { migrateDatabase, openDatabase, runMain } from '../src/startup.js'

/**
 * `npm run admin -- <username> [--remove]` and `npm run moderator -- <username> [--remove]`: make a
 * member an admin (the first one, who then names moderators and hosts on /admin/roles) or a
 * moderator, or a member again. The change is in the public moderation log like any other.
 */
async function main() {
  const [role, ...args] = process.argv.slice(2)
  const username = args.find((a) => !a.startsWith('--'))
  if (
    (role !== 'admin' && role !== 'moderator') ||
    !username ||
    args.some((a) => a.startsWith('--') && a !== '--remove')
  ) {
    console.error(`usage: npm run ${role === 'admin' ? 'admin' : 'moderator'} -- <username> [--remove]`)
    process.exit(2)
  }
  const config = loadConfig()
  const log = createLogger(config.logLevel, role)
  const database = await openDatabase(config, log)
  const pool = createPool(database.url, config.databaseSchema, log, 1)
  try {
    await migrateDatabase(database.url, config.databaseSchema, log)
    const becomes = args.includes('--remove') ? 'member' : role
    const member = await withTransaction(pool, async (tx) => {
      const found = await findMemberByName(tx, username)
      if (found && (await changeRole(tx, found.id, becomes)))
        await logModeration(tx, {
          actorId: null,
          action: 'set_role',
          memberId: found.id,
          details: { role: becomes, via: 'command line' },
        })
      return found
    })
    if (!member) {
      console.error(`There is no member called "${username}".`)
      process.exitCode = 1
    } else {
      console.log(`${member.username} is now ${becomes === 'admin' ? 'an' : 'a'} ${becomes}.`)
    }
  } finally {
    await pool.end()
    await database.stop()
  }
}

runMain(main)
