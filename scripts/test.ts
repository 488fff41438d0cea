import { spawn } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ensureDatabaseUrl } from './throwaway-database.js'

const TAP = join('node_modules', '.bin', 'tap')

function run(command: string, args: string[]): Promise<number> {
  const child = spawn(command, args, { stdio: 'inherit', env: process.env })
  // On Ctrl-C the child stops first; the database is stopped once it has.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal))
  return new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 1)))
}

/**
 * tap runs TypeScript through the @tapjs/tsx plugin (.taprc), which must be
 * built into tap once after `npm ci`; tap does not rebuild on its own.
 */
async function ensureTapPlugins(): Promise<void> {
  const built = await readFile(join('node_modules', '@tapjs', 'test', 'test-built', 'src', 'index.ts'), 'utf8').catch(
    () => '',
  )
  if (built.includes('@tapjs/tsx')) return
  console.log('# Building tap with the @tapjs/tsx plugin (once after npm ci).')
  if ((await run(TAP, ['build'])) !== 0) throw new Error('tap build failed')
}

/**
 * `npm test`: runs tap against DATABASE_URL (and REDIS_URL) when set; on a
 * machine with neither, against a throw-away embedded Postgres, so the suite
 * needs nothing but Node. Tests that need Redis skip themselves without REDIS_URL.
 */
async function main(): Promise<number> {
  await ensureTapPlugins()
  const cleanUp = await ensureDatabaseUrl((msg) => console.log(`# ${msg}`))
  if (!process.env.REDIS_URL) console.log('# REDIS_URL is not set: tests of the Redis queue backend are skipped.')
  try {
    return await run(TAP, process.argv.slice(2))
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
