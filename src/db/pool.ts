import pg from 'pg'

export type Queryable = pg.Pool | pg.PoolClient

/** pg returns bigint (int8) columns as strings; ids and counts here fit in a JS number. */
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value))

export function createPool(databaseUrl: string, schema: string, max = 10): pg.Pool {
  return new pg.Pool({
    connectionString: databaseUrl,
    max,
    options: `-c search_path=${schema}`,
    application_name: 'broadsheet',
  })
}

export async function withTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    const result = await work(client)
    await client.query('COMMIT')
    return result
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw err
  } finally {
    client.release()
  }
}
