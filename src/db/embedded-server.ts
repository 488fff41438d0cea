import { spawn, type ChildProcess } from 'node:child_process'
import { chmod, chown, mkdir, open, readFile, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import pg from 'pg'
import type { ServerUser } from './embedded-files.js'

/** A start-up failure of the embedded Postgres, worded as one sentence that says what to do. */
export class EmbeddedPostgresError extends Error {
  override name = 'EmbeddedPostgresError'
}

export interface Cluster {
  /** The PostgreSQL installation: bin, lib, share. */
  binaries: string
  pgData: string
  /** Set when running as root: the OS user that owns the data and runs the server. */
  user: ServerUser | undefined
}

interface Credentials {
  user: string
  password: string
}

// Messages in English whatever the machine's locale, so that failures can be recognised.
const env = () => ({ ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' })
const ids = (cluster: Cluster) => (cluster.user ? { uid: cluster.user.uid, gid: cluster.user.gid } : {})

const serverLogOf = (cluster: Cluster) => join(cluster.pgData, 'server.log')

export async function initCluster(cluster: Cluster, credentials: Credentials): Promise<void> {
  await mkdir(cluster.pgData, { recursive: true, mode: 0o700 })
  await chmod(cluster.pgData, 0o700)
  // Next to the cluster, where its user can read it, and only for as long as initdb runs.
  const passwordFile = join(dirname(cluster.pgData), `.initdb-password-${process.pid}`)
  await writeFile(passwordFile, `${credentials.password}\n`, { mode: 0o600 })
  if (cluster.user) {
    await chown(cluster.pgData, cluster.user.uid, cluster.user.gid)
    await chown(passwordFile, cluster.user.uid, cluster.user.gid)
  }
  try {
    await runInitdb(cluster, credentials, passwordFile)
  } finally {
    await rm(passwordFile, { force: true })
  }
}

async function runInitdb(cluster: Cluster, credentials: Credentials, passwordFile: string): Promise<void> {
  const child = spawn(
    join(cluster.binaries, 'bin', 'initdb'),
    [
      `--pgdata=${cluster.pgData}`,
      '--auth=scram-sha-256',
      `--username=${credentials.user}`,
      `--pwfile=${passwordFile}`,
      '--encoding=UTF8',
      '--no-locale',
    ],
    { ...ids(cluster), env: env(), stdio: ['ignore', 'ignore', 'pipe'] },
  )
  let output = ''
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject)
    child.on('exit', resolve)
  })
  if (code !== 0) {
    const reason =
      output.split('\n').find((line) => /error|fatal|cannot|could not/i.test(line)) ?? `initdb exited with ${code}`
    throw new EmbeddedPostgresError(
      `The embedded Postgres could not create its data directory ${cluster.pgData} (${reason.trim()}): check that it is writable and the disk has room, or set DATABASE_URL to use your own Postgres.`,
    )
  }
}

