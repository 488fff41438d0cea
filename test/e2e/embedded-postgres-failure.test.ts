import { chmod, mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { freePort } from '../../scripts/throwaway-database.js'
import { runToEnd } from '../helpers/worker-process.js'

/** Runs `npm run migrate`'s entry with no DATABASE_URL. */
const migrate = (env: Record<string, string>) => runToEnd(join('scripts', 'migrate.ts'), env)

t.test('the embedded Postgres on a port already taken: one sentence that says what to do', async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'broadsheet-data-'))
  t.teardown(() => rm(dataDir, { recursive: true, force: true }))
  // As root, the OS user "postgres" must reach it to keep the cluster in it.
  await chmod(dataDir, 0o755)
  const port = await freePort()
  const squatter = createServer().listen(port, '127.0.0.1')
  t.teardown(() => squatter.close())

  const { code, stderr } = await migrate({ DATA_DIR: dataDir, EMBEDDED_POSTGRES_PORT: String(port) })
  t.equal(code, 1, 'exits with status 1')
  t.same(
    stderr.trim().split('\n'),
    [
      `The embedded Postgres could not start because port ${port} is in use: set EMBEDDED_POSTGRES_PORT to a free port, or DATABASE_URL to use your own Postgres.`,
    ],
    'one line, no stack trace',
  )

  squatter.close()
  const again = await migrate({ DATA_DIR: dataDir, EMBEDDED_POSTGRES_PORT: String(port) })
  t.equal(again.code, 0, 'with the port free, the same cluster starts and migrates')
  t.match(again.stdout, /The database is up to date\./)
})
