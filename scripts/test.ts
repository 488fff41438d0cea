import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../src/db/embedded.js'

/**
 * `npm test`: runs tap against DATABASE_URL (and REDIS_URL) when set; on a
 * machine with neither, against a throw-away embedded Postgres, so the suite
 * needs nothing but Node. Tests that need Redis skip themselves without REDIS_URL.
 */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

async function main(): Promise<number> {
  let embedded: EmbeddedDatabase | undefined
  let dataDir: string | undefined
  if (!process.env.DATABASE_URL) {
    dataDir = await mkdtemp(join(tmpdir(), 'broadsheet-test-'))
    embedded = await startEmbeddedPostgres(dataDir, await freePort(), { info: (msg) => console.log(`# ${msg}`) })
    process.env.DATABASE_URL = embedded.url
  }
  if (!process.env.REDIS_URL) console.log('# REDIS_URL is not set: tests of the Redis queue backend are skipped.')
  try {
    const tap = spawn(join('node_modules', '.bin', 'tap'), process.argv.slice(2), {
      stdio: 'inherit',
      env: process.env,
    })
    return await new Promise<number>((resolve) => tap.on('exit', (code) => resolve(code ?? 1)))
  } finally {
    await embedded?.stop()
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err)
    process.exit(1)
  },
)