interface RunningServer {
  pid: number
  stop(): Promise<void>
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

const waitGone = async (pid: number, ms: number) => {
  for (let waited = 0; waited < ms && isAlive(pid); waited += 25) await sleep(25)
}

/**
 * A smart shutdown first (SIGTERM: no new sessions, the ones closing finish cleanly, so no client
 * sees its connection cut), then a fast one (SIGINT) for sessions that linger, e.g. another process's.
 */
export async function stopByPid(pid: number): Promise<void> {
  for (const [signal, ms] of [
    ['SIGTERM', 5_000],
    ['SIGINT', 15_000],
  ] as const) {
    try {
      process.kill(pid, signal)
    } catch {
      return
    }
    await waitGone(pid, ms)
    if (!isAlive(pid)) return
  }
}

/**
 * Starts the server in its own process group, so a terminal's Ctrl-C reaches Broadsheet alone,
 * which stops Postgres last, once its pools are closed. Its output goes to server.log in the cluster.
 * `whileBooting` runs once the server process exists, before it accepts connections.
 */
export async function startServer(
  cluster: Cluster,
  port: number,
  credentials: Credentials,
  whileBooting?: () => void,
): Promise<RunningServer> {
  const logFile = await open(serverLogOf(cluster), 'a', 0o600)
  if (cluster.user) await logFile.chown(cluster.user.uid, cluster.user.gid)
  const logStart = (await logFile.stat()).size
  let child: ChildProcess
  try {
    child = spawn(
      join(cluster.binaries, 'bin', 'postgres'),
      // Loopback TCP only: no unix socket to collide with a system Postgres.
      ['-D', cluster.pgData, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      { ...ids(cluster), env: env(), detached: true, stdio: ['ignore', logFile.fd, logFile.fd] },
    )
  } finally {
    await logFile.close()
  }
  let exited = false
  child.on('exit', () => (exited = true))
  const spawnError = new Promise<Error>((resolve) => child.on('error', resolve))
  child.unref()
  const pid = child.pid
  if (pid === undefined) throw await spawnError
  whileBooting?.()

  // Should this process end without its shutdown (a crash), the server does not outlive it.
  const lastResort = () => isAlive(pid) && process.kill(pid, 'SIGINT')
  process.on('exit', lastResort)
  const stop = async () => {
    process.off('exit', lastResort)
    await stopByPid(pid)
  }

  for (let waited = 0; waited < 60_000; waited += 50) {
    if (exited) break
    if (await answers(port, credentials, cluster.pgData)) return { pid, stop }
    await sleep(50)
  }
  await stop()
  throw new EmbeddedPostgresError(await whyNotStarted(cluster, port, logStart))
}

/** Whether this cluster's server answers on `port` (and not some other server that holds it). */
async function answers(port: number, credentials: Credentials, pgData: string): Promise<boolean> {
  // Bounded: whatever else holds the port may take the connection and never answer.
  const client = new pg.Client({
    host: '127.0.0.1',
    port,
    ...credentials,
    database: 'postgres',
    connectionTimeoutMillis: 2000,
  })
  client.on('error', () => undefined)
  try {
    await client.connect()
    const { rows } = await client.query<{ data_directory: string }>('SHOW data_directory')
    await client.end()
    return rows[0]?.data_directory === pgData
  } catch {
    await client.end().catch(() => undefined)
    return false
  }
}

async function whyNotStarted(cluster: Cluster, port: number, logStart: number): Promise<string> {
  const log = (await readFile(serverLogOf(cluster), 'utf8').catch(() => '')).slice(logStart)
  if (/could not bind|address already in use/i.test(log)) {
    return `The embedded Postgres could not start because port ${port} is in use: set EMBEDDED_POSTGRES_PORT to a free port, or DATABASE_URL to use your own Postgres.`
  }
  const fatal = log.split('\n').find((line) => /FATAL|PANIC/.test(line))
  const reason = fatal ? fatal.replace(/^.*?(FATAL|PANIC):\s*/, '') : 'it stopped without saying why'
  return `The embedded Postgres in ${cluster.pgData} did not start (${reason}; its log is ${serverLogOf(cluster)}): fix that or set DATABASE_URL to use your own Postgres.`
}

/** The pid and port of a server already running on this cluster, read from postmaster.pid. */
export async function findRunningServer(pgData: string): Promise<{ pid: number; port: number } | undefined> {
  let lines: string[]
  try {
    lines = (await readFile(join(pgData, 'postmaster.pid'), 'utf8')).split('\n')
  } catch {
    return undefined
  }
  const pid = Number(lines[0])
  const port = Number(lines[3])
  if (!Number.isInteger(pid) || !Number.isInteger(port) || !isAlive(pid)) return undefined
  return { pid, port }
}

/** A server whose parent died (a killed Broadsheet process) is adopted: we stop it when we stop. */
export async function isOrphan(pid: number): Promise<boolean> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] === '1'
  } catch {
    return false
  }
}
