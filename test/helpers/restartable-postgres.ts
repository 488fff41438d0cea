import { chmod, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from '../../scripts/throwaway-database.js'
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/db/embedded.js'
import type { Teardown } from './build-app.js'

/**
 * A throw-away embedded Postgres of the test's own, on a free port and a
 * temporary directory, that the test may stop and start again under an app.
 * Register it before the app: teardowns run last-in first-out, so the app
 * closes while its database still runs.
 */
export async function startRestartablePostgres(t: Teardown) {
  const dataDir = await mkdtemp(join(tmpdir(), 'broadsheet-restart-'))
  // mkdtemp makes it private; as root, Postgres runs as the user "postgres", which must get in.
  await chmod(dataDir, 0o755)
  const port = await freePort()
  const quiet = { info: () => {} }
  let server: EmbeddedDatabase | undefined = await startEmbeddedPostgres(dataDir, port, quiet)
  const url = server.url
  t.teardown(async () => {
    await server?.stop()
    await rm(dataDir, { recursive: true, force: true })
  })
  return {
    url,
    async stop() {
      await server?.stop()
      server = undefined
    },
    async start() {
      server = await startEmbeddedPostgres(dataDir, port, quiet)
    },
  }
}
