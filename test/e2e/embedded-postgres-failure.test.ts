import { spawn } from 'node:child_process'
import { chmod, mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { ROOT } from '../../src/paths.js'
import { freePort } from '../../scripts/throwaway-database.js'

/** Runs `npm run migrate`'s entry with no DATABASE_URL; returns its exit code and what it printed. */
function migrate(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  // `env -u NODE_OPTIONS`: without the test runner's hooks, as a person would run it.
  const child = spawn('env', ['-u', 'NODE_OPTIONS', process.execPath, 'scripts/launch.mjs', 'scripts/migrate.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })))
}

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
