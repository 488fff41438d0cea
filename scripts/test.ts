import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { ensureDatabaseUrl } from './throwaway-database.js'

/**
 * `npm test`: runs tap against DATABASE_URL (and REDIS_URL) when set; on a
 * machine with neither, against a throw-away embedded Postgres, so the suite
 * needs nothing but Node. Tests that need Redis skip themselves without REDIS_URL.
 */
async function main(): Promise<number> {
  const cleanUp = await ensureDatabaseUrl((msg) => console.log(`# ${msg}`))
  if (!process.env.REDIS_URL) console.log('# REDIS_URL is not set: tests of the Redis queue backend are skipped.')
  try {
    const tap = spawn(join('node_modules', '.bin', 'tap'), process.argv.slice(2), { stdio: 'inherit', env: process.env })
    // On Ctrl-C tap stops its tests; the database is stopped once it has.
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => tap.kill(signal))
    return await new Promise<number>((resolve) => tap.on('exit', (code) => resolve(code ?? 1)))
  } finally {
    await cleanUp()
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err)
    process.exit(1)
  },
)
