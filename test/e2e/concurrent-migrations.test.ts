import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import pg from 'pg'
import t, { type Test } from 'tap'
import { MIGRATION_LOCK, migrate } from '../../src/db/migrate.js'
import { createPool } from '../../src/db/pool.js'
import { ROOT, SQL_DIR } from '../../src/paths.js'

const databaseUrl = process.env.DATABASE_URL!

/** A schema name no one uses yet, dropped in teardown: the migrations create it. */
function freshSchema(t: Test): string {
  const schema = `t_migrate_${randomBytes(5).toString('hex')}`
  t.teardown(async () => {
    const admin = new pg.Client({ connectionString: databaseUrl })
    await admin.connect()
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
    await admin.end()
  })
  return schema
}

/**
 * Holds the migration lock while `start` launches the migrations, and lets go
 * only once two sessions opened since then wait for it, so both really meet
 * at the lock instead of one finishing before the other begins.
 */
async function startTogether<T>(start: () => Promise<T>): Promise<T> {
  const holder = new pg.Client({ connectionString: databaseUrl })
  await holder.connect()
  await holder.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK])
  const { rows } = await holder.query<{ now: Date }>('SELECT now()')
  const started = start()
  try {
    for (let waiting = 0, i = 0; waiting < 2; i++) {
      if (i > 1200) throw new Error('the two migrations never reached the lock')
      await new Promise((resolve) => setTimeout(resolve, 50))
      const { rows: waiters } = await holder.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_stat_activity a USING (pid)
         WHERE l.locktype = 'advisory' AND NOT l.granted AND l.objid = $1 AND a.backend_start >= $2`,
        [MIGRATION_LOCK, rows[0]!.now],
      )
      waiting = waiters[0]!.n
    }
  } finally {
    await holder.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK])
    await holder.end()
  }
  return started
}

async function appliedIn(schema: string): Promise<string[]> {
  const pool = createPool(databaseUrl, schema, console, 1)
  try {
    const { rows } = await pool.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name')
    return rows.map((r) => r.name)
  } finally {
    await pool.end()
  }
}

const migrationFiles = async () => (await readdir(SQL_DIR)).filter((f) => f.endsWith('.sql')).sort()

t.test('two pools migrating one fresh schema at once: each migration runs once, both succeed', async (t) => {
  const schema = freshSchema(t)
  const pools = [createPool(databaseUrl, schema, console, 2), createPool(databaseUrl, schema, console, 2)]
  t.teardown(() => Promise.all(pools.map((p) => p.end())))

  const runs = await startTogether(() => Promise.allSettled(pools.map((pool) => migrate(pool))))
  t.same(
    runs.map((r) => r.status),
    ['fulfilled', 'fulfilled'],
    'both succeed',
  )
  const ran = runs.flatMap((r) => (r.status === 'fulfilled' ? r.value : []))
  t.same(ran.sort(), await migrationFiles(), 'every migration ran, and only once between the two')
  t.same(await appliedIn(schema), await migrationFiles(), 'each is recorded once')
})

/** `npm run migrate` as a separate process; resolves with its exit code and the migrations it reports. */
function migrateInChildProcess(schema: string): Promise<{ code: number | null; applied: string[]; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join('scripts', 'migrate.ts')], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  return new Promise((resolve) =>
    child.on('close', (code) => {
      const applied = output
        .split('\n')
        .flatMap((line) => /Applied migrations: ([^"]+)/.exec(line)?.[1]?.split(', ') ?? [])
      resolve({ code, applied, output })
    }),
  )
}

t.test('two processes running the migrate script at once on a fresh schema', async (t) => {
  const schema = freshSchema(t)
  const runs = await startTogether(() => Promise.all([migrateInChildProcess(schema), migrateInChildProcess(schema)]))
  for (const run of runs) t.equal(run.code, 0, `exits cleanly:\n${run.output}`)
  t.same(
    runs.flatMap((r) => r.applied).sort(),
    await migrationFiles(),
    'every migration applied by one process or the other, never both',
  )
  t.same(await appliedIn(schema), await migrationFiles())
})
