import type { Queryable } from './pool.js'

export async function readSetting(db: Queryable, name: string): Promise<string | undefined> {
  const { rows } = await db.query<{ value: string }>('SELECT value FROM settings WHERE name = $1', [name])
  return rows[0]?.value
}
