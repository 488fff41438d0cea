import pg from 'pg'

export type Queryable = pg.Pool | pg.PoolClient

/** pg returns bigint (int8) columns as strings; ids and counts here fit in a JS number. */
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value))

/**
 * Every pool gets a listener for its idle clients' errors: a connection the server closes while
 * idle (a Postgres restart, an administrator) would otherwise crash the process. The pool replaces
 * the client on its next query, so a warning is all it takes.
 */
export function createPool(
  databaseUrl: string,
  schema: string,
  log: { warn(obj: object, msg: string): void },
  max = 10,
): pg.Pool {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max,
    options: `-c search_path=${schema}`,
    application_name: 'broadsheet',
  })
  pool.on('error', (err) => log.warn({ err }, 'an idle database connection was closed; the pool opens another'))
  return pool
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
