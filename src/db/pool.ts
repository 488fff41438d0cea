import pg from 'pg'

export type Queryable = pg.Pool | pg.PoolClient

/** pg returns bigint (int8) columns as strings; ids and counts here fit in a JS number. */
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value))

/**
 * Opening a connection takes a few milliseconds; one that takes longer than this fails. A
 * Postgres that accepts connections but does not answer (overloaded, frozen, half-started) then
 * costs a request a bounded wait and a 503, not a hang, and a connection is retried after it.
 */
export const CONNECT_TIMEOUT_MS = 5000
/** Connections a pool keeps open however long it sits idle: what one post or page needs at once. */
const IDLE_CONNECTIONS_KEPT = 2

/** Where a pool's warnings go: its idle connections' errors, its transactions' deadlock retries. */
type PoolLog = { warn(obj: object, msg: string): void }
const poolLogs = new WeakMap<pg.Pool, PoolLog>()

/**
 * Every pool gets a listener for its idle clients' errors: a connection the server closes while
 * idle (a Postgres restart, an administrator) would otherwise crash the process. The pool replaces
 * the client on its next query, so a warning is all it takes.
 */
export function createPool(databaseUrl: string, schema: string, log: PoolLog, max = 10): pg.Pool {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max,
    // pg closes an idle connection after 10 s; a quiet forum's next post would open new ones.
    min: IDLE_CONNECTIONS_KEPT,
    options: `-c search_path=${schema}`,
    application_name: 'broadsheet',
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  })
  pool.on('error', (err) => log.warn({ err }, 'an idle database connection was closed; the pool opens another'))
  poolLogs.set(pool, log)
  return pool
}

/**
 * Runs `work` in one transaction on one client. A transaction Postgres ends to break a deadlock is
 * run again from the start (and a warning logged), so `work` must do nothing but queries on the
 * client it is given.
 */
export async function withTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await runTransaction(pool, work)
    } catch (err) {
      if (!isDeadlock(err) || attempt === DEADLOCK_ATTEMPTS) throw err
      // Rare, and a sign of two paths taking the same locks in different orders: worth a line.
      poolLogs.get(pool)?.warn({ err, attempt }, 'a transaction was ended to break a deadlock; running it again')
    }
  }
}

/**
 * Two transactions that each wait for a row the other holds (two verdicts whose suspensions each
 * reach a juror of the other's jury, say): Postgres ends one of them with this SQLSTATE, all of its
 * work undone. Run again, it finds the other one done and goes through.
 */
const DEADLOCK_DETECTED = '40P01'
const DEADLOCK_ATTEMPTS = 3
const isDeadlock = (err: unknown) => (err as { code?: unknown } | null)?.code === DEADLOCK_DETECTED

async function runTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
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

/** SQLSTATEs of a server that is going away, starting up or full: the query itself was fine. */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300'])
/** The socket errors of a server that is not there or went away. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
])
/** What pg and its pool say, without a code, of a connection lost, never made, or unusable since. */
const LOST_CONNECTION = /^Connection terminated|^timeout exceeded when trying to connect|is not queryable/

/**
 * Whether an error means the database cannot be reached just now (restarting, down, out of
 * connections) rather than that the work itself was wrong: such work succeeds when tried again
 * once the database is back, and the person asking is told to come back shortly.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false
  const code = (err as { code?: unknown }).code
  if (
    typeof code === 'string' &&
    (UNAVAILABLE_STATES.has(code) || code.startsWith('08') || UNREACHABLE_CODES.has(code))
  )
    return true
  return LOST_CONNECTION.test(err.message)
}
