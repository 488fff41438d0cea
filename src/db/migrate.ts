import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type pg from 'pg'
import { SQL_DIR } from '../paths.js'
import { withTransaction } from './pool.js'

/** Web and worker processes may start together: one holds this lock while the others wait. */
export const MIGRATION_LOCK = 72_410_531

/**
 * Applies sql/NNN-*.sql files not yet recorded in schema_migrations, each in its
 * own transaction, in file-name order. Safe to run from many processes at once.
 */
export async function migrate(pool: pg.Pool, dir = SQL_DIR): Promise<string[]> {
  const files = (await readdir(dir)).filter((f) => /^\d{3}-[\w-]+\.sql$/.test(f)).sort()
  const lock = await pool.connect()
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK])
    // DATABASE_SCHEMA names it (checked in config.ts); the pool's search_path points there.
    // Created only when missing: a role that may not create schemas can still use an existing one.
    const { rows: schema } = await lock.query<{ name: string; exists: boolean }>(
      `SELECT s.name, EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = s.name) AS exists
       FROM (SELECT trim(split_part(current_setting('search_path'), ',', 1)) AS name) s`,
    )
    if (!schema[0]!.exists) await lock.query(`CREATE SCHEMA ${schema[0]!.name}`)
    await lock.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      name text PRIMARY KEY,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`)
    const { rows } = await lock.query<{ name: string }>('SELECT name FROM schema_migrations')
    const applied = new Set(rows.map((r) => r.name))
    const ran: string[] = []
    for (const file of files) {
      if (applied.has(file)) continue
      const sql = await readFile(join(dir, file), 'utf8')
      await withTransaction(pool, async (client) => {
        await client.query(sql)
        await client.query('INSERT INTO schema_migrations (name) VALUES ($1)', [file])
      })
      ran.push(file)
    }
    return ran
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined)
    lock.release()
  }
}
