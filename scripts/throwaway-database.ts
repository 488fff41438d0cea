import { chmod, mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmbeddedPostgres } from '../src/db/embedded.js'

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port')),
      )
    })
  })
}

/**
 * Sets DATABASE_URL to a throw-away embedded Postgres when it is not set, so
 * tests and benchmarks need nothing but Node. Returns the clean-up.
 */
export async function ensureDatabaseUrl(log: (msg: string) => void): Promise<() => Promise<void>> {
  if (process.env.DATABASE_URL) return async () => {}
  const dataDir = await mkdtemp(join(tmpdir(), 'broadsheet-throwaway-'))
  // mkdtemp makes it private; as root, Postgres runs as the user "postgres", which must get in.
  await chmod(dataDir, 0o755)
  const embedded = await startEmbeddedPostgres(dataDir, await freePort(), { info: log })
  process.env.DATABASE_URL = embedded.url
  return async () => {
    await embedded.stop()
    await rm(dataDir, { recursive: true, force: true })
  }
}
